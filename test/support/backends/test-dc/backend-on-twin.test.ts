/**
 * The test-dc backend through the wire, against the embedded Telegram as the test-DC twin:
 * real GramJS clients, reached only through TEST_DC_ADDRESSES and TEST_DC_RSA_KEY.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../../src/emulator';
import { TestDcBackend } from '../../../../support/backends/test-dc';

let emulator: Emulator;
const dirs: string[] = [];
before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.stop();
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

let bots = 0;
function settings(cacheDir: string, worker = 0): NodeJS.ProcessEnv {
  const bot = emulator.control.createBot({ username: `twin_test_${++bots}_bot` });
  return {
    TELEGRAM_API_ID: '1',
    TELEGRAM_API_HASH: '0123456789abcdef0123456789abcdef',
    TEST_DC_ADDRESSES: emulator.dcs.map((dc) => `${dc.id}=${dc.host}:${dc.port}`).join(','),
    TEST_DC_RSA_KEY: emulator.rsaPublicKeyPem,
    TEST_DC_BOT_API_ROOT: emulator.botApiRoot,
    TEST_DC_CACHE_DIR: cacheDir,
    TEST_DC_BOT_TOKENS: Array(worker + 1).fill(bot.token).join(','),
    TEST_DC_BOT_USERNAMES: Array(worker + 1).fill(bot.username).join(','),
    CUCUMBER_WORKER_ID: String(worker),
  };
}

function freshCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'test-dc-backend-'));
  dirs.push(dir);
  return dir;
}

describe('TestDcBackend on the twin', () => {
  it('requests no login code on a second run: sessions come from the cache (files 0600)', async () => {
    const cacheDir = freshCache();
    const lines: string[] = [];
    const first = new TestDcBackend(settings(cacheDir), (line) => lines.push(line));
    await first.start();
    const alice = await first.signIn({ index: 1, firstName: 'Alice' });
    const aliceId = (await alice.getMe()).id.toString();
    await first.signIn({ index: 2, firstName: 'Bob' });
    await first.stop();
    assert.deepEqual(first.counts, { codesRequested: 2, resumed: 0, loggedIn: 2 });
    assert.match(lines.at(-1)!, /^test-dc: worker 0 requested 2 login codes \(0 of 2 logins resumed a cached session/);

    const second = new TestDcBackend(settings(cacheDir), (line) => lines.push(line));
    await second.start();
    const again = await second.signIn({ index: 1, firstName: 'Alice' });
    assert.equal((await again.getMe()).id.toString(), aliceId, 'the same account');
    const renamed = await second.signIn({ index: 2, firstName: 'Carol' });
    assert.equal((await renamed.getMe() as { firstName?: string }).firstName, 'Carol', 'a cached account takes the name of the person now in its slot');
    await second.stop();
    assert.deepEqual(second.counts, { codesRequested: 0, resumed: 2, loggedIn: 0 });
    assert.match(lines.at(-1)!, /requested 0 login codes/);

    const sessions = readdirSync(join(cacheDir, readdirSync(cacheDir)[0]!)).filter((name) => name.startsWith('session-'));
    assert.equal(sessions.length, 2);
    for (const name of sessions) assert.equal(statSync(join(cacheDir, readdirSync(cacheDir)[0]!, name)).mode & 0o777, 0o600);
  });

  it('discards a corrupt session with a warning and logs in afresh', async () => {
    const cacheDir = freshCache();
    const lines: string[] = [];
    const first = new TestDcBackend(settings(cacheDir), (line) => lines.push(line));
    await first.start();
    await first.signIn({ index: 1, firstName: 'Alice' });
    await first.stop();
    const folder = join(cacheDir, readdirSync(cacheDir)[0]!);
    const [session] = readdirSync(folder).filter((name) => name.startsWith('session-'));
    writeFileSync(join(folder, session!), '{"version":1,"session":"1AAAA');

    const second = new TestDcBackend(settings(cacheDir), (line) => lines.push(line));
    await second.start();
    await second.signIn({ index: 1, firstName: 'Alice' });
    await second.stop();
    assert.equal(second.counts.codesRequested, 1);
    assert.ok(lines.some((line) => /could not be read \(it is not valid JSON\); it was deleted and will be made afresh/.test(line)), lines.join('\n'));
  });

  it('skips a 2FA-locked number on one line, and waits out a short FLOOD_WAIT', async () => {
    const cacheDir = freshCache();
    const lines: string[] = [];
    const backend = new TestDcBackend(settings(cacheDir, 1), (line) => lines.push(line));
    await backend.start();
    const [locked, next] = backend.candidateNumbers({ index: 2, firstName: 'Bob' });
    emulator.control.protectWithPassword(locked!);
    emulator.control.injectFloodWait('auth.SendCode', 1, 1);
    const bob = await backend.signIn({ index: 2, firstName: 'Bob' });
    assert.equal((await bob.getMe() as { phone?: string }).phone, next);
    await backend.stop();
    assert.equal(lines.filter((line) => line.includes('SESSION_PASSWORD_NEEDED')).length, 1);
    assert.match(lines.join('\n'), /test-dc: Bob \(99966 2 ••\d\d\): FLOOD_WAIT_1 on auth\.sendCode: retrying in 1 s\ntest-dc: Bob \(99966 2 ••\d\d\): FLOOD_WAIT_1 on auth\.sendCode: retrying now/);
  });
});
