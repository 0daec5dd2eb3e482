import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TelegramError } from '../../../src/emulator/errors';
import { processPhoto, TelegramState, type BoxEvent } from '../../../src/emulator/state';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function setUp() {
  const state = new TelegramState();
  const bot = state.createBot({ username: 'album_bot' });
  const alice = state.createUser({ phone: '9996621111', firstName: 'Alice' });
  const bob = state.createUser({ phone: '9996622222', firstName: 'Bob' });
  return { state, bot, alice, bob };
}

const named = (name: string) => (error: TelegramError) => error.errorMessage === name;

test('message ids are per account box, as on Telegram', () => {
  const { state, bot, alice, bob } = setUp();
  state.sendMessage(alice.id, bob.id, { text: 'hi Bob' });
  const toBot = state.sendMessage(alice.id, bot.id, { text: '/start' });
  assert.equal(toBot.boxIds.get(alice.id), 2);
  assert.equal(toBot.boxIds.get(bot.id), 1);
});

test('each participant is told once, with the sender’s copy marked outgoing', () => {
  const { state, bot, alice } = setUp();
  const events: BoxEvent[] = [];
  state.on('message', (event) => events.push(event));
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  assert.deepEqual(events.map((e) => [e.ownerId, e.outgoing]), [[alice.id, true], [bot.id, false]]);
});

test('a user’s commands get bot_command entities; a bot’s text gets none unless given', () => {
  const { state, bot, alice } = setUp();
  const start = state.sendMessage(alice.id, bot.id, { text: '/start join_abc' });
  assert.deepEqual(start.entities, [{ type: 'bot_command', offset: 0, length: 6 }]);
  const reply = state.sendMessage(bot.id, alice.id, { text: '/not_a_command here' });
  assert.deepEqual(reply.entities, []);
});

test('a bot cannot write first to a user', () => {
  const { state, bot, alice } = setUp();
  assert.throws(() => state.sendMessage(bot.id, alice.id, { text: 'hello' }), named('CHAT_WRITE_FORBIDDEN'));
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  assert.doesNotThrow(() => state.sendMessage(bot.id, alice.id, { text: 'hello' }));
});

test('empty and too long texts are refused with Telegram’s names', () => {
  const { state, bot, alice } = setUp();
  assert.throws(() => state.sendMessage(alice.id, bot.id, { text: '  ' }), named('MESSAGE_EMPTY'));
  assert.throws(() => state.sendMessage(alice.id, bot.id, { text: 'x'.repeat(4097) }), named('MESSAGE_TOO_LONG'));
});

test('clearing history empties one side; revoking empties both', () => {
  const { state, alice, bob } = setUp();
  state.sendMessage(alice.id, bob.id, { text: 'one' });
  state.clearHistory(alice.id, bob.id, false);
  assert.equal(state.history(alice.id, bob.id).length, 0);
  assert.equal(state.history(bob.id, alice.id).length, 1);
  state.sendMessage(alice.id, bob.id, { text: 'two' });
  state.clearHistory(alice.id, bob.id, true);
  // Revoking reaches only what was still in Alice's box: Bob keeps the first message.
  assert.deepEqual(state.history(bob.id, alice.id).map((entry) => entry.message.text), ['one']);
});

test('a forward keeps its author, or only the author’s name when they hide forwards', () => {
  const { state, bot, alice, bob } = setUp();
  const original = state.sendMessage(alice.id, bob.id, { text: 'family news' });
  const [linked] = state.forwardMessages(bob.id, alice.id, [original.boxIds.get(bob.id)!], bot.id);
  assert.equal(linked.forward?.fromId, alice.id);
  state.setPrivacy(alice.id, 'forwards', [{ kind: 'disallowAll' }]);
  const [hidden] = state.forwardMessages(bob.id, alice.id, [original.boxIds.get(bob.id)!], bot.id);
  assert.equal(hidden.forward?.fromId, undefined);
  assert.equal(hidden.forward?.senderName, 'Alice');
});

test('privacy rules apply in order, the first matching one decides, and none matching disallows', () => {
  const { state, bot, alice, bob } = setUp();
  assert.deepEqual(state.privacyOf(alice.id, 'forwards'), [{ kind: 'allowAll' }], "Telegram's default: everybody");
  state.setPrivacy(alice.id, 'forwards', [{ kind: 'allowUsers', userIds: [bob.id] }, { kind: 'disallowAll' }]);
  assert.equal(state.privacyAllows(alice.id, 'forwards', bob.id), true);
  assert.equal(state.privacyAllows(alice.id, 'forwards', bot.id), false);
  state.setPrivacy(alice.id, 'forwards', [{ kind: 'disallowUsers', userIds: [bob.id] }, { kind: 'allowAll' }]);
  assert.equal(state.privacyAllows(alice.id, 'forwards', bob.id), false);
  assert.equal(state.privacyAllows(alice.id, 'forwards', bot.id), true);
  state.setPrivacy(alice.id, 'forwards', [{ kind: 'allowContacts' }]);
  assert.equal(state.privacyAllows(alice.id, 'forwards', bob.id), false, 'no contacts in the emulator, and no rule matched');
});

test('a pressed button waits for the bot’s answer; a second answer is refused', async () => {
  const { state, bot, alice } = setUp();
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  const data = Buffer.from('join:allow:1');
  const offer = state.sendMessage(bot.id, alice.id, { text: 'Allow?', replyMarkup: { kind: 'inline', rows: [[{ text: 'Allow', callbackData: data }]] } });
  state.once('callbackQuery', (query) => state.answerCallbackQuery(bot.id, query.id, { text: 'Done' }));
  const answer = await state.pressButton(alice.id, offer.boxIds.get(alice.id)!, data);
  assert.equal(answer.text, 'Done');
  assert.throws(() => state.pressButton(alice.id, offer.boxIds.get(alice.id)!, Buffer.from('nope')), named('DATA_INVALID'));
});

test('uploads are joined in order and must be complete', () => {
  const { state, alice } = setUp();
  state.saveFilePart(alice.id, 7n, 1, Buffer.from('world'));
  assert.throws(() => state.takeUpload(alice.id, 7n, 2), named('FILE_PART_0_MISSING'));
  state.saveFilePart(alice.id, 7n, 0, Buffer.from('hello '));
  assert.equal(state.takeUpload(alice.id, 7n, 2).toString(), 'hello world');
});

test('a stored photo keeps the JPEG sizes processing made, not the uploaded bytes', async () => {
  const { state } = setUp();
  const processed = await processPhoto(PNG_1x1);
  const photo = state.storePhoto(processed);
  assert.equal(state.findPhoto(photo.id), photo);
  assert.deepEqual(photo.sizes.map(({ type, width, height }) => [type, width, height]), [['s', 1, 1]]);
  assert.notDeepEqual(photo.sizes[0]!.bytes, PNG_1x1);
  assert.equal(photo.stripped, processed.stripped);
  await assert.rejects(processPhoto(Buffer.from('not an image')), named('IMAGE_PROCESS_FAILED'));
});

test('an upload can be read and stays until it is taken', () => {
  const { state, alice } = setUp();
  state.saveFilePart(alice.id, 8n, 0, Buffer.from('photo'));
  assert.equal(state.readUpload(alice.id, 8n, 1).toString(), 'photo');
  assert.equal(state.takeUpload(alice.id, 8n, 1).toString(), 'photo');
  assert.throws(() => state.readUpload(alice.id, 8n, 1), named('FILE_PARTS_INVALID'));
});

test('usernames follow Telegram’s rules', () => {
  const { state, alice, bob } = setUp();
  state.setUsername(alice.id, 'alice_w');
  assert.throws(() => state.setUsername(bob.id, 'Alice_W'), named('USERNAME_OCCUPIED'));
  assert.throws(() => state.setUsername(bob.id, 'b!'), named('USERNAME_INVALID'));
  assert.equal(state.resolveUsername('@alice_w').id, alice.id);
  assert.throws(() => state.resolveUsername('nobody_here'), named('USERNAME_NOT_OCCUPIED'));
});

test('deleteMessages reports the ids it deleted from the caller’s box and skips unknown ones', () => {
  const { state, bot, alice } = setUp();
  state.sendMessage(alice.id, bot.id, { text: 'one' });
  state.sendMessage(alice.id, bot.id, { text: 'two' });
  assert.deepEqual(state.deleteMessages(alice.id, [2, 99], false), [2]);
});
