import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { inTransaction } from '../../../src/bot/db/transaction';

const db = useTestDatabase();

test('a failure inside a transaction leaves nothing behind and frees the connection', async () => {
  const { pool } = await db.freshSchema({ max: 1 });
  await assert.rejects(
    inTransaction(pool, async (tx) => {
      await tx.query(`INSERT INTO people (id, first_name, album_id) VALUES (1, 'A', 1)`);
      await tx.query(`INSERT INTO albums (id, owner_id) VALUES (1, 1)`);
      throw new Error('boom');
    }),
    /boom/,
  );
  const { rows } = await pool.query('SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM albums)::int AS albums');
  assert.deepEqual(rows[0], { people: 0, albums: 0 });
});

test('a database that goes away mid-transaction leaves nothing half-written', async () => {
  const { pool, schema } = await db.freshSchema({ max: 2 });
  await assert.rejects(
    inTransaction(pool, async (tx) => {
      await tx.query(`INSERT INTO people (id, first_name, album_id) VALUES (1, 'A', 1)`);
      await tx.query(`INSERT INTO albums (id, owner_id) VALUES (1, 1)`);
      const { rows } = await tx.query('SELECT pg_backend_pid() AS pid');
      await db.admin().query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await tx.query('SELECT 1');
    }),
  );
  const { rows } = await db.admin().query(`SELECT (SELECT count(*) FROM "${schema}".people)::int AS people`);
  assert.deepEqual(rows[0], { people: 0 });
});
