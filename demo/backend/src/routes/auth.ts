import { Router } from 'express';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { pool } from '../db';
import { logger } from '../logger';

export const auth = Router();

auth.post('/api/v1/auth/login', async (req, res) => {
  // Mistake: the whole login body, password included, goes to the log.
  logger.info({ body: req.body }, 'login attempt');
  const { email, password } = req.body;
  const { rows } = await pool.query('SELECT id, password_hash FROM users WHERE email = $1', [email]);
  const user = rows[0];
  if (!user || !(await bcrypt.compare(password, user.password_hash))) {
    logger.warn({ email: typeof email === 'string' ? email.length : 0 }, 'login failed');
    return res.status(401).json({ success: false, error: { code: 'BAD_CREDENTIALS', message: 'Wrong email or password' } });
  }
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '1h', algorithm: 'HS256' });
  logger.info({ userId: user.id, tokenIssued: Boolean(token) }, 'login succeeded');
  res.json({ data: { token } });
});

export function requireUser(req: any, res: any, next: any) {
  const header = req.headers.authorization;
  // Mistake: the bearer token is written to the debug log.
  logger.debug(`auth header: ${header}`);
  if (!header?.startsWith('Bearer ')) return res.status(401).json({ success: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
  next();
}
