import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmulatorControl } from '../../../src/emulator/control/control';
import { TelegramError } from '../../../src/emulator/errors';
import { TelegramState } from '../../../src/emulator/state';

function setUp() {
  const state = new TelegramState();
  const control = new EmulatorControl(state);
  const bot = control.createBot({ username: 'album_bot' });
  const alice = state.createUser({ phone: '9996621234', firstName: 'Alice' });
  return { state, control, bot, alice };
}

test('createBot gives a token the state recognises', () => {
  const { state, bot } = setUp();
  assert.equal(state.findByToken(bot.token)?.id, bot.id);
  assert.equal(bot.username, 'album_bot');
});

test('an injected flood wait fails the chosen method the chosen number of times, then clears', () => {
  const { state, control } = setUp();
  control.injectFloodWait('auth.SendCode', 3, 2);
  for (let i = 0; i < 2; i++) {
    assert.throws(() => state.faults.checkFloodWait('auth.SendCode'), (e: TelegramError) => e.code === 420 && e.errorMessage === 'FLOOD_WAIT_3');
  }
  assert.doesNotThrow(() => state.faults.checkFloodWait('auth.SendCode'));
  assert.doesNotThrow(() => state.faults.checkFloodWait('auth.SignIn'));
});

test('a password-protected number is recognised in any spelling', () => {
  const { state, control } = setUp();
  control.protectWithPassword('+999 66 2 4321');
  assert.ok(state.faults.isPasswordProtected('9996624321'));
});

test('wipeHistory empties the account’s chats and announces the deletion', () => {
  const { state, control, bot, alice } = setUp();
  state.sendMessage(alice.id, bot.id, { text: '/start' });
  const deleted: number[][] = [];
  state.on('delete', (event) => event.ownerId === alice.id && deleted.push(event.boxIds));
  control.wipeHistory('9996621234');
  assert.deepEqual(state.history(alice.id, bot.id), []);
  assert.deepEqual(deleted, [[1]]);
});

test('snapshot shows accounts and chats as plain data; reset forgets them', () => {
  const { state, control, bot, alice } = setUp();
  state.sendMessage(alice.id, bot.id, { text: 'hello' });
  const snapshot = control.snapshot();
  assert.equal(snapshot.accounts.length, 2);
  assert.deepEqual(snapshot.chats.find((c) => c.ownerId === alice.id), { ownerId: alice.id, peerId: bot.id, messages: 1 });
  control.reset();
  assert.deepEqual(control.snapshot(), { accounts: [], chats: [], media: { photos: 0, documents: 0, uploads: 0 } });
});

test('an unknown account is named in the error', () => {
  const { control } = setUp();
  assert.throws(() => control.wipeHistory('123'), /No account 123/);
});
