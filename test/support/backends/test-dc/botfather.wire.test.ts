/**
 * Zero-config bots through the wire: with TEST_DC_BOT_TOKENS unset, the test-dc backend's bot
 * maker talks to the twin's @BotFather with a real GramJS client, reads the token from the
 * reply by its shape, and caches it. Every wait is on an event (each @BotFather reply is a
 * NewMessage), bounded by the exchange's guard and the test's timeout: nothing waits for a
 * fixed wording or a fixed time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../../src/emulator';
import { MAX_BOTS_PER_ACCOUNT } from '../../../../src/emulator/botfather/botfather';
import { BOT_MAKER_SLOT, TestDcBackend } from '../../../../support/backends/test-dc';
import { BotFatherRefusedError } from '../../../../support/backends/test-dc/botfather-reply';
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

/** Zero-config: no TEST_DC_BOT_TOKENS, a fresh cache. */
function zeroConfig(): NodeJS.ProcessEnv {
  const cacheDir = mkdtempSync(join(tmpdir(), 'test-dc-botfather-'));
  dirs.push(cacheDir);
  return {
    ...twinSettings(emulator, cacheDir),
    CUCUMBER_WORKER_ID: '0',
  };
}

describe('the worker\'s bot, made through @BotFather (TEST_DC_BOT_TOKENS unset)', () => {
  it('is made by the bot maker, works on the Bot API, is cached 0600, never printed, and reused by the next run', GUARD, async () => {
    const env = zeroConfig();
    const lines: string[] = [];
    const first = new TestDcBackend(env, (line) => lines.push(line));
    await first.start();
    const bot = first.bot();
    await first.stop();
    assert.equal(first.met.botMadeWithBotFather, true);
    assert.match(bot.username, /^family_album_[a-z0-9]+_w0_bot$/);

    const made = emulator.state.findByToken(bot.token);
    assert.equal(made?.username, bot.username);
    const maker = emulator.state.findAccount(made!.botOwnerId!);
    assert.equal(maker?.phone, first.candidateNumbers({ index: BOT_MAKER_SLOT, firstName: '' })[0], "the bot maker's first number owns it");
    const getMe = (await (await fetch(`${emulator.botApiRoot}/bot${bot.token}/getMe`)).json()) as { ok: boolean; result: { username: string } };
    assert.equal(getMe.ok, true);
    assert.equal(getMe.result.username, bot.username);
    assert.ok(lines.every((line) => !line.includes(bot.token)), 'the token is never printed');

    const second = new TestDcBackend(env, (line) => lines.push(line));
    await second.start();
    assert.equal(second.bot().username, bot.username);
    assert.equal(second.bot().token, bot.token);
    assert.equal(second.met.botMadeWithBotFather, false, 'the cached bot, no new conversation');
    const cacheFolder = join(env.TEST_DC_CACHE_DIR!, readdirSync(env.TEST_DC_CACHE_DIR!)[0]!);
    assert.equal(statSync(join(cacheFolder, 'bot-w0.json')).mode & 0o777, 0o600);
    await second.stop();
  });

  it('says so, and how to set TEST_DC_BOT_TOKENS, when @BotFather refuses (too many bots)', GUARD, async () => {
    const backend = new TestDcBackend(zeroConfig(), () => {});
    backend.prepare();
    const phone = backend.candidateNumbers({ index: BOT_MAKER_SLOT, firstName: '' })[0]!;
    const maker = emulator.state.createUser({ phone, firstName: 'Someone with many bots' });
    for (let n = 0; n < MAX_BOTS_PER_ACCOUNT; n++) emulator.state.createBot({ username: `many_${phone}_${n}_bot`, ownerId: maker.id });
    await assert.rejects(backend.start(), (error: Error) => {
      assert.ok(error instanceof BotFatherRefusedError, String(error));
      assert.match(error.message, /^@BotFather did not make a bot; it answered \/newbot with "That I cannot do\. You come to me asking for more than 20 bots\./);
      assert.match(error.message, /set TEST_DC_BOT_TOKENS and TEST_DC_BOT_USERNAMES \(one per parallel worker, comma-separated\)/);
      return true;
    });
    await backend.stop();
  });
});
