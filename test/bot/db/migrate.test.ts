import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { migrate } from '../../../src/bot/db/migrate';
import { migrations } from '../../../src/bot/db/migrations';
import { createSchema, poolForSchema, scenarioSchemaName, dropSchema } from '../../../support/database';

const db = useTestDatabase();

test('migrating again applies nothing', async () => {
  const { pool } = await db.freshSchema();
  assert.deepEqual(await migrate(pool), []);
});

test('ten runners at once on one schema: each migration applied exactly once', async () => {
  const schema = scenarioSchemaName('test_');
  await createSchema(db.admin(), schema);
  const pool = poolForSchema(db.url(), schema, { max: 10 });
  try {
    const applied = await Promise.all(Array.from({ length: 10 }, () => migrate(pool)));
    assert.deepEqual(applied.flat(), migrations.map((migration) => migration.id));
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    assert.equal(rows[0].n, migrations.length);
  } finally {
    await pool.end();
    await dropSchema(db.admin(), schema);
  }
});

test('{ schema } migrates a named schema, creating it, whatever the pool\'s search_path', async () => {
  const schema = scenarioSchemaName('test_');
  try {
    assert.deepEqual(await migrate(db.admin(), { schema }), migrations.map((migration) => migration.id));
    const { rows } = await db.admin().query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'photos'`, [schema]);
    assert.equal(rows[0].n, 1);
  } finally {
    await dropSchema(db.admin(), schema);
  }
});

test('a failing migration leaves nothing behind', async () => {
  const schema = scenarioSchemaName('test_');
  await createSchema(db.admin(), schema);
  const pool = poolForSchema(db.url(), schema);
  try {
    const broken = [{ id: '900-ok', sql: 'CREATE TABLE a (id int)' }, { id: '901-broken', sql: 'CREATE TABLE oops (' }];
    await assert.rejects(migrate(pool, { migrations: broken }), /syntax error/);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [schema]);
    assert.equal(rows[0].n, 0);
  } finally {
    await pool.end();
    await dropSchema(db.admin(), schema);
  }
});

test('a search_path naming no schema is a clear error', async () => {
  const pool = poolForSchema(db.url(), 'no_such_schema');
  try {
    await assert.rejects(migrate(pool), /search_path names no existing schema/);
  } finally {
    await pool.end();
  }
});
