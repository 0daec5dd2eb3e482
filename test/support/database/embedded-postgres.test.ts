import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, findFreePort } from '../../../support/database';

test('starts an empty server on a free port, answers queries, and leaves nothing behind when stopped', async () => {
  const server = await startEmbeddedPostgres();
  assert.match(server.url, /^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
  assert.ok(existsSync(server.dataDir));
  if (existsSync('/dev/shm')) assert.ok(server.dataDir.startsWith('/dev/shm/'));
  const client = new Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query('SHOW fsync');
  assert.equal(rows[0].fsync, 'off');
  await client.end();
  await server.stop();
  await server.stop();
  assert.equal(existsSync(server.dataDir), false);
  const after = new Client({ connectionString: server.url });
  await assert.rejects(after.connect(), /ECONNREFUSED/);
});

test('two servers side by side get different ports and directories', async () => {
  const [a, b] = await Promise.all([startEmbeddedPostgres(), startEmbeddedPostgres()]);
  try {
    assert.notEqual(a.port, b.port);
    assert.notEqual(a.dataDir, b.dataDir);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('a taken port fails with the server log in the message', async () => {
  const server = await startEmbeddedPostgres();
  try {
    await assert.rejects(startEmbeddedPostgres({ port: server.port }), (error: Error) => {
      assert.match(error.message, /did not start on 127\.0\.0\.1:\d+/);
      assert.match(error.message, /last PostgreSQL log lines[\s\S]*(could not bind|already in use|lock file)/i);
      return true;
    });
  } finally {
    await server.stop();
  }
});

test('findFreePort returns a bindable port', async () => {
  const port = await findFreePort();
  assert.ok(port > 0 && port < 65536);
});

test('the first server initialises and caches its cluster, the next starts from a copy, and a cluster that does not start is dropped', async (t) => {
  const templateCacheDir = mkdtempSync(join(tmpdir(), 'pg-template-test-'));
  t.after(() => rmSync(templateCacheDir, { recursive: true, force: true }));
  const first = await startEmbeddedPostgres({ templateCacheDir });
  await first.stop();
  const [cluster] = readdirSync(templateCacheDir);
  assert.match(cluster ?? '', /^cluster-[0-9a-f]{16}$/, 'one complete template, nothing half-saved');
  assert.ok(existsSync(join(templateCacheDir, cluster!, 'PG_VERSION')));
  assert.equal(existsSync(join(templateCacheDir, cluster!, 'postmaster.pid')), false, 'no server ever ran on the template');

  const second = await startEmbeddedPostgres({ templateCacheDir });
  try {
    const client = new Client({ connectionString: second.url });
    await client.connect();
    const { rows } = await client.query('SELECT current_user');
    assert.equal(rows[0].current_user, 'postgres');
    await client.end();
  } finally {
    await second.stop();
  }

  // A damaged template: the server does not start, says why, and the template is dropped.
  rmSync(join(templateCacheDir, cluster!, 'global'), { recursive: true });
  await assert.rejects(startEmbeddedPostgres({ templateCacheDir }), /from a copy of the cached cluster .* \(now removed: the next start runs initdb\)/);
  assert.deepEqual(readdirSync(templateCacheDir), []);
});
