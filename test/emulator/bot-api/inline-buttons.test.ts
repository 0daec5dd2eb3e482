import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InlineKeyboard } from 'grammy';
import { grammyError, type Harness, startHarness } from './harness';

/**
 * Every inline button kind a bot can send, through grammY: stored in the state with its
 * payload, answered back as the Bot API shows it, and refused with the server's words when
 * malformed. (What users receive over MTProto: test/emulator/mtproto/inline-buttons.test.ts.)
 */
describe('Bot API inline buttons (grammY client)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    h.botAccount.loginDomain = 'example.org';
  });
  after(() => h.close());

  it('stores every kind with its payload and shows it back as Telegram does', async () => {
    const user = h.startedUser('Kinds');
    const keyboard = new InlineKeyboard()
      .text('Callback', 'cb').url('Link', 'https://example.org/x').row()
      .webApp('App', 'https://example.org/app')
      .switchInline('Share', 'cats')
      .switchInlineCurrent('Here', 'dogs')
      .switchInlineChosen('Pick', { query: 'owls', allow_user_chats: true, allow_group_chats: true }).row()
      .login('Log in', { url: 'https://example.org/login', forward_text: 'Log in to Example', request_write_access: true })
      .copyText('Copy', 'PROMO-42')
      .game('Play')
      .pay('Pay');
    const sent = await h.bot.api.sendMessage(user.id, 'All kinds', { reply_markup: keyboard });
    assert.deepEqual(sent.reply_markup, {
      inline_keyboard: [
        [{ text: 'Callback', callback_data: 'cb' }, { text: 'Link', url: 'https://example.org/x' }],
        [
          { text: 'App', web_app: { url: 'https://example.org/app' } },
          { text: 'Share', switch_inline_query: 'cats' },
          { text: 'Here', switch_inline_query_current_chat: 'dogs' },
          { text: 'Pick', switch_inline_query_chosen_chat: { query: 'owls', allow_user_chats: true, allow_bot_chats: false, allow_group_chats: true, allow_channel_chats: false } },
        ],
        [
          // A login button shows only its URL (tdlib/telegram-bot-api JsonInlineKeyboardButton).
          { text: 'Log in', url: 'https://example.org/login' },
          { text: 'Copy', copy_text: { text: 'PROMO-42' } },
          { text: 'Play', callback_game: {} },
          { text: 'Pay', pay: true },
        ],
      ],
    });
    const stored = h.state.messageInBox(h.botAccount.id, sent.message_id)!.replyMarkup;
    assert.ok(stored?.kind === 'inline');
    const [, second, third] = stored.rows;
    assert.equal(second[0].webAppUrl, 'https://example.org/app');
    assert.deepEqual(second[1].switchInline, { query: 'cats', currentChat: false });
    assert.deepEqual(second[2].switchInline, { query: 'dogs', currentChat: true });
    assert.deepEqual(second[3].switchInline?.chatTypes, { users: true, bots: false, groups: true, channels: false });
    assert.deepEqual(third[0].loginUrl, { url: 'https://example.org/login', forwardText: 'Log in to Example', botId: h.botAccount.id, requestWriteAccess: true });
    assert.equal(third[1].copyText, 'PROMO-42');
    assert.equal(third[2].callbackGame, true);
    assert.equal(third[3].pay, true);
  });

  it('reads buttons as the server does: first kind present wins, empty texts and rows dropped, a chosen chat allowing all is a plain switch', async () => {
    const user = h.startedUser('Order');
    const sent = await h.bot.api.sendMessage(user.id, 'x', {
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Both', url: 'https://example.org', callback_data: 'ignored' } as never, { text: '', callback_data: 'dropped' }],
          [{ text: '', callback_data: 'row dropped' }],
          [{ text: 'All', switch_inline_query_chosen_chat: { allow_user_chats: true, allow_bot_chats: true, allow_group_chats: true, allow_channel_chats: true } }],
          [{ text: 'Empty data falls through', callback_data: '', copy_text: { text: 'c' } } as never],
        ],
      },
    });
    assert.deepEqual(sent.reply_markup, {
      inline_keyboard: [
        [{ text: 'Both', url: 'https://example.org' }],
        [{ text: 'All', switch_inline_query: '' }],
        [{ text: 'Empty data falls through', copy_text: { text: 'c' } }],
      ],
    });
    const nothingLeft = await h.bot.api.sendMessage(user.id, 'y', { reply_markup: { inline_keyboard: [[{ text: '', callback_data: 'a' }]] } });
    assert.equal(nothingLeft.reply_markup, undefined);
  });

  it('refuses malformed buttons with the server\'s own descriptions and sends nothing', async () => {
    const user = h.startedUser('Refusals');
    const before = h.state.history(h.botAccount.id, user.id).length;
    const refuse = async (button: unknown) =>
      (await grammyError(() => h.bot.api.sendMessage(user.id, 'x', { reply_markup: { inline_keyboard: [[button as never]] } }))).description;
    assert.equal(await refuse({ text: 'Plain' }), "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    assert.equal(await refuse('Plain'), "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object");
    assert.equal(await refuse({ callback_data: 'a' }), 'Bad Request: can\'t parse inline keyboard button: Can\'t find field "text"');
    assert.equal(await refuse({ text: 'App', web_app: 'https://example.org' }), 'Bad Request: can\'t parse inline keyboard button: Field "web_app" must be of type Object');
    assert.equal(await refuse({ text: 'App', web_app: {} }), 'Bad Request: can\'t parse inline keyboard button: Can\'t find field "url"');
    assert.equal(await refuse({ text: 'Share', switch_inline_query: true }), 'Bad Request: can\'t parse inline keyboard button: Field "switch_inline_query" must be of type String');
    assert.equal(await refuse({ text: 'Pick', switch_inline_query_chosen_chat: { query: 'q' } }), 'Bad Request: at least one chat type must be allowed');
    assert.equal(await refuse({ text: 'Pick', switch_inline_query_chosen_chat: { allow_user_chats: 'yes' } }), 'Bad Request: can\'t parse inline keyboard button: Field "allow_user_chats" must be of type Boolean');
    assert.equal(await refuse({ text: 'App', web_app: { url: 'tg://resolve?domain=x' } }), "Bad Request: inline keyboard button Web App URL 'tg://resolve?domain=x' is invalid: Only HTTP links are allowed");
    assert.equal(await refuse({ text: 'Log in', login_url: { url: 'https://elsewhere.net/login' } }), 'Bad Request: BOT_DOMAIN_INVALID');
    assert.equal(await refuse({ text: 'Log in', login_url: { url: 'https://example.org/login', bot_username: 'no_such_bot' } }), 'Bad Request: bot "no_such_bot" not found');
    assert.equal(await refuse({ text: 'Log in', login_url: { url: 'https://example.org/login', bot_username: 'bad-name' } }), "Bad Request: can't parse inline keyboard button: LoginUrl bot username is invalid");
    assert.equal(h.state.history(h.botAccount.id, user.id).length, before);
  });
});
