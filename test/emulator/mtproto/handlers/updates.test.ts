import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Api } from 'telegram';
import type { PushUpdates } from '../../../../src/emulator/mtproto/handler';
import { subscribeUpdates } from '../../../../src/emulator/mtproto/updates';
import { TelegramState } from '../../../../src/emulator/state';
import { FakeSession, inputPeer, long } from './session';

async function world() {
  const state = new TelegramState();
  const pushed: Array<{ accountId: number; updates: Api.Updates }> = [];
  const push: PushUpdates = (accountId, updates) => pushed.push({ accountId, updates: updates as Api.Updates });
  const unsubscribe = subscribeUpdates(state, push);
  const alice = new FakeSession(state);
  const aliceId = Number((await alice.signUp('9996621234', 'Alice')).id.toString());
  const bob = new FakeSession(state);
  const bobId = Number((await bob.signUp('9996621235', 'Bob')).id.toString());
  const bot = state.createBot({ username: 'family_album_bot' });
  return { state, pushed, unsubscribe, alice, bob, aliceId, bobId, bot };
}

describe('subscribeUpdates', () => {
  it('pushes an incoming message to its recipient only, with the sender in Updates.users and the box pts', async () => {
    const { state, pushed, alice, aliceId, bobId } = await world();
    await alice.invoke(new Api.messages.SendMessage({ peer: inputPeer(state, bobId), message: 'hi Bob', randomId: long(1) }));
    assert.equal(pushed.length, 1, 'the sender gets its copy in the RPC result, not pushed');
    const [{ accountId, updates }] = pushed;
    assert.equal(accountId, bobId);
    const update = updates.updates[0] as Api.UpdateNewMessage;
    const message = update.message as Api.Message;
    assert.equal(message.message, 'hi Bob');
    assert.equal(message.out, undefined);
    assert.equal((message.peerId as Api.PeerUser).userId.toString(), String(aliceId));
    assert.equal((message.fromId as Api.PeerUser).userId.toString(), String(aliceId));
    assert.equal(update.pts, state.requireAccount(bobId).pts);
    assert.ok(updates.users.some((u) => u.id.toString() === String(aliceId)));
  });

  it("pushes a bot's reply, with its inline keyboard, and the bot's edit of it; nothing to the bot", async () => {
    const { state, pushed, alice, aliceId, bot } = await world();
    await alice.invoke(new Api.messages.SendMessage({ peer: inputPeer(state, bot.id), message: '/start', randomId: long(1) }));
    assert.equal(pushed.length, 0);
    const reply = state.sendMessage(bot.id, aliceId, { text: 'Hi!', replyMarkup: { kind: 'inline', rows: [[{ text: 'Go', callbackData: Buffer.from('go') }]] } });
    const newMessage = (pushed[0].updates.updates[0] as Api.UpdateNewMessage).message as Api.Message;
    assert.ok(newMessage.replyMarkup instanceof Api.ReplyInlineMarkup);
    assert.ok(pushed[0].updates.users.some((u) => (u as Api.User).bot));

    state.editMessage(bot.id, reply.boxIds.get(bot.id)!, { text: 'Hi again!', replyMarkup: null });
    const edit = pushed[1].updates.updates[0] as Api.UpdateEditMessage;
    assert.ok(edit instanceof Api.UpdateEditMessage);
    assert.equal((edit.message as Api.Message).message, 'Hi again!');
    assert.equal((edit.message as Api.Message).replyMarkup, undefined);
    assert.equal(pushed.every((p) => p.accountId === aliceId), true);
  });

  it('pushes deletions the other side caused (revoke) or a wipe, never the account’s own', async () => {
    const { state, pushed, alice, bob, aliceId, bobId } = await world();
    await alice.invoke(new Api.messages.SendMessage({ peer: inputPeer(state, bobId), message: 'oops', randomId: long(1) }));
    pushed.length = 0;
    const alicesId = state.history(aliceId, bobId)[0].boxId;
    const bobsId = state.history(bobId, aliceId)[0].boxId;
    await alice.invoke(new Api.messages.DeleteMessages({ id: [alicesId], revoke: true }));
    assert.equal(pushed.length, 1);
    assert.equal(pushed[0].accountId, bobId);
    assert.deepEqual((pushed[0].updates.updates[0] as Api.UpdateDeleteMessages).messages, [bobsId]);

    await bob.invoke(new Api.messages.SendMessage({ peer: inputPeer(state, aliceId), message: 'again', randomId: long(2) }));
    pushed.length = 0;
    state.wipeHistory(aliceId);
    assert.equal(pushed.length, 1);
    assert.equal(pushed[0].accountId, aliceId);
  });

  it('stops pushing once unsubscribed', async () => {
    const { state, pushed, unsubscribe, alice, bobId } = await world();
    unsubscribe();
    await alice.invoke(new Api.messages.SendMessage({ peer: inputPeer(state, bobId), message: 'quiet', randomId: long(1) }));
    assert.equal(pushed.length, 0);
  });
});
