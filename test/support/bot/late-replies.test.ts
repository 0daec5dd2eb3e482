/**
 * No false green: a bot that replies from a timer after its handler returned. Through the real
 * wire (a GramJS person on the embedded Telegram, a grammY bot over the Bot API):
 * - the barrier settles on the reply the handler waited for, so "Alice receives 1 message"
 *   would pass; the timer's reply, sent after that, is named by `lateReplies` (what was sent,
 *   to whom, and which handler sent it), which the After hook turns into the scenario's failure;
 * - once stopped, the bot cannot reach Telegram: its next call is refused and recorded as a
 *   failure of the scenario; after the scenario is over, for the worker's AfterAll.
 * The timer fires when the test says so (a promise), so the order is certain.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Bot } from 'grammy';
import type { Pool } from 'pg';
import { Actor } from '../../../support/actors/actor';
import type { AlbumRecords } from '../../../support/actors/album-records';
import { Cast } from '../../../support/actors/cast';
import { sends } from '../../../support/actors/tasks';
import { createBackend, type Backend } from '../../../support/backends';
import { lateReplies, pendingCallsOfRetiredBots, startBotUnderTest, takeCallsOfRetiredBots, type BotUnderTest } from '../../../support/bot/bot-under-test';
import { settle, type BotLedger } from '../../../support/settle';

let backend: Backend;
let cast: Cast;

before(async () => {
  backend = createBackend({ TELEGRAM_BACKEND: 'embedded' });
  await backend.start();
  cast = new Cast(backend);
});

after(async () => {
  await cast.disconnectEveryone();
  await backend.stop();
});

/** A gate the test opens; each opening lets one pending timer reply go. */
class Gate {
  private opened!: () => void;
  readonly promise = new Promise<void>((resolve) => (this.opened = resolve));
  open(): void {
    this.opened();
  }
}

/** Resolves once `condition` holds, re-checked on every event of the ledger. */
function until(ledger: BotLedger, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      ledger.off('change', check);
      resolve();
    };
    ledger.on('change', check);
    check();
  });
}

/** A bot that answers at once, then replies again from timers its handler does not wait for. */
function timerBot(gates: Gate[]) {
  return (options: { token: string; apiRoot?: string; environment?: 'prod' | 'test' }) => {
    const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, environment: options.environment } });
    bot.on('message:text', async (ctx) => {
      await ctx.reply('Right away');
      gates.forEach((gate, index) =>
        setTimeout(async () => {
          await gate.promise;
          await ctx.reply(`From timer ${index + 1}`);
        }, 0),
      );
    });
    return bot;
  };
}

test('a reply from a timer after the last settle is named with its handler; once stopped, the bot is refused', { timeout: 120_000 }, async () => {
  const gates = [new Gate(), new Gate(), new Gate()];
  const underTest: BotUnderTest = await startBotUnderTest(backend.bot(), {} as Pool, { createBot: timerBot(gates) });
  const user = await cast.user('Alice');
  await user.prepare('Alice', backend.bot().username);
  const alice = new Actor('Alice', user, {} as AlbumRecords); // this bot keeps no records
  const { ledger } = underTest;

  await sends('hi').performAs(alice);
  await settle(ledger, [alice], { timeoutMs: 60_000 });
  assert.equal(alice.arrived().messages, 1, 'settled on the reply the handler waited for');
  assert.equal(ledger.changesSinceSettled().length, 0);

  // The first timer replies after the barrier closed: a "Then" step could have missed it.
  gates[0]!.open();
  await until(ledger, () => ledger.changesSinceSettled().length === 1);
  await underTest.stop();
  const late = lateReplies(underTest, (chatId) => (chatId === alice.userId ? 'Alice' : `chat ${chatId}`));
  assert.ok(late, 'the late reply must fail the scenario');
  assert.match(late.message, /The bot sent 1 message after the scenario's last step had settled/);
  assert.match(late.message, /sendMessage to Alice: "From timer 1", while handling the message "hi" from Alice \(\d+\)/);

  // Stopped: the second timer's call never reaches Telegram, and is a failure of the scenario.
  gates[1]!.open();
  await until(ledger, () => ledger.unreportedFailures().length === 1);
  const [refused] = ledger.unreportedFailures();
  assert.match(String((refused!.error as Error).message), /The bot called sendMessage "From timer 2" while handling the message "hi" from Alice \(\d+\) after it was stopped; the call was refused/);
  assert.equal(ledger.sentTo(alice.userId).messages, 2, 'nothing more was sent');

  // Once the scenario is over, a call is kept for the worker's AfterAll instead.
  underTest.retire('Alice says hi');
  const failuresBefore = ledger.failures.length;
  gates[2]!.open();
  await until(ledger, () => pendingCallsOfRetiredBots().length > 0);
  const calls = takeCallsOfRetiredBots();
  assert.equal(calls.length, 1);
  assert.match(calls[0]!, /after the scenario "Alice says hi" was over, its bot called sendMessage "From timer 3" while handling the message "hi" from Alice/);
  assert.equal(ledger.failures.length, failuresBefore);
});
