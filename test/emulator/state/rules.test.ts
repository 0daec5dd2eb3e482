import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TelegramError } from '../../../src/emulator/errors';
import {
  LIMITS, TelegramState, checkBotUsername, checkCaption, checkMessageText, checkModified, checkNewUsername, isUsernameShaped,
  randomLong, unixNow, type MessageContent,
} from '../../../src/emulator/state';

const named = (name: string) => (error: unknown) => error instanceof TelegramError && error.errorMessage === name;

test('a username is 5–32 letters, digits or _, starting with a letter; a new one may not end in _ or hold __', () => {
  for (const good of ['alice', 'Alice_2024', 'a'.repeat(32), 'a_b_c']) assert.doesNotThrow(() => checkNewUsername(good), good);
  for (const bad of ['abcd', 'a'.repeat(33), '1alice', '_alice', 'alice_', 'ali__ce', 'al ice', 'alicé']) {
    assert.throws(() => checkNewUsername(bad), named('USERNAME_INVALID'), bad);
  }
  assert.ok(isUsernameShaped('alice_'), 'looking up needs only the shape');
  assert.ok(isUsernameShaped('jack'), 'a 4-character collectible username can be looked up');
  assert.ok(!isUsernameShaped('abc'));
});

test('a bot username has the shape and ends in "bot", in any case', () => {
  for (const good of ['album_bot', 'AlbumBot', 'albumBOT']) assert.doesNotThrow(() => checkBotUsername(good), good);
  for (const bad of ['album', 'abot', '9album_bot']) assert.throws(() => checkBotUsername(bad), named('USERNAME_INVALID'), bad);
});

test('text and caption limits are Telegram’s', () => {
  assert.doesNotThrow(() => checkCaption('x'.repeat(LIMITS.captionLength)));
  assert.throws(() => checkCaption('x'.repeat(LIMITS.captionLength + 1)), named('MEDIA_CAPTION_TOO_LONG'));
  assert.doesNotThrow(() => checkMessageText('', true), 'media may have no caption');
  assert.throws(() => checkMessageText('  ', false), named('MESSAGE_EMPTY'));
  assert.doesNotThrow(() => checkMessageText('x'.repeat(LIMITS.textLength), false));
  assert.throws(() => checkMessageText('x'.repeat(LIMITS.textLength + 1), false), named('MESSAGE_TOO_LONG'));
  assert.throws(() => checkMessageText('x'.repeat(LIMITS.captionLength + 1), true), named('MEDIA_CAPTION_TOO_LONG'));
});

test('an edit is "not modified" only when text, entities and markup are all equal by value', () => {
  const before: MessageContent = {
    text: 'Pick one',
    entities: [{ type: 'bold', offset: 0, length: 4 }],
    replyMarkup: { kind: 'inline', rows: [[{ text: 'A', callbackData: Buffer.from('a') }]] },
  };
  const same: MessageContent = {
    text: 'Pick one',
    entities: [{ length: 4, offset: 0, type: 'bold', url: undefined }],
    replyMarkup: { kind: 'inline', rows: [[{ callbackData: Buffer.from('a'), text: 'A' }]] },
  };
  assert.throws(() => checkModified(before, same), named('MESSAGE_NOT_MODIFIED'));
  assert.doesNotThrow(() => checkModified(before, { ...same, text: 'Pick two' }));
  assert.doesNotThrow(() => checkModified(before, { ...same, entities: [] }));
  assert.doesNotThrow(() => checkModified(before, { ...same, replyMarkup: undefined }));
  assert.doesNotThrow(() => checkModified(before, { ...same, replyMarkup: { kind: 'inline', rows: [[{ text: 'A', callbackData: Buffer.from('b') }]] } }));
});

test('the state refuses an edit that changes nothing, through either protocol’s way of asking', () => {
  const state = new TelegramState();
  const bot = state.createBot({ username: 'album_bot' });
  const alice = state.createUser({ phone: '9996621111', firstName: 'Alice' });
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  const sent = state.sendMessage(bot.id, alice.id, { text: 'Hello', entities: [] });
  const boxId = state.boxIdOf(sent, bot.id)!;
  assert.throws(() => state.editMessage(bot.id, boxId, { text: 'Hello', entities: [] }), named('MESSAGE_NOT_MODIFIED'));
  assert.throws(() => state.editMessage(bot.id, boxId, { text: 'Hello', entities: [], replyMarkup: null }), named('MESSAGE_NOT_MODIFIED'));
  assert.throws(() => state.editMessage(bot.id, boxId, {}), named('MESSAGE_NOT_MODIFIED'));
  const edited = state.editMessage(bot.id, boxId, { text: 'Hello', entities: [{ type: 'italic', offset: 0, length: 5 }] });
  assert.deepEqual(edited.entities, [{ type: 'italic', offset: 0, length: 5 }]);
  assert.ok(edited.editDate !== undefined);
});

test('who may write to whom is one rule: no bot to a bot, no bot to a user who never wrote to it', () => {
  const state = new TelegramState();
  const bot = state.createBot({ username: 'album_bot' });
  const other = state.createBot({ username: 'other_bot' });
  const alice = state.createUser({ phone: '9996621111', firstName: 'Alice' });
  assert.throws(() => state.checkCanWrite(bot.id, other.id), named('USER_IS_BOT'));
  assert.throws(() => state.checkCanWrite(bot.id, alice.id), named('CHAT_WRITE_FORBIDDEN'));
  assert.doesNotThrow(() => state.checkCanWrite(alice.id, bot.id));
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  assert.doesNotThrow(() => state.checkCanWrite(bot.id, alice.id));
});

test('a username is available when free or already one’s own; malformed ones are refused', () => {
  const state = new TelegramState();
  const alice = state.createUser({ phone: '9996621111', firstName: 'Alice' });
  const bob = state.createUser({ phone: '9996622222', firstName: 'Bob' });
  state.setUsername(alice.id, 'alice_here');
  assert.equal(state.isUsernameAvailable(alice.id, '@alice_here'), true);
  assert.equal(state.isUsernameAvailable(bob.id, 'Alice_Here'), false);
  assert.equal(state.isUsernameAvailable(bob.id, 'bob_here'), true);
  assert.throws(() => state.isUsernameAvailable(bob.id, 'bob_'), named('USERNAME_INVALID'));
});

test('ids are positive 63-bit and dates are whole seconds', () => {
  for (let i = 0; i < 100; i++) {
    const id = randomLong();
    assert.ok(id >= 0n && id < 2n ** 63n);
  }
  assert.equal(unixNow(1_700_000_000_999), 1_700_000_000);
  assert.ok(Number.isInteger(unixNow()));
});
