import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InlineKeyboard } from 'grammy';
import { grammyError, type Harness, nextIncoming, startHarness, stillPending } from './harness';

describe('Bot API updates (grammY client)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('delivers a user message as a message update with a bot_command entity; offset confirms it', async () => {
    const user = h.createUser('Alice');
    h.state.sendMessage(user.id, h.botAccount.id, { text: '/start' });
    const updates = await h.bot.api.getUpdates({ timeout: 0 });
    const last = updates[updates.length - 1];
    assert.equal(last.message?.text, '/start');
    assert.deepEqual(last.message?.entities, [{ type: 'bot_command', offset: 0, length: 6 }]);
    assert.equal(last.message?.chat.id, user.id);
    assert.equal(last.message?.chat.type, 'private');
    assert.equal(last.message?.from?.first_name, 'Alice');

    const confirmed = await h.bot.api.getUpdates({ offset: last.update_id + 1, timeout: 0 });
    assert.deepEqual(confirmed, []);
  });

  it('holds an idle long poll and answers it at once with an update that arrives meanwhile', async () => {
    const user = h.createUser('Bob');
    const poll = h.bot.api.getUpdates({ timeout: 30 });
    await h.server.whenPolling(h.botAccount.id);
    assert.equal(await stillPending(poll), true, 'an idle poll must wait, not answer empty');

    h.state.sendMessage(user.id, h.botAccount.id, { text: 'hello' });
    const updates = await poll;
    assert.equal(updates.length, 1);
    assert.equal(updates[0].message?.text, 'hello');
    await h.bot.api.getUpdates({ offset: updates[0].update_id + 1, timeout: 0 });
  });

  it('update_ids increase', async () => {
    const user = h.createUser('Carol');
    for (const text of ['one', 'two', 'three']) h.state.sendMessage(user.id, h.botAccount.id, { text });
    const updates = await h.bot.api.getUpdates({ timeout: 0 });
    const ids = updates.map((u) => u.update_id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(updates.map((u) => u.message?.text), ['one', 'two', 'three']);
    const limited = await h.bot.api.getUpdates({ limit: 1, timeout: 0 });
    assert.equal(limited.length, 1);
    await h.bot.api.getUpdates({ offset: ids[ids.length - 1] + 1, timeout: 0 });
  });

  it('a second concurrent getUpdates ends the first with 409 Conflict, and itself receives the updates', async () => {
    const user = h.createUser('Dan');
    const first = h.bot.api.getUpdates({ timeout: 30 });
    await h.server.whenPolling(h.botAccount.id);
    const second = h.bot.api.getUpdates({ timeout: 30 });
    const conflict = await grammyError(() => first);
    assert.equal(conflict.error_code, 409);
    assert.equal(conflict.description, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');

    await h.server.whenPolling(h.botAccount.id);
    h.state.sendMessage(user.id, h.botAccount.id, { text: 'for the survivor' });
    const updates = await second;
    assert.equal(updates[0].message?.text, 'for the survivor');
    await h.bot.api.getUpdates({ offset: updates[0].update_id + 1, timeout: 0 });
  });

  it('allowed_updates filters update types', async () => {
    const user = h.createUser('Erin');
    await h.bot.api.getUpdates({ timeout: 0, allowed_updates: ['callback_query'] });
    h.state.sendMessage(user.id, h.botAccount.id, { text: 'filtered out' });
    assert.deepEqual(await h.bot.api.getUpdates({ timeout: 0 }), []);
    await h.bot.api.getUpdates({ timeout: 0, allowed_updates: ['message', 'edited_message', 'callback_query'] });
  });

  it('setWebhook is bookkept: getUpdates gets 409 until deleteWebhook, getWebhookInfo reports it', async () => {
    assert.equal(await h.bot.api.setWebhook('https://example.org/hook'), true);
    const info = await h.bot.api.getWebhookInfo();
    assert.equal(info.url, 'https://example.org/hook');
    assert.match(info.last_error_message ?? '', /no network/);
    const conflict = await grammyError(() => h.bot.api.getUpdates({ timeout: 0 }));
    assert.equal(conflict.error_code, 409);
    assert.equal(conflict.description, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const insecure = await grammyError(() => h.bot.api.setWebhook('http://example.org/hook'));
    assert.equal(insecure.description, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');

    assert.equal(await h.bot.api.deleteWebhook(), true);
    assert.equal((await h.bot.api.getWebhookInfo()).url, '');
    assert.deepEqual(await h.bot.api.getUpdates({ timeout: 0 }), []);
  });

  it('a running grammY bot answers /start, and a pressed inline button reaches it as a callback_query it answers', async () => {
    h.bot.command('start', (ctx) => ctx.reply('Welcome!', { reply_markup: new InlineKeyboard().text('Show a photo', 'show') }));
    h.bot.callbackQuery('show', async (ctx) => {
      assert.equal(typeof ctx.callbackQuery.id, 'string');
      assert.equal(ctx.callbackQuery.message?.text, 'Welcome!');
      assert.ok(ctx.callbackQuery.chat_instance);
      await ctx.answerCallbackQuery({ text: 'Here it comes' });
      await ctx.editMessageText('Showing…');
    });
    const running = h.bot.start({ drop_pending_updates: true });
    await h.server.whenPolling(h.botAccount.id);

    const user = h.createUser('Frank');
    const reply = nextIncoming(h.state, user.id);
    h.state.sendMessage(user.id, h.botAccount.id, { text: '/start' });
    const welcome = await reply;
    assert.equal(welcome.message.text, 'Welcome!');
    assert.equal(welcome.message.replyMarkup?.kind, 'inline');

    const edited = new Promise((resolve) => h.state.once('edit', resolve));
    const answer = await h.state.pressButton(user.id, welcome.boxId, Buffer.from('show'));
    assert.equal(answer.text, 'Here it comes');
    await edited;
    assert.equal(h.state.messageInBox(user.id, welcome.boxId)?.text, 'Showing…');
    assert.equal(h.state.messageInBox(user.id, welcome.boxId)?.replyMarkup, undefined, 'an edit without reply_markup drops the keyboard');

    await h.bot.stop();
    await running;
  });

  it('a stale callback query id is refused with Telegram\'s description', async () => {
    const error = await grammyError(() => h.bot.api.answerCallbackQuery('12345'));
    assert.equal(error.description, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
  });
});

describe('Bot API updates in the test environment', () => {
  it('serves /bot<token>/test/<method> for grammY environment "test"', async () => {
    const h = await startHarness({ environment: 'test' });
    try {
      const me = await h.bot.api.getMe();
      assert.equal(me.username, 'family_album_bot');
      const user = h.createUser('Tess');
      const poll = h.bot.api.getUpdates({ timeout: 30 });
      await h.server.whenPolling(h.botAccount.id);
      h.state.sendMessage(user.id, h.botAccount.id, { text: '/start' });
      assert.equal((await poll)[0].message?.text, '/start');
    } finally {
      await h.close();
    }
  });

  it('close() ends a waiting long poll promptly', async () => {
    const h = await startHarness();
    const poll = h.bot.api.getUpdates({ timeout: 50 });
    await h.server.whenPolling(h.botAccount.id);
    await h.close();
    assert.deepEqual(await poll, []);
  });
});
