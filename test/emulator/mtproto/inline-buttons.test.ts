/**
 * What a person's client receives for each inline button kind a bot sends: a grammY bot over
 * HTTP, a GramJS client over MTProto, through the real wires. The constructors are the ones
 * TDLib sends for each Bot API kind (td/telegram/ReplyMarkup.cpp).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Bot, InlineKeyboard } from 'grammy';
import { Api } from 'telegram';
import { lastMessage, nextUpdate, type Person, startWire, type Wire } from '../wire';

describe('inline buttons as users receive them (GramJS over the wire)', () => {
  let wire: Wire;
  let bot: Bot;
  let alice: Person;
  before(async () => {
    wire = await startWire();
    const handle = wire.emulator.control.createBot({ username: 'buttons_bot' });
    wire.emulator.control.setLoginDomain(handle.id, 'example.org');
    bot = new Bot(handle.token, { client: { apiRoot: wire.emulator.botApiRoot } });
    alice = await wire.person('Alice');
    await alice.client.sendMessage('@buttons_bot', { message: '/start' });
  });
  after(() => wire.close());

  it('delivers every kind with its payload', async () => {
    const peer = await alice.client.getInputEntity('@buttons_bot');
    const arrived = nextUpdate(alice.client, (update) => (update instanceof Api.UpdateNewMessage ? update.message : undefined));
    await bot.api.sendMessage(alice.account.id, 'Every kind', {
      reply_markup: new InlineKeyboard()
        .text('Callback', 'cb').url('Link', 'https://example.org/x').url('Profile', `tg://user?id=${alice.account.id}`).row()
        .webApp('App', 'https://example.org/app')
        .switchInline('Share', 'cats')
        .switchInlineCurrent('Here', 'dogs')
        .switchInlineChosen('Pick', { query: 'owls', allow_user_chats: true, allow_channel_chats: true }).row()
        .login('Log in', { url: 'https://example.org/login', forward_text: 'Log in to Example' })
        .copyText('Copy', 'PROMO-42')
        .game('Play')
        .pay('Pay'),
    });
    const pushed = await arrived;
    const fetched = await lastMessage(alice, peer);
    for (const message of [pushed as Api.Message, fetched]) {
      assert.ok(message.replyMarkup instanceof Api.ReplyInlineMarkup);
      const [first, second, third] = message.replyMarkup.rows.map((row) => row.buttons);
      assert.ok(first[0] instanceof Api.KeyboardButtonCallback && Buffer.from(first[0].data).toString() === 'cb');
      assert.ok(first[1] instanceof Api.KeyboardButtonUrl && first[1].url === 'https://example.org/x');
      assert.ok(first[2] instanceof Api.KeyboardButtonUserProfile && first[2].userId.toString() === String(alice.account.id));
      assert.ok(second[0] instanceof Api.KeyboardButtonWebView && second[0].url === 'https://example.org/app');
      assert.ok(second[1] instanceof Api.KeyboardButtonSwitchInline && second[1].query === 'cats' && !second[1].samePeer && !second[1].peerTypes);
      assert.ok(second[2] instanceof Api.KeyboardButtonSwitchInline && second[2].query === 'dogs' && second[2].samePeer === true);
      assert.ok(second[3] instanceof Api.KeyboardButtonSwitchInline && second[3].query === 'owls');
      assert.deepEqual(second[3].peerTypes?.map((type) => type.className), ['InlineQueryPeerTypePM', 'InlineQueryPeerTypeBroadcast']);
      assert.ok(third[0] instanceof Api.KeyboardButtonUrlAuth && third[0].url === 'https://example.org/login' && third[0].fwdText === 'Log in to Example');
      assert.ok(third[1] instanceof Api.KeyboardButtonCopy && third[1].copyText === 'PROMO-42');
      assert.ok(third[2] instanceof Api.KeyboardButtonGame && third[2].text === 'Play');
      assert.ok(third[3] instanceof Api.KeyboardButtonBuy && third[3].text === 'Pay');
    }
  });
});
