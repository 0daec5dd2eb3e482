/**
 * The test DC's faults through the wire, as a real GramJS client meets them: FLOOD_WAIT on
 * auth.sendCode past N codes an hour, numbers locked by a stranger's 2FA, banned numbers,
 * accounts wiped now and then; and the standalone emulator's settings that turn them on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, type TelegramClient } from 'telegram';
import { DeletedMessage, type DeletedMessageEvent } from 'telegram/events/DeletedMessage';
import { FloodWaitError } from 'telegram/errors';
import { PasswordProtectedNumberError } from '../../../support/backends/login';
import { applyFaultSettings, readFaultSettings } from '../../../src/emulator/settings';
import { rpcRejection } from '../mtproto/rpc-rejection';
import { accountIdOf, GUARD, nextMessage, Twin } from './harness';

const sendCode = (client: TelegramClient, phoneNumber: string) =>
  client.invoke(new Api.auth.SendCode({ phoneNumber, apiId: 1, apiHash: 'twin', settings: new Api.CodeSettings({}) }));

describe('the twin: faults as the test DC has them', () => {
  let twin: Twin;
  let client: TelegramClient;

  before(async () => {
    twin = await Twin.start();
    client = twin.client();
    await client.connect();
  });
  after(() => twin?.stop());

  it('past N login codes for a number within an hour, auth.sendCode answers FLOOD_WAIT_X until the oldest ages out', GUARD, async () => {
    twin.emulator.control.limitLoginCodes(2);
    await sendCode(client, '9996620041');
    await sendCode(client, '9996620041');
    const error = await rpcRejection(sendCode(client, '9996620041'));
    assert.ok(error instanceof FloodWaitError, error.errorMessage);
    assert.ok(error.seconds > 3500 && error.seconds <= 3600, `about an hour, got ${error.seconds} s`);
    await sendCode(client, '9996620042');
    twin.emulator.control.limitLoginCodes(undefined);
    await sendCode(client, '9996620041');
  });

  it('a shorter window gives a FLOOD_WAIT short enough to wait out; a stranger\'s code request counts towards it', GUARD, async () => {
    twin.emulator.control.limitLoginCodes(1, 30_000);
    twin.emulator.control.strangerRequestsLoginCode('9996620046');
    const error = await rpcRejection(sendCode(client, '9996620046'));
    assert.ok(error instanceof FloodWaitError, error.errorMessage);
    assert.ok(error.seconds > 0 && error.seconds <= 30, `at most the window, got ${error.seconds} s`);
    twin.emulator.control.limitLoginCodes(undefined);
  });

  it('a banned number answers PHONE_NUMBER_BANNED, and sends no code', GUARD, async () => {
    twin.emulator.control.banNumber('9996620043');
    const error = await rpcRejection(sendCode(client, '9996620043'));
    assert.equal(error.code, 400);
    assert.equal(error.errorMessage, 'PHONE_NUMBER_BANNED');
  });

  it('a number locked by a stranger\'s 2FA answers SESSION_PASSWORD_NEEDED after the right code', GUARD, async () => {
    twin.emulator.control.protectWithPassword('9996610044');
    await assert.rejects(twin.person('9996610044', 'Locked'), PasswordProtectedNumberError);
  });

  it('a wiped account is signed out everywhere, its chats lose its messages, and its number signs up anew', GUARD, async () => {
    const alice = await twin.person('9996610045', 'Alice');
    const bob = await twin.person('9996630045', 'Bob');
    const bobsPeer = await twin.inputPeerOf(bob);
    const arrived = nextMessage(bob);
    await alice.sendMessage(bobsPeer, { message: 'before the wipe' });
    await arrived;
    const aliceId = await accountIdOf(alice);

    const gone = new Promise<DeletedMessageEvent>((resolve) => bob.addEventHandler(resolve, new DeletedMessage({})));
    twin.emulator.control.wipeAccount('9996610045');
    assert.equal((await gone).deletedIds.length, 1, 'Bob sees the message go');
    const signedOut = await rpcRejection(alice.getMe());
    assert.equal(signedOut.errorMessage, 'AUTH_KEY_UNREGISTERED');
    const again = await twin.person('9996610045', 'Alice');
    assert.notEqual(await accountIdOf(again), aliceId, 'a new account on the same number');
  });

  it('wipes every user account now and then, bots kept', GUARD, async () => {
    await twin.person('9996620046', 'Carol');
    const bot = twin.emulator.control.createBot({ username: 'kept_album_bot' });
    const state = twin.emulator.state;
    const users = () => state.listAccounts().filter((account) => !account.isBot);
    const allGone = new Promise<void>((resolve) => {
      const listener = () => {
        if (users().length > 0) return;
        state.off('accountDeleted', listener);
        resolve();
      };
      state.on('accountDeleted', listener);
    });
    twin.emulator.control.scheduleAccountWipes(20);
    await allGone;
    twin.emulator.control.stop();
    assert.ok(state.findAccount(bot.id), 'the bot stays');
    assert.ok(state.findByUsername('BotFather'), '@BotFather stays');
  });
});

describe('the standalone emulator\'s fault settings', () => {
  it('reads each fault from its setting and turns it on', async () => {
    const settings = readFaultSettings({
      EMULATOR_STRANGERS_EVERY_MS: '60000',
      EMULATOR_LOGIN_CODES_PER_HOUR: '5',
      EMULATOR_PASSWORD_NUMBERS: '9996610001, +9996620002',
      EMULATOR_BANNED_NUMBERS: '9996630003',
      EMULATOR_WIPE_ACCOUNTS_EVERY_MS: '3600000',
    });
    assert.deepEqual(settings, {
      strangers: { everyMs: 60000, max: 100 },
      loginCodesPerHour: 5,
      passwordNumbers: ['9996610001', '9996620002'],
      bannedNumbers: ['9996630003'],
      wipeAccountsEveryMs: 3600000,
    });
    const twin = await Twin.start();
    try {
      applyFaultSettings(twin.emulator.control, settings);
      assert.equal(twin.emulator.control.strangers.active, true);
      assert.equal(twin.emulator.state.faults.isBanned('9996630003'), true);
      assert.equal(twin.emulator.state.faults.isPasswordProtected('9996620002'), true);
    } finally {
      await twin.stop();
    }
    assert.deepEqual(readFaultSettings({}), { strangers: undefined, loginCodesPerHour: undefined, passwordNumbers: [], bannedNumbers: [], wipeAccountsEveryMs: undefined });
  });

  it('refuses a wrong value with the setting named and what it takes', () => {
    assert.throws(() => readFaultSettings({ EMULATOR_LOGIN_CODES_PER_HOUR: 'many' }), /EMULATOR_LOGIN_CODES_PER_HOUR=many is not valid: use a whole number above 0/);
    assert.throws(() => readFaultSettings({ EMULATOR_BANNED_NUMBERS: '12345' }), /EMULATOR_BANNED_NUMBERS=12345 is not valid: use test numbers 99966XYYYY/);
    assert.throws(() => readFaultSettings({ EMULATOR_STRANGERS_MAX: '3' }), /together with EMULATOR_STRANGERS_EVERY_MS/);
  });
});

