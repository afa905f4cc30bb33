import express from 'express';
import helmet from 'helmet';
import { pool } from './db';
import { logger } from './logger';
import { auth } from './routes/auth';
import { users } from './routes/users';

const app = express();
app.use(helmet());
app.use(express.json({ limit: '100kb' }));
app.use(auth);
app.use(users);

app.get('/health', async (_req, res) => {
  try {
    await pool.query('SELECT 1');
    res.json({ status: 'ok' });
  } catch {
    res.status(503).json({ status: 'unavailable' });
  }
});

app.listen(Number(process.env.PORT ?? 3000), () => logger.info({ port: process.env.PORT ?? 3000 }, 'listening'));
