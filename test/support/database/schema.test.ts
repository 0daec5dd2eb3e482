import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import {
  startEmbeddedPostgres,
  openAdminPool,
  createSchema,
  dropSchema,
  dropOrphanSchemas,
  poolForSchema,
  scenarioSchemaName,
  DatabaseSettingError,
  findFreePort,
  type EmbeddedPostgresServer,
  type Queryable,
} from '../../../support/database';

let server: EmbeddedPostgresServer;
let admin: Pool;
before(async () => {
  server = await startEmbeddedPostgres();
  admin = await openAdminPool(server.url);
});
after(async () => {
  await admin.end();
  await server.stop();
});

async function schemas(prefix: string): Promise<string[]> {
  const { rows } = await admin.query('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY 1', [prefix]);
  return rows.map((row) => row.nspname);
}

test('a pool for a schema creates and finds its tables there', async () => {
  const name = scenarioSchemaName('scn_');
  assert.match(name, /^scn_[a-z0-9]+_[0-9a-f]{6}$/);
  await createSchema(admin, name);
  const pool = poolForSchema(server.url, name);
  try {
    await pool.query('CREATE TABLE things (id int)');
    const { rows } = await admin.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'things'`);
    assert.deepEqual(rows, [{ table_schema: name }]);
  } finally {
    await pool.end();
  }
  await dropSchema(admin, name);
  await dropSchema(admin, name);
  assert.deepEqual(await schemas(name), []);
});

test('orphans: schemas of dead processes, or without a creator, or too old, are dropped; live ones stay', async () => {
  const live = scenarioSchemaName('orph_');
  await createSchema(admin, live);
  await admin.query('CREATE SCHEMA orph_nocomment');
  await admin.query(`CREATE SCHEMA orph_dead`);
  await admin.query(`COMMENT ON SCHEMA orph_dead IS '${JSON.stringify({ createdAt: new Date().toISOString(), pid: 2 ** 22 + 12345, hostname: hostname() })}'`);
  await admin.query('CREATE TABLE orph_dead.t (id int)');

  assert.deepEqual((await dropOrphanSchemas(admin, 'orph_')).sort(), ['orph_dead', 'orph_nocomment']);
  assert.deepEqual(await schemas('orph_'), [live]);
  assert.deepEqual(await dropOrphanSchemas(admin, 'orph_', 60_000), []);
  assert.deepEqual(await dropOrphanSchemas(admin, 'orph_', -1), [live]);
});

test('a sweep on a shared database never drops a schema another worker is creating', async () => {
  // Another worker's start-up sweep may read the schema list between any two statements of
  // createSchema: run one at each such point (after every query createSchema sends).
  const name = scenarioSchemaName('race_');
  const droppedMeanwhile: string[] = [];
  const creator: Queryable = {
    async query(text, values) {
      const result = await admin.query(text, values);
      droppedMeanwhile.push(...(await dropOrphanSchemas(admin, 'race_')));
      return result as never;
    },
  };
  await createSchema(creator, name).catch(() => undefined);
  assert.deepEqual(droppedMeanwhile, [], 'a sweep dropped the schema while it was being created');
  assert.deepEqual(await schemas('race_'), [name]);
  const { rows } = await admin.query(`SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`, [name]);
  assert.equal(JSON.parse(rows[0].comment).pid, process.pid, 'the schema is marked with its creator');
  await dropSchema(admin, name);
});

test('schema names are checked', async () => {
  await assert.rejects(createSchema(admin, 'Robert"; DROP'), /Invalid schema name/);
  assert.throws(() => poolForSchema(server.url, 'a b'), /Invalid schema name/);
});

test('a malformed DATABASE_URL names the setting and the expected shape', async () => {
  await assert.rejects(openAdminPool('localhost:5432'), (error: DatabaseSettingError) => {
    assert.ok(error instanceof DatabaseSettingError);
    assert.equal(error.setting, 'DATABASE_URL');
    assert.match(error.message, /^DATABASE_URL: has the scheme "localhost:".*postgres:\/\/user:password@host:5432\/database/);
    return true;
  });
  await assert.rejects(openAdminPool('not a url'), /DATABASE_URL: is not a URL/);
  await assert.rejects(openAdminPool(undefined), /DATABASE_URL: is not set/);
  assert.throws(() => poolForSchema('http://x', 'a'), /DATABASE_URL: has the scheme "http:"/);
});

test('an unreachable server names the setting, the address and the fix, and hides the password', async () => {
  const port = await findFreePort();
  await assert.rejects(openAdminPool(`postgres://postgres:secret@127.0.0.1:${port}/postgres`), (error: Error) => {
    assert.match(error.message, new RegExp(`^DATABASE_URL: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)\\. Start a server there or correct DATABASE_URL`));
    assert.doesNotMatch(error.message, /secret/);
    return true;
  });
});
