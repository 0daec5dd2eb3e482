import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { instrument, ledgerLogger, recordChanges } from '../../../support/bot/bot-under-test';
import { BotLedger } from '../../../support/settle';

const botInfo: UserFromGetMe = {
  id: 42, is_bot: true, first_name: 'Album', username: 'album_bot',
  can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
} as UserFromGetMe;

function textUpdate(updateId: number, userId: number, text: string): Update {
  const from = { id: userId, is_bot: false, first_name: `User ${userId}` };
  return {
    update_id: updateId,
    message: { message_id: updateId, date: 0, chat: { id: userId, type: 'private', first_name: from.first_name }, from, text },
  } as Update;
}

/** A bot that never talks to a network. */
function offlineBot(): Bot {
  return new Bot('42:offline', { botInfo });
}

/**
 * Feeds updates the way `bot.start()` does (grammY's internal handleUpdates: one by one, errors
 * to the error handler), so the error path is the real one.
 */
function poll(bot: Bot, updates: Update[]): Promise<void> {
  return (bot as unknown as { handleUpdates(updates: Update[]): Promise<void> }).handleUpdates(updates);
}

describe('instrument', () => {
  it('counts an update as finished only after the middleware is done', async () => {
    const ledger = new BotLedger();
    const bot = offlineBot();
    let inMiddleware: number | undefined;
    bot.on('message', () => {
      inMiddleware = ledger.finishedFor(7);
    });
    bot.catch(() => undefined);
    instrument(bot, ledger);
    await poll(bot, [textUpdate(1, 7, 'hi')]);
    assert.equal(inMiddleware, 0);
    assert.equal(ledger.finishedFor(7), 1);
    assert.equal(ledger.inFlightFor(7), 0);
  });

  it('counts a failed update once the bot\'s own error handler has finished, and records the failure', async () => {
    const ledger = new BotLedger();
    const bot = offlineBot();
    const boom = new Error('boom');
    bot.on('message', () => {
      throw boom;
    });
    let finishedWhenHandlerRan: number | undefined;
    bot.catch(() => {
      finishedWhenHandlerRan = ledger.finishedFor(7);
    });
    instrument(bot, ledger);
    await poll(bot, [textUpdate(1, 7, '/count')]);
    assert.equal(finishedWhenHandlerRan, 0, 'not finished while the error handler still works');
    assert.equal(ledger.finishedFor(7), 1);
    assert.equal(ledger.failures.length, 1);
    assert.equal(ledger.failures[0]!.error, boom);
    assert.match(ledger.failures[0]!.context, /while handling the message "\/count" from User 7 \(7\)/);
  });

  it('never lets grammY\'s default error handler stop polling', async () => {
    const ledger = new BotLedger();
    const bot = offlineBot();
    bot.on('message', () => {
      throw new Error('boom');
    });
    instrument(bot, ledger);
    const originalError = console.error;
    console.error = () => undefined;
    try {
      await poll(bot, [textUpdate(1, 7, 'x')]);
    } finally {
      console.error = originalError;
    }
    assert.equal(ledger.failures.length, 1);
    assert.equal(ledger.finishedFor(7), 1);
  });

  it('stays outermost: counts updates that earlier middleware swallowed', async () => {
    const ledger = new BotLedger();
    const bot = offlineBot();
    bot.use(() => undefined); // a filter that drops everything
    bot.catch(() => undefined);
    instrument(bot, ledger);
    await poll(bot, [textUpdate(1, 7, 'a'), textUpdate(2, 8, 'b'), textUpdate(3, 7, 'c')]);
    assert.equal(ledger.finishedFor(7), 2);
    assert.equal(ledger.finishedFor(8), 1);
  });
});

describe('recordChanges', () => {
  const ok = (result: unknown) => async () => ({ ok: true as const, result });

  async function call(ledger: BotLedger, method: string, payload: Record<string, unknown>, result: unknown, succeed = true) {
    const transformer = recordChanges(ledger);
    const prev = succeed ? ok(result) : async () => ({ ok: false as const, error_code: 400, description: 'Bad Request: message is not modified' });
    await transformer(prev as any, method as any, payload as any);
  }

  it('records messages sent, albums by their size, edits and deletions, per chat', async () => {
    const ledger = new BotLedger();
    await call(ledger, 'sendMessage', { chat_id: 7, text: 'hi' }, { message_id: 1 });
    await call(ledger, 'sendPhoto', { chat_id: 7, photo: 'x' }, { message_id: 2 });
    await call(ledger, 'sendMediaGroup', { chat_id: 8, media: [] }, [{}, {}, {}]);
    await call(ledger, 'copyMessage', { chat_id: 8, from_chat_id: 7, message_id: 1 }, { message_id: 9 });
    await call(ledger, 'editMessageText', { chat_id: 7, message_id: 1, text: 'edited' }, {});
    await call(ledger, 'deleteMessage', { chat_id: 7, message_id: 2 }, true);
    await call(ledger, 'deleteMessages', { chat_id: 8, message_ids: [1, 2] }, true);
    assert.deepEqual(ledger.sentTo(7), { messages: 2, edits: 1, deletions: 1 });
    assert.deepEqual(ledger.sentTo(8), { messages: 4, edits: 0, deletions: 2 });
  });

  it('ignores failed calls, chat actions, answers and inline-message edits', async () => {
    const ledger = new BotLedger();
    await call(ledger, 'editMessageText', { chat_id: 7, message_id: 1, text: 'same' }, undefined, false);
    await call(ledger, 'sendChatAction', { chat_id: 7, action: 'typing' }, true);
    await call(ledger, 'answerCallbackQuery', { callback_query_id: '1' }, true);
    await call(ledger, 'editMessageText', { inline_message_id: 'abc', text: 'x' }, true);
    assert.deepEqual(ledger.sentTo(7), { messages: 0, edits: 0, deletions: 0 });
  });
});

describe('ledgerLogger', () => {
  it('turns a logged error into one failure, even when it is also caught', () => {
    const ledger = new BotLedger();
    const logger = ledgerLogger(ledger);
    const error = new Error('db down');
    logger.error('Update 5 failed: db down', error);
    ledger.recordFailure({ error, context: 'again' });
    logger.warn('could not notify someone');
    assert.equal(ledger.failures.length, 1);
    assert.equal(ledger.failures[0]!.error, error);
    assert.deepEqual(ledger.warnings, ['could not notify someone']);
  });

  it('records failures as already reported once the scenario expects them', () => {
    const ledger = new BotLedger();
    ledger.expectFailures();
    ledgerLogger(ledger).error('Update 1 failed');
    assert.equal(ledger.failures.length, 1);
    assert.deepEqual(ledger.unreportedFailures(), []);
  });
});
