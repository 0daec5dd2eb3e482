/**
 * Nothing an embedded PostgreSQL starts outlives the process that started it, wherever that
 * process is killed with SIGKILL (so no code of it runs at its death): during initdb, during the
 * copy of a cached cluster that replaces it, and once the server runs. A child process starts the server and reports each stage with its pid; the
 * test kills the child at that stage and waits (on a directory watch, not a clock) for the
 * server's directory to disappear, then checks that no process of it runs and that no password
 * file was left in the temp directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../../support/database';
import { isRunning } from '../../../support/database/processes';
import { leftoversIn, ownerScript, stagesOf, untilEmpty } from './owner-process';

const ROOT = join(__dirname, '..', '..', '..');

function startOwner(t: import('node:test').TestContext, templateCacheDir: string | null = null) {
  const parentDir = mkdtempSync(join(tmpdir(), 'pg-kill-'));
  chmodSync(parentDir, 0o755); // as root, the server runs as "postgres", which must reach its directory
  const temp = mkdtempSync(join(tmpdir(), 'pg-kill-tmp-'));
  t.after(() => {
    rmSync(parentDir, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });
  const owner = spawn(process.execPath, ['--require', 'ts-node/register', '-e', ownerScript(parentDir, templateCacheDir)], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TMPDIR: temp },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => owner.kill('SIGKILL'));
  const exited = new Promise((resolve) => owner.once('exit', resolve));
  return { owner, stages: stagesOf(owner), exited, parentDir, temp };
}

test('killed with SIGKILL during initdb: initdb is killed, its directory and password file removed', { timeout: 60_000 }, async (t) => {
  const { owner, stages, exited, parentDir, temp } = startOwner(t);
  const initdb = await stages.until('initdb');
  // Freeze initdb, so that it is certainly still running when its owner dies.
  process.kill(initdb, 'SIGSTOP');
  assert.ok(isRunning(initdb), 'initdb was still running when its owner was killed');
  assert.equal(readdirSync(parentDir).length, 1);
  owner.kill('SIGKILL');
  await exited;
  await untilEmpty(parentDir);
  assert.equal(isRunning(initdb), false, 'initdb still runs');
  assert.deepEqual(leftoversIn(parentDir), [], 'processes of the server are left');
  assert.deepEqual(readdirSync(temp).filter((name) => name.startsWith('pg-password-')), [], 'a password file was left in the temp directory');
});

test('killed with SIGKILL once the server runs: the server is killed and its directory removed', { timeout: 60_000 }, async (t) => {
  const { owner, stages, exited, parentDir } = startOwner(t);
  const server = await stages.until('ready');
  const port = await stages.until('port');
  owner.kill('SIGKILL');
  await exited;
  await untilEmpty(parentDir);
  assert.equal(isRunning(server), false, 'the server still runs');
  assert.deepEqual(leftoversIn(parentDir), [], 'processes of the server are left');
  await assert.rejects(
    new Promise((resolve, reject) => connect(port, '127.0.0.1').once('connect', resolve).once('error', reject)),
    /ECONNREFUSED/,
  );
});

test('killed with SIGKILL while its cluster is copied from the cache: the copy is killed and its directory removed', { timeout: 60_000 }, async (t) => {
  const templateCacheDir = mkdtempSync(join(tmpdir(), 'pg-kill-template-'));
  t.after(() => rmSync(templateCacheDir, { recursive: true, force: true }));
  await (await startEmbeddedPostgres({ templateCacheDir })).stop(); // initdb once: the cache now holds a cluster
  const { owner, stages, exited, parentDir } = startOwner(t, templateCacheDir);
  const copy = await stages.until('copy');
  // Freeze the copy, so that it is still running when its owner dies. A copy takes a fraction of
  // initdb's time and may already have ended under load: then the kill lands between the copy
  // and the server, and nothing may be left either.
  try {
    process.kill(copy, 'SIGSTOP');
  } catch {
    // already ended
  }
  owner.kill('SIGKILL');
  await exited;
  await untilEmpty(parentDir);
  assert.equal(isRunning(copy), false, 'the copy still runs');
  assert.deepEqual(leftoversIn(parentDir), [], 'processes of the server are left');
});
