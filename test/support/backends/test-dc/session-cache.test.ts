import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionCache } from '../../../../support/backends/test-dc/session-cache';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'session-cache-'));
  dirs.push(dir);
  return join(dir, 'cache');
}

const SESSION = '1' + 'A'.repeat(350) + '=';
const PHONE = '9996621234';

describe('SessionCache', () => {
  it('keeps sessions and bots in a 0700 directory, each file 0600', () => {
    const cache = new SessionCache(freshDir(), () => assert.fail('no warning expected'));
    cache.writeSession(PHONE, SESSION);
    cache.writeBot('w0', { token: '7012345678:AAHf3kQx9_Zp-4bVt2LmNcR8sYwE1uJ0oKi', username: 'x_bot' });
    assert.equal(statSync(cache.dir).mode & 0o777, 0o700);
    for (const file of cache.files()) assert.equal(statSync(join(cache.dir, file)).mode & 0o777, 0o600, file);
    assert.equal(new SessionCache(cache.dir).readSession(PHONE), SESSION, 'read back by another run');
    assert.equal(cache.readBot('w0')?.username, 'x_bot');
    assert.equal(cache.readSession('9996620000'), undefined);
    cache.releaseAll();
  });

  it('discards a corrupt session with a warning that shows no secret', () => {
    const warnings: string[] = [];
    const cache = new SessionCache(freshDir(), (line) => warnings.push(line));
    writeFileSync(join(cache.dir, `session-${PHONE}.json`), '{"session": "1AAA', { mode: 0o600 });
    assert.equal(cache.readSession(PHONE), undefined);
    assert.equal(cache.files().length, 0, 'the file is gone');
    cache.writeSession(PHONE, SESSION);
    writeFileSync(join(cache.dir, `session-${PHONE}.json`), '{"session": "not a session"}');
    assert.equal(cache.readSession(PHONE), undefined);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /could not be read \(it is not valid JSON\); it was deleted and will be made afresh/);
    assert.ok(warnings.every((line) => !line.includes('AAAA')));
    cache.releaseAll();
  });

  it('lets one live process hold a number, takes over a dead one\'s lock, and releases its own', () => {
    const dir = freshDir();
    const first = new SessionCache(dir, undefined, 1111);
    const second = new SessionCache(dir, undefined, 2222);
    const alive = new Set([1111, 2222]);
    const isAlive = (pid: number) => alive.has(pid);
    assert.equal(first.lock(PHONE, isAlive), true);
    assert.equal(first.lock(PHONE, isAlive), true, 'already ours');
    assert.equal(second.lock(PHONE, isAlive), false, 'held by a live process');
    assert.equal(readFileSync(join(dir, `${PHONE}.lock`), 'utf8'), '1111');
    alive.delete(1111); // the first run died without cleaning up
    assert.equal(second.lock(PHONE, isAlive), true, 'a stale lock is taken over');
    second.releaseAll();
    assert.deepEqual(second.files(), []);
    first.releaseAll();
  });

  it('keeps the machine block once drawn and remembers unusable numbers', () => {
    const dir = freshDir();
    const cache = new SessionCache(dir);
    assert.equal(cache.machineBlock(() => 420), 420);
    assert.equal(new SessionCache(dir).machineBlock(() => 9), 420);
    cache.markUnusable(PHONE, 'SESSION_PASSWORD_NEEDED');
    cache.markUnusable('9996610001', 'PHONE_NUMBER_BANNED');
    assert.deepEqual([...new SessionCache(dir).unusableNumbers()], [[PHONE, 'SESSION_PASSWORD_NEEDED'], ['9996610001', 'PHONE_NUMBER_BANNED']]);
    cache.releaseAll();
  });
});
