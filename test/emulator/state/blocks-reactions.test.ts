import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TelegramError } from '../../../src/emulator/errors';
import { TelegramState, type BlockEvent, type ReactionEvent } from '../../../src/emulator/state';

function setUp() {
  const state = new TelegramState();
  const bot = state.createBot({ username: 'album_bot' });
  const alice = state.createUser({ phone: '9996621111', firstName: 'Alice' });
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  return { state, bot, alice };
}

const named = (name: string) => (error: TelegramError) => error.errorMessage === name;

test('a block is announced once per change, refuses writes both ways, and is listed with its date', () => {
  const { state, bot, alice } = setUp();
  const events: BlockEvent[] = [];
  state.on('block', (event) => events.push(event));
  state.setBlocked(alice.id, bot.id, true);
  state.setBlocked(alice.id, bot.id, true);
  assert.deepEqual(events.map((event) => [event.blockerId, event.peerId, event.blocked]), [[alice.id, bot.id, true]]);
  assert.throws(() => state.sendMessage(bot.id, alice.id, { text: 'hi' }), (error: TelegramError) => named('USER_IS_BLOCKED')(error) && error.code === 400);
  assert.throws(() => state.sendMessage(alice.id, bot.id, { text: 'hi' }), named('YOU_BLOCKED_USER'));
  assert.deepEqual(state.blockedBy(alice.id), [{ peerId: bot.id, date: events[0]!.date }]);
  assert.throws(() => state.setBlocked(alice.id, alice.id, true), named('CONTACT_ID_INVALID'));
  state.setBlocked(alice.id, bot.id, false);
  assert.equal(events.length, 2);
  assert.doesNotThrow(() => state.sendMessage(bot.id, alice.id, { text: 'hi again' }));
});

test('a deleted account leaves no block behind', () => {
  const { state, bot, alice } = setUp();
  state.setBlocked(alice.id, bot.id, true);
  state.deleteAccount(bot.id);
  assert.deepEqual(state.blockedBy(alice.id), []);
});

test('reactions: one standard emoji per account and message, old and new announced, removal clears them', () => {
  const { state, bot, alice } = setUp();
  const sent = state.sendMessage(bot.id, alice.id, { text: 'react to me' });
  const inAlice = sent.boxIds.get(alice.id)!;
  const events: ReactionEvent[] = [];
  state.on('reaction', (event) => events.push(event));
  state.setReactions(alice.id, inAlice, [{ kind: 'emoji', emoji: '👍' }]);
  state.setReactions(alice.id, inAlice, [{ kind: 'emoji', emoji: '❤️' }]);
  assert.deepEqual(events.map((event) => [event.old, event.new]), [
    [[], [{ kind: 'emoji', emoji: '👍' }]],
    [[{ kind: 'emoji', emoji: '👍' }], [{ kind: 'emoji', emoji: '❤️' }]],
  ]);
  assert.throws(() => state.setReactions(alice.id, inAlice, [{ kind: 'emoji', emoji: '🍕' }]), named('REACTION_INVALID'));
  assert.throws(() => state.setReactions(alice.id, inAlice, [{ kind: 'emoji', emoji: '👍' }, { kind: 'emoji', emoji: '🔥' }]), named('REACTIONS_TOO_MANY'));
  assert.throws(() => state.setReactions(alice.id, 999, []), named('MESSAGE_ID_INVALID'));
  state.setReactions(alice.id, inAlice, []);
  assert.equal(sent.reactions, undefined);
  // Each change is an edit of the message in every box: pts advances, the journal replays it.
  const before = alice.pts;
  state.setReactions(alice.id, inAlice, [{ kind: 'emoji', emoji: '🔥' }]);
  assert.equal(alice.pts, before + 1);
  assert.deepEqual(state.journal.since(alice.id, before).entries.map((entry) => [entry.kind, entry.pts]), [['edit', before + 1]]);
  assert.deepEqual(events.at(-1)!.boxes.map((box) => box.ownerId).sort(), [bot.id, alice.id].sort());
});
