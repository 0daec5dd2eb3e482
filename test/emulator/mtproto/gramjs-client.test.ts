/**
 * A real GramJS TelegramClient against the MTProto server, through src/emulator/gramjs.ts,
 * with stub handlers: handshake, initConnection, errors, pushes, and resuming a saved session.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, TelegramClient } from 'telegram';
import { Raw } from 'telegram/events';
import bigInt from 'big-integer';
import { TelegramState, unixNow } from '../../../src/emulator/state';
import { startMtprotoServer, type MtprotoServer } from '../../../src/emulator/mtproto/server';
import { createEmulatorClient, type EmulatorEndpoint } from '../../../src/emulator/gramjs';
import { rpcRejection } from './rpc-rejection';
import { stubHandlers } from './stub-handlers';

let server: MtprotoServer;
let endpoint: EmulatorEndpoint;
const state = new TelegramState();
const calls: string[] = [];
const warnings: string[] = [];
const clients: TelegramClient[] = [];

before(async () => {
  server = await startMtprotoServer({
    port: 0,
    state,
    handlers: stubHandlers(calls),
    log: (level, message) => level === 'warn' && warnings.push(message),
  });
  endpoint = { host: server.host, port: server.port, dcId: server.dcId, rsaPublicKeyPem: server.rsaPublicKeyPem };
});

after(async () => {
  await Promise.all(clients.map((client) => client.destroy()));
  await server.close();
});

function client(session?: string): TelegramClient {
  const created = createEmulatorClient(endpoint, { session, params: { floodSleepThreshold: 0, autoReconnect: false } });
  clients.push(created);
  return created;
}

test('GramJS connects (key exchange + initConnection(help.getConfig)) and gets answers', async () => {
  const alice = client();
  await alice.connect();
  assert.equal(server.handshakes, 1);
  assert.ok(calls.includes('help.GetConfig'), 'connect() sends help.getConfig wrapped in invokeWithLayer(initConnection)');
  const config = await alice.invoke(new Api.help.GetConfig());
  assert.equal(config.dcOptions[0].ipAddress, '127.0.0.1');
  assert.equal(config.dcOptions[0].port, server.port);

  const notSignedIn = await rpcRejection(alice.invoke(new Api.updates.GetState()));
  assert.equal(notSignedIn.code, 401);
  assert.equal(notSignedIn.errorMessage, 'AUTH_KEY_UNREGISTERED');

  await alice.invoke(new Api.auth.SignIn({ phoneNumber: '9996620001', phoneCodeHash: 'x', phoneCode: '22222' }));
  const updatesState = await alice.invoke(new Api.updates.GetState());
  assert.ok(updatesState instanceof Api.updates.State);
  assert.deepEqual(await alice.invoke(new Api.contacts.GetContactIDs({ hash: bigInt(0) })), [1, 2, 3]);
  assert.equal(await alice.invoke(new Api.account.UpdateStatus({ offline: false })), true);
});

test('unimplemented methods and handler errors come back as RPC errors; the connection keeps serving', async () => {
  const bob = client();
  await bob.connect();
  const unknown = await rpcRejection(bob.invoke(new Api.help.GetPremiumPromo()));
  assert.equal(unknown.code, 400);
  assert.match(unknown.errorMessage, /INPUT_METHOD_INVALID_HELP_GETPREMIUMPROMO/);
  assert.ok(warnings.some((line) => line.includes('help.GetPremiumPromo')));
  const crashed = await rpcRejection(bob.invoke(new Api.help.GetAppConfig({ hash: 0 })));
  assert.equal(crashed.code, 500);
  state.faults.floodWait('help.GetConfig', 5);
  const flood = await rpcRejection(bob.invoke(new Api.help.GetConfig()));
  assert.equal(flood.code, 420);
  assert.ok(await bob.invoke(new Api.help.GetConfig()));
});

test('a saved StringSession resumes with no new key exchange, still signed in', async () => {
  const carol = client();
  await carol.connect();
  await carol.invoke(new Api.auth.SignIn({ phoneNumber: '9996620002', phoneCodeHash: 'x', phoneCode: '22222' }));
  const saved = carol.session.save() as unknown as string;
  await carol.disconnect();
  const handshakesBefore = server.handshakes;

  const resumed = client(saved);
  await resumed.connect();
  assert.ok(await resumed.invoke(new Api.updates.GetState()));
  assert.equal(server.handshakes, handshakesBefore, 'no new auth key was made');
});

test('pushed updates reach the signed-in client as GramJS events', async () => {
  const dave = client();
  await dave.connect();
  const auth = (await dave.invoke(new Api.auth.SignIn({ phoneNumber: '9996620003', phoneCodeHash: 'x', phoneCode: '22222' }))) as Api.auth.Authorization;
  const accountId = Number(auth.user.id.toString());
  const received = new Promise<Api.TypeUpdate>((resolve) => {
    dave.addEventHandler((update) => {
      if (update instanceof Api.UpdateUserTyping) resolve(update);
    }, new Raw({}));
  });
  server.pushUpdates(
    accountId,
    new Api.UpdateShort({ update: new Api.UpdateUserTyping({ userId: bigInt(42), action: new Api.SendMessageTypingAction() }), date: unixNow() }),
  );
  const update = (await received) as Api.UpdateUserTyping;
  assert.equal(update.userId.toString(), '42');
});
