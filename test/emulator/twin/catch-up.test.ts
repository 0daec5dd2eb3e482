/**
 * Catch-up through the wire: a real GramJS client asks updates.getState / getDifference (GramJS
 * never does so by itself, so the test invokes them) and gets what it missed while away.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, type TelegramClient } from 'telegram';
import { Raw } from 'telegram/events';
import { unixNow, UpdateJournal, TelegramState } from '../../../src/emulator/state';
import { DIFFERENCE_SLICE } from '../../../src/emulator/mtproto/handlers/updates';
import { rpcRejection } from '../mtproto/rpc-rejection';
import { accountIdOf, GUARD, Twin } from './harness';

const difference = (client: TelegramClient, pts: number, extra: { ptsTotalLimit?: number } = {}) =>
  client.invoke(new Api.updates.GetDifference({ pts, date: unixNow(), qts: 0, ...extra }));

describe('the twin: catch-up with updates.getState and updates.getDifference', () => {
  let twin: Twin;
  let alice: TelegramClient;
  let aliceId: number;
  let bobId: number;

  before(async () => {
    twin = await Twin.start();
    alice = await twin.person('9996610011', 'Alice');
    const bob = await twin.person('9996630011', 'Bob');
    [aliceId, bobId] = await Promise.all([accountIdOf(alice), accountIdOf(bob)]);
    await twin.close(bob);
  });
  after(() => twin?.stop());

  it('a pushed update carries the pts it advanced the account to, the one getState then reports', GUARD, async () => {
    const pushed = new Promise<Api.UpdateNewMessage>((resolve) => {
      alice.addEventHandler((update: Api.TypeUpdate) => {
        if (update instanceof Api.UpdateNewMessage) resolve(update);
      }, new Raw({ types: [Api.UpdateNewMessage] }));
    });
    const before = await alice.invoke(new Api.updates.GetState());
    twin.emulator.state.sendMessage(bobId, aliceId, { text: 'are you there?' });
    const update = await pushed;
    assert.equal(update.pts, before.pts + 1);
    assert.equal(update.ptsCount, 1);
    const after = await alice.invoke(new Api.updates.GetState());
    assert.equal(after.pts, update.pts);
    assert.equal(after.qts, 0);
    assert.equal(after.seq, 0);
    assert.ok(Math.abs(after.date - unixNow()) <= 2);
  });

  it('nothing missed: updates.differenceEmpty', GUARD, async () => {
    const { pts } = await alice.invoke(new Api.updates.GetState());
    const result = await difference(alice, pts);
    assert.ok(result instanceof Api.updates.DifferenceEmpty, result.className);
  });

  it('a client that reconnects gets the messages, edits and deletions it missed, as they are now', GUARD, async () => {
    const { pts } = await alice.invoke(new Api.updates.GetState());
    const saved = (alice.session as unknown as { save(): string }).save();
    await twin.close(alice);

    const state = twin.emulator.state;
    const kept = state.sendMessage(bobId, aliceId, { text: 'first' });
    const edited = state.sendMessage(bobId, aliceId, { text: 'second' });
    const deleted = state.sendMessage(bobId, aliceId, { text: 'third' });
    const deletedInAlicesBox = deleted.boxIds.get(aliceId);
    state.editMessage(bobId, edited.boxIds.get(bobId)!, { text: 'second, edited' });
    state.deleteMessages(bobId, [deleted.boxIds.get(bobId)!], true);

    alice = twin.client(saved);
    await alice.connect();
    const result = await difference(alice, pts);
    assert.ok(result instanceof Api.updates.Difference, result.className);
    assert.deepEqual(result.newMessages.map((m) => (m as Api.Message).message), ['first', 'second, edited']);
    assert.equal((result.newMessages[0] as Api.Message).id, kept.boxIds.get(aliceId));
    const [edit, deletion] = result.otherUpdates;
    assert.ok(edit instanceof Api.UpdateEditMessage && (edit.message as Api.Message).message === 'second, edited');
    assert.ok(deletion instanceof Api.UpdateDeleteMessages);
    assert.deepEqual(deletion.messages, [deletedInAlicesBox]);
    assert.deepEqual(result.users.map((u) => Number(u.id.toString())).sort(), [aliceId, bobId].sort());
    assert.equal(result.state.pts, pts + 5, '3 messages, 1 edit, 1 deletion');
    assert.equal(result.state.pts, (await alice.invoke(new Api.updates.GetState())).pts);
  });

  it(`more than ${DIFFERENCE_SLICE} updates come in slices; past pts_total_limit the difference is too long`, GUARD, async () => {
    const { pts } = await alice.invoke(new Api.updates.GetState());
    for (let i = 0; i < DIFFERENCE_SLICE + 5; i++) twin.emulator.state.sendMessage(bobId, aliceId, { text: `message ${i}` });

    const first = await difference(alice, pts);
    assert.ok(first instanceof Api.updates.DifferenceSlice, first.className);
    assert.equal(first.newMessages.length, DIFFERENCE_SLICE);
    assert.equal(first.intermediateState.pts, pts + DIFFERENCE_SLICE);
    const rest = await difference(alice, first.intermediateState.pts);
    assert.ok(rest instanceof Api.updates.Difference, rest.className);
    assert.deepEqual(rest.newMessages.map((m) => (m as Api.Message).message), [0, 1, 2, 3, 4].map((i) => `message ${DIFFERENCE_SLICE + i}`));

    const tooLong = await difference(alice, pts, { ptsTotalLimit: 10 });
    assert.ok(tooLong instanceof Api.updates.DifferenceTooLong, tooLong.className);
    assert.equal(tooLong.pts, rest.state.pts);
  });

  it('refuses a missing or impossible pts, and any channel difference (there are no channels)', GUARD, async () => {
    const { pts } = await alice.invoke(new Api.updates.GetState());
    assert.equal((await rpcRejection(difference(alice, 0))).errorMessage, 'PERSISTENT_TIMESTAMP_EMPTY');
    assert.equal((await rpcRejection(difference(alice, pts + 10))).errorMessage, 'PERSISTENT_TIMESTAMP_INVALID');
    const channel = await rpcRejection(alice.invoke(new Api.updates.GetChannelDifference({
      channel: new Api.InputChannelEmpty(), filter: new Api.ChannelMessagesFilterEmpty(), pts: 1, limit: 100,
    })));
    assert.equal(channel.code, 400);
    assert.equal(channel.errorMessage, 'CHANNEL_INVALID');
  });
});

describe('the update journal', () => {
  it(`keeps the newest ${UpdateJournal.KEPT} changes per user: a client further behind is told the difference is too long`, () => {
    const state = new TelegramState();
    const alice = state.createUser({ phone: '9996610099', firstName: 'Alice' });
    const bob = state.createUser({ phone: '9996620099', firstName: 'Bob' });
    const start = alice.pts;
    for (let i = 0; i <= UpdateJournal.KEPT; i++) state.sendMessage(bob.id, alice.id, { text: `m${i}` });
    assert.equal(state.journal.since(alice.id, start).complete, false);
    assert.equal(state.journal.since(alice.id, start + 1).complete, true);
    assert.equal(state.journal.since(alice.id, start + 1).entries.length, UpdateJournal.KEPT);
  });
});
