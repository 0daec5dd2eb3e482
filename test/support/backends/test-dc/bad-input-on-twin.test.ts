/**
 * The bad input, through the wire against the twin (real GramJS clients): Telegram
 * refusing the app (API_ID_INVALID), no free number after N tries, and a session held by
 * another live run on this machine. Each stops or steers the run with a message that says
 * what happened and what to do; the first two stop start(), before any scenario.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../../src/emulator';
import { FIRST_PERSON, TestDcBackend } from '../../../../support/backends/test-dc';
import { ApiIdInvalidError, NoFreeNumberError } from '../../../../support/backends/test-dc/log-in';
import { twinSettings } from '../../../../support/backends/test-dc-twin/twin-settings';

const GUARD = { timeout: 60_000 };

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
function settings(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const cacheDir = mkdtempSync(join(tmpdir(), 'test-dc-bad-input-'));
  dirs.push(cacheDir);
  const bot = emulator.control.createBot({ username: `bad_input_${++bots}_bot` });
  return {
    ...twinSettings(emulator, cacheDir),
    TEST_DC_BOT_TOKENS: bot.token,
    TEST_DC_BOT_USERNAMES: bot.username,
    CUCUMBER_WORKER_ID: '0',
    ...extra,
  };
}

describe('bad input, on the twin', () => {
  it('API_ID_INVALID from Telegram stops start() and says to check my.telegram.org', GUARD, async () => {
    emulator.control.refuseApiId(4242);
    const backend = new TestDcBackend(settings({ TELEGRAM_API_ID: '4242' }), () => {});
    await assert.rejects(backend.start(), (error: Error) =>
      error instanceof ApiIdInvalidError && /^Telegram answered API_ID_INVALID: TELEGRAM_API_ID and TELEGRAM_API_HASH are not a valid pair\. Check them at https:\/\/my\.telegram\.org/.test(error.message));
    await backend.stop();
    assert.equal(backend.counts.codesRequested, 0);
  });

  it('no free number after N tries stops start(), saying how many were tried and why each was skipped', GUARD, async () => {
    const lines: string[] = [];
    const backend = new TestDcBackend(settings({ TEST_DC_NUMBER_TRIES: '2' }), (line) => lines.push(line));
    backend.prepare();
    const [locked, banned] = backend.candidateNumbers(FIRST_PERSON);
    emulator.control.protectWithPassword(locked!);
    emulator.control.banNumber(banned!);
    await assert.rejects(backend.start(), (error: Error) => {
      assert.ok(error instanceof NoFreeNumberError, String(error));
      assert.match(error.message, /^No free test number for Alice after 2 tries: 99966 1 ••\d\d \(SESSION_PASSWORD_NEEDED\), 99966 1 ••\d\d \(PHONE_NUMBER_BANNED\)\. Raise TEST_DC_NUMBER_TRIES, or delete unusable-numbers\.json in TEST_DC_CACHE_DIR/);
      return true;
    });
    await backend.stop();
    assert.equal(lines.filter((line) => / skips 99966 1 ••\d\d: /.test(line)).length, 2, 'one line per skipped number');
  });

  it('never uses a session another live run on this machine holds: it takes the next number', GUARD, async () => {
    const env = settings();
    const lines: string[] = [];
    const backend = new TestDcBackend(env, (line) => lines.push(line));
    backend.prepare();
    const [held, next] = backend.candidateNumbers(FIRST_PERSON);
    const folder = join(env.TEST_DC_CACHE_DIR!, readdirSync(env.TEST_DC_CACHE_DIR!)[0]!);
    // Another run: a separate process taking the number's lock through the same SessionCache.
    const other = spawn(process.execPath, ['--require', 'ts-node/register', '-e', [
      `const { SessionCache } = require(${JSON.stringify(join(__dirname, '..', '..', '..', '..', 'support', 'backends', 'test-dc', 'session-cache.ts'))});`,
      `const cache = new SessionCache(${JSON.stringify(folder)}, () => {});`,
      `if (!cache.lock(${JSON.stringify(held)})) process.exit(3);`,
      "process.stdout.write('locked\\n');",
      'process.stdin.on("end", () => process.exit(0));',
      'process.stdin.resume();',
    ].join('\n')], { env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' }, stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const [chunk] = (await once(other.stdout!, 'data')) as [Buffer];
      assert.equal(chunk.toString().trim(), 'locked');
      await backend.start();
      const alice = await backend.signIn(FIRST_PERSON);
      assert.equal((await alice.getMe() as { phone?: string }).phone, next);
      await backend.stop();
      // Once at start and once for her scenario's login: each says why.
      assert.equal(lines.filter((line) => /test-dc: Alice skips 99966 1 ••\d\d: its session is in use by another run on this machine/.test(line)).length, 2);
    } finally {
      other.stdin!.end();
      if (other.exitCode === null) await once(other, 'exit');
    }
  });
});
