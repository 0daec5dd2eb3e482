/**
 * Blocking a bot and reacting to messages, both ways through the real wires: a person's GramJS
 * client calls contacts.block / contacts.unblock / messages.sendReaction; the bot (grammY over
 * HTTP) gets my_chat_member (by default) and message_reaction (only when it asks for it, as on
 * Telegram), is refused when blocked, and its own reactions reach the person.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import { Api } from 'telegram';
import { nextUpdate, type Person, startWire, type Wire } from '../wire';

describe('blocks and reactions (GramJS over MTProto, grammY over HTTP)', () => {
  let wire: Wire;
  let bot: Bot;
  let alice: Person;
  let peer: Api.TypeInputPeer;
  let offset = 0;

  before(async () => {
    wire = await startWire();
    const handle = wire.emulator.control.createBot({ username: 'react_bot' });
    bot = new Bot(handle.token, { client: { apiRoot: wire.emulator.botApiRoot } });
    alice = await wire.person('Alice');
    peer = await alice.client.getInputEntity('@react_bot');
    await alice.client.sendMessage(peer, { message: '/start' });
    await updates();
  });
  after(() => wire.close());

  /** What the bot got since the last call; `allowed` sets allowed_updates as a bot library does. */
  async function updates(allowed?: string[]): Promise<Update[]> {
    const got = await bot.api.getUpdates({ offset, timeout: 0, ...(allowed ? { allowed_updates: allowed as never } : {}) });
    if (got.length > 0) offset = got[got.length - 1].update_id + 1;
    return got;
  }

  async function refusal(call: () => Promise<unknown>): Promise<GrammyError> {
    try {
      await call();
    } catch (error) {
      if (error instanceof GrammyError) return error;
      throw error;
    }
    throw new Error('expected the Bot API to refuse');
  }

  it('a person blocks the bot: my_chat_member "kicked", sends refused; unblocks: "member" again', async () => {
    assert.equal(await alice.client.invoke(new Api.contacts.Block({ id: peer })), true);
    const [blocked] = await updates();
    const change = blocked?.my_chat_member;
    assert.ok(change, `expected my_chat_member, got ${JSON.stringify(blocked)}`);
    const botUser = change.new_chat_member.user;
    assert.equal(botUser.username, 'react_bot');
    assert.equal(botUser.is_bot, true);
    assert.deepEqual({ ...change, date: 0 }, {
      chat: { id: alice.account.id, type: 'private', first_name: 'Alice' },
      from: change.from,
      date: 0,
      old_chat_member: { user: botUser, status: 'member' },
      new_chat_member: { user: botUser, status: 'kicked', until_date: 0 },
    });
    assert.deepEqual([change.from.id, change.from.is_bot, change.from.first_name], [alice.account.id, false, 'Alice']);
    assert.ok(Number.isInteger(change.date) && change.date > 0);

    const refused = await refusal(() => bot.api.sendMessage(alice.account.id, 'still there?'));
    assert.deepEqual([refused.error_code, refused.description], [403, 'Forbidden: bot was blocked by the user']);
    const full = await alice.client.invoke(new Api.users.GetFullUser({ id: await alice.client.getInputEntity('@react_bot') }));
    assert.equal(full.fullUser.blocked, true);
    const list = await alice.client.invoke(new Api.contacts.GetBlocked({ offset: 0, limit: 10 }));
    assert.deepEqual(list.blocked.map((entry) => (entry.peerId as Api.PeerUser).userId.toString()), [String(wire.emulator.state.findByUsername('react_bot')!.id)]);
    assert.equal(await alice.client.invoke(new Api.contacts.Block({ id: peer })), true, 'blocking twice changes nothing');
    assert.deepEqual(await updates(), []);

    await alice.client.invoke(new Api.contacts.Unblock({ id: peer }));
    const [unblocked] = await updates();
    assert.equal(unblocked.my_chat_member?.old_chat_member.status, 'kicked');
    assert.equal(unblocked.my_chat_member?.new_chat_member.status, 'member');
    assert.equal((await bot.api.sendMessage(alice.account.id, 'welcome back')).text, 'welcome back');
  });

  it('a bot that leaves my_chat_member out of allowed_updates does not get it', async () => {
    await updates(['message']);
    await alice.client.invoke(new Api.contacts.Block({ id: peer }));
    await alice.client.invoke(new Api.contacts.Unblock({ id: peer }));
    assert.deepEqual(await updates([]), [], 'an empty list restores the default for what comes next');
  });

  it('a person reacts: message_reaction only when asked for; the change shows old and new', async () => {
    const sent = await bot.api.sendMessage(alice.account.id, 'react to me');
    const inAlice = wire.emulator.state.boxIdOf(wire.emulator.state.messageInBox(wire.emulator.state.findByUsername('react_bot')!.id, sent.message_id)!, alice.account.id)!;
    const react = (emoticon?: string) => alice.client.invoke(new Api.messages.SendReaction({ peer, msgId: inAlice, reaction: emoticon ? [new Api.ReactionEmoji({ emoticon })] : [] }));

    const result = await react('👍');
    assert.ok(result instanceof Api.Updates);
    // As Telegram answers in private chats: the message edited (with its reactions, a pts of its own) and updateMessageReactions.
    const [edit, own] = result.updates;
    assert.ok(edit instanceof Api.UpdateEditMessage && (edit.message as Api.Message).id === inAlice && edit.ptsCount === 1);
    assert.equal((((edit.message as Api.Message).reactions?.results[0]?.reaction) as Api.ReactionEmoji).emoticon, '👍');
    assert.ok(own instanceof Api.UpdateMessageReactions && own.msgId === inAlice);
    assert.deepEqual(own.reactions.results.map((count) => [(count.reaction as Api.ReactionEmoji).emoticon, count.count, count.chosenOrder]), [['👍', 1, 0]]);
    const state = await alice.client.invoke(new Api.updates.GetState());
    assert.equal(state.pts, edit.pts, 'the reaction advanced the person\'s pts');
    assert.deepEqual(await updates(), [], 'message_reaction is not delivered by default');

    await updates(['message', 'message_reaction']);
    await react('❤');
    const [changed] = await updates();
    assert.deepEqual(changed.message_reaction && {
      chat: changed.message_reaction.chat.id,
      message_id: changed.message_reaction.message_id,
      user: changed.message_reaction.user?.id,
      old: changed.message_reaction.old_reaction,
      new: changed.message_reaction.new_reaction,
    }, { chat: alice.account.id, message_id: sent.message_id, user: alice.account.id, old: [{ type: 'emoji', emoji: '👍' }], new: [{ type: 'emoji', emoji: '❤' }] });
    await react();
    const [removed] = await updates();
    assert.deepEqual(removed.message_reaction?.new_reaction, []);
    await assert.rejects(react('🍕'), /REACTION_INVALID/);
    await updates([]);
  });

  it('the bot reacts to a person\'s message; the person\'s client is told', async () => {
    const mine = await alice.client.sendMessage(peer, { message: 'a message to react to' });
    const [incoming] = await updates();
    const pushed = nextUpdate(alice.client, (update) => (update instanceof Api.UpdateMessageReactions ? update : undefined));
    const edited = nextUpdate(alice.client, (update) => (update instanceof Api.UpdateEditMessage ? update : undefined));
    assert.equal(await bot.api.setMessageReaction(alice.account.id, incoming.message!.message_id, [{ type: 'emoji', emoji: '🔥' }], { is_big: true }), true);
    const update = await pushed;
    assert.equal(update.msgId, mine.id);
    const edit = await edited;
    assert.equal((edit.message as Api.Message).id, mine.id);
    assert.equal((((edit.message as Api.Message).reactions?.results[0]?.reaction) as Api.ReactionEmoji).emoticon, '🔥');
    assert.deepEqual(update.reactions.results.map((count) => [(count.reaction as Api.ReactionEmoji).emoticon, count.count]), [['🔥', 1]]);
    const [fetched] = await alice.client.getMessages(peer, { ids: [mine.id] });
    assert.equal((fetched.reactions?.results[0].reaction as Api.ReactionEmoji).emoticon, '🔥');

    assert.equal((await refusal(() => bot.api.setMessageReaction(alice.account.id, 999999, [{ type: 'emoji', emoji: '🔥' }]))).description, 'Bad Request: message to react not found');
    assert.equal((await refusal(() => bot.api.setMessageReaction(alice.account.id, incoming.message!.message_id, [{ type: 'emoji', emoji: '🍕' as never }]))).description, 'Bad Request: REACTION_INVALID');
    assert.equal((await refusal(() => bot.api.setMessageReaction(alice.account.id, incoming.message!.message_id, [{ type: 'sticker' } as never]))).description, "Bad Request: Can't parse ReactionType: invalid reaction type specified");
    assert.equal(await bot.api.setMessageReaction(alice.account.id, incoming.message!.message_id, []), true);
  });
});
