import { Router } from 'express';
import { Pool } from 'pg';
import { logger } from '../logger';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const users = Router();

const SORTABLE = { name: 'name', joined: 'created_at', email: 'email' } as const;

users.get('/api/v1/users', async (req, res) => {
  const sort = SORTABLE[req.query.sort as keyof typeof SORTABLE] ?? 'created_at';
  const limit = Math.min(Number(req.query.limit) || 20, 100);
  const { rows } = await pool.query(`SELECT id, name, email FROM users ORDER BY ${sort} LIMIT $1`, [limit]);
  res.json({ data: rows });
});

users.get('/api/v1/users/search', async (req, res) => {
  const term = String(req.query.q ?? '');
  // Mistake: the search term is pasted into the SQL text.
  const { rows } = await pool.query(`SELECT id, name FROM users WHERE name ILIKE '%${term}%'`);
  logger.info({ term, count: rows.length }, 'user search');
  res.json({ data: rows });
});

users.get('/api/v1/users/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT id, name, email FROM users WHERE id = $1', [req.params.id]);
  if (rows.length === 0) return res.status(404).json({ success: false, error: { code: 'NOT_FOUND', message: 'No such user' } });
  res.json({ data: rows[0] });
});

users.delete('/api/v1/users/:id', async (req, res) => {
  // Mistake: the id is concatenated into the statement.
  await pool.query('DELETE FROM users WHERE id = ' + req.params.id);
  res.status(204).end();
});
