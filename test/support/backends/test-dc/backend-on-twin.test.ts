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
import { BOT_MAKER_SLOT, FIRST_PERSON, TestDcBackend } from '../../../../support/backends/test-dc';
import { FloodWaitTooLongError } from '../../../../support/backends/test-dc/flood-wait';
import { twinSettings } from '../../../../support/backends/test-dc-twin/twin-settings';

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
    ...twinSettings(emulator, cacheDir),
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
    // start() logged Alice in first (before any scenario); her signIn resumed that session.
    assert.deepEqual(first.counts, { codesRequested: 2, resumed: 1, loggedIn: 2 });
    assert.match(lines.at(-1)!, /^test-dc: worker 0 requested 2 login codes \(1 of 3 logins resumed a cached session/);

    const second = new TestDcBackend(settings(cacheDir), (line) => lines.push(line));
    await second.start();
    const again = await second.signIn({ index: 1, firstName: 'Alice' });
    assert.equal((await again.getMe()).id.toString(), aliceId, 'the same account');
    const renamed = await second.signIn({ index: 2, firstName: 'Carol' });
    assert.equal((await renamed.getMe() as { firstName?: string }).firstName, 'Carol', 'a cached account takes the name of the person now in its slot');
    await second.stop();
    assert.deepEqual(second.counts, { codesRequested: 0, resumed: 3, loggedIn: 0 });
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

  describe('a FLOOD_WAIT above the limit (limitLoginCodes: one code an hour, and someone asked for one a moment ago)', () => {
    const STOP = /^Telegram asks to wait \d+ min \(FLOOD_WAIT_\d{4}\) before auth\.sendCode again, more than TEST_DC_FLOOD_WAIT_LIMIT_S \(60 s\)\. Run again after \d{4}-\d\d-\d\dT[\d:.]+Z, or raise TEST_DC_FLOOD_WAIT_LIMIT_S to \d{4} to wait it out/;
    after(() => emulator.control.limitLoginCodes(undefined));

    it('on the first person\'s login stops start(), before any scenario, naming the wait and the remedy', async () => {
      const backend = new TestDcBackend(settings(freshCache()), () => {});
      backend.prepare();
      emulator.control.limitLoginCodes(1);
      emulator.control.strangerRequestsLoginCode(backend.candidateNumbers(FIRST_PERSON)[0]!);
      await assert.rejects(backend.start(), (error: Error) => error instanceof FloodWaitTooLongError && STOP.test(error.message));
      await backend.stop();
      assert.equal(backend.counts.codesRequested, 0);
    });

    it('on the bot maker\'s login (zero-config: no TEST_DC_BOT_TOKENS) stops start() the same way', async () => {
      const env = settings(freshCache());
      delete env.TEST_DC_BOT_TOKENS;
      delete env.TEST_DC_BOT_USERNAMES;
      const backend = new TestDcBackend(env, () => {});
      backend.prepare();
      emulator.control.limitLoginCodes(1);
      emulator.control.strangerRequestsLoginCode(backend.candidateNumbers({ index: BOT_MAKER_SLOT, firstName: '' })[0]!);
      await assert.rejects(backend.start(), (error: Error) => error instanceof FloodWaitTooLongError && STOP.test(error.message));
      await backend.stop();
      assert.equal(backend.met.botMadeWithBotFather, false);
    });

    it('later in the run: that login fails with it, and every later login fails at once without asking for a code', async () => {
      const lines: string[] = [];
      const backend = new TestDcBackend(settings(freshCache()), (line) => lines.push(line));
      await backend.start();
      emulator.control.limitLoginCodes(1);
      emulator.control.strangerRequestsLoginCode(backend.candidateNumbers({ index: 2, firstName: 'Bob' })[0]!);
      const stop = await backend.signIn({ index: 2, firstName: 'Bob' }).then(() => assert.fail('Bob logged in'), (error: unknown) => error);
      assert.ok(stop instanceof FloodWaitTooLongError && STOP.test(stop.message), String(stop));
      const codes = backend.counts.codesRequested;
      await assert.rejects(backend.signIn({ index: 3, firstName: 'Carol' }), (error) => error === stop);
      assert.equal(backend.counts.codesRequested, codes, 'no code asked for Carol');
      await backend.stop();
      assert.equal(lines.filter((line) => line.includes('asks for no more login codes in this run')).length, 1);
    });
  });
});
