/**
 * Logins saved between two runs of the emulator (src/emulator/persistence.ts), through the
 * wire: a GramJS session saved against one emulator resumes, logged in, on the next one
 * started with the same RSA key and the saved logins, with no login code.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { saveLogins, restoreLogins } from '../../../src/emulator/persistence';
import { ServerRsaKey } from '../../../src/emulator/mtproto/rsa';
import { accountIdOf, GUARD, Twin } from './harness';

const twins: Twin[] = [];
after(() => Promise.all(twins.map((twin) => twin.stop())));

describe('saved logins', () => {
  it('a session saved on one emulator resumes logged in on the next (same RSA key, saved logins), and the bot keeps its token', GUARD, async () => {
    const rsaKey = await ServerRsaKey.generateAsync();
    const first = await Twin.start({ rsaKey });
    twins.push(first);
    const alice = await first.person('9996610051', 'Alice');
    const aliceId = await accountIdOf(alice);
    const session = String(alice.session.save());
    const bot = first.emulator.control.createBot({ username: 'saved_logins_bot' });
    const saved = JSON.parse(JSON.stringify(saveLogins(first.emulator))) as unknown;
    await first.stop();
    twins.splice(twins.indexOf(first), 1);

    const second = await Twin.start({ rsaKey: ServerRsaKey.fromPrivatePem(rsaKey.privateKeyPem) });
    twins.push(second);
    restoreLogins(second.emulator, saved);
    const resumed = second.client(session);
    await resumed.connect();
    assert.equal(await resumed.checkAuthorization(), true, 'logged in without a new login');
    assert.equal(await accountIdOf(resumed), aliceId);
    assert.equal(second.emulator.state.findByToken(bot.token)?.username, 'saved_logins_bot');
    assert.ok(second.emulator.state.findByUsername('BotFather'), 'the new emulator has its own @BotFather');
    const newcomer = second.emulator.state.createUser({ phone: '9996620052', firstName: 'Bob' });
    assert.ok(newcomer.id > aliceId && newcomer.id > bot.id, 'new accounts get ids after the restored ones');
  });

  it('refuses malformed saved logins and changes nothing', GUARD, async () => {
    const twin = await Twin.start();
    twins.push(twin);
    const before = twin.emulator.state.listAccounts().length;
    assert.throws(() => restoreLogins(twin.emulator, { version: 1, accounts: [{ id: 'x' }], authKeys: [] }), /The saved logins are not usable: account "x" is malformed/);
    assert.throws(() => restoreLogins(twin.emulator, { version: 2 }), /not version 1/);
    assert.equal(twin.emulator.state.listAccounts().length, before);
  });
});
