import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import bigInt from 'big-integer';
import { randomLong, TelegramState, unixNow } from '../../../src/emulator/state';
import { AuthKey, AuthKeyStore } from '../../../src/emulator/mtproto/auth-key';
import { MSG_CONTAINER, RPC_RESULT, serializeBytes, writeContainer, GZIP_PACKED, type RawMessage } from '../../../src/emulator/mtproto/codec';
import { createDispatcher } from '../../../src/emulator/mtproto/dispatch';
import { decryptServerMessage, encryptClientMessage } from '../../../src/emulator/mtproto/encryption';
import { SessionLayer } from '../../../src/emulator/mtproto/session';
import type { FrameConnection } from '../../../src/emulator/mtproto/transport';
import { stubHandlers } from './stub-handlers';

/** A connection that records what the server sends, decrypted. */
class RecordingConnection implements FrameConnection {
  readonly id = 1;
  closed = false;
  failures: number[] = [];
  received: (RawMessage & { salt: bigint; sessionId: bigint })[] = [];
  constructor(private readonly authKey: AuthKey) {}
  send(payload: Buffer) {
    const { salt, sessionId, message } = decryptServerMessage(this.authKey, payload);
    this.received.push({ ...message, salt, sessionId });
    this.arrived?.();
  }
  fail(code: number) {
    this.failures.push(code);
    this.closed = true;
  }
  close() {
    this.closed = true;
  }
  private arrived?: () => void;
  /** Waits until `count` messages have arrived (dispatch answers asynchronously); 10 s is only a failure guard. */
  async waitFor(count: number) {
    const deadline = Date.now() + 10_000;
    while (this.received.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.arrived = resolve;
        setTimeout(resolve, 50).unref();
      });
    }
    assert.ok(this.received.length >= count, `expected ${count} messages, got ${this.received.length}`);
  }
}

function constructorOf(message: RawMessage) {
  return message.body.readUInt32LE(0);
}

/** A fake client: its own msg_id clock (≡ 0 mod 4) and seq_no, encrypting with the key. */
function setup() {
  const authKeys = new AuthKeyStore();
  const authKey = new AuthKey(randomBytes(256));
  const stored = authKeys.add(authKey);
  const state = new TelegramState();
  const log: string[] = [];
  const dispatch = createDispatcher({ state, handlers: stubHandlers(), authKeys, server: { host: '127.0.0.1', port: 1, dcId: 2 }, log: (m) => log.push(m) });
  const layer = new SessionLayer({ authKeys, dispatch, log: (m) => log.push(m) });
  const connection = new RecordingConnection(authKey);
  const sessionId = randomLong();
  let lastMsgId = 0n;
  let sequence = 0;
  const client = {
    msgId() {
      let id = (BigInt(unixNow()) << 32n) & ~3n;
      if (id <= lastMsgId) id = lastMsgId + 4n;
      return (lastMsgId = id);
    },
    seq(contentRelated: boolean) {
      return contentRelated ? sequence++ * 2 + 1 : sequence * 2;
    },
    message(body: Buffer, contentRelated = true): RawMessage {
      return { msgId: client.msgId(), seqNo: client.seq(contentRelated), body };
    },
    send(message: RawMessage, salt = stored.salt) {
      layer.receive(connection, encryptClientMessage(authKey, salt, sessionId, message));
    },
  };
  return { layer, connection, client, stored, state, log, sessionId };
}

test('salt 0 gets new_session_created (push) and bad_server_salt; the resend is answered', async () => {
  const { connection, client, stored } = setup();
  const first = client.message(new Api.updates.GetState().getBytes());
  client.send(first, 0n);
  assert.equal(connection.received.length, 2);
  const [created, badSalt] = connection.received;
  assert.equal(constructorOf(created), Api.NewSessionCreated.CONSTRUCTOR_ID);
  assert.equal(created.msgId % 4n, 3n, 'a notification has msg_id ≡ 3 mod 4');
  assert.equal(created.seqNo % 2, 1, 'new_session_created is content-related');
  assert.equal(constructorOf(badSalt), Api.BadServerSalt.CONSTRUCTOR_ID);
  assert.equal(badSalt.msgId % 4n, 1n);
  assert.equal(badSalt.seqNo % 2, 0, 'bad_server_salt is not content-related');
  const decoded = new BinaryReader(badSalt.body).tgReadObject() as Api.BadServerSalt;
  assert.equal(BigInt(decoded.newServerSalt.toString()), stored.salt);
  assert.equal(BigInt(decoded.badMsgId.toString()), first.msgId);

  client.send(client.message(new Api.help.GetConfig().getBytes()));
  await connection.waitFor(3);
  const answer = connection.received[2];
  assert.equal(answer.body.readUInt32LE(0), RPC_RESULT);
  assert.equal(answer.body.readBigInt64LE(4), lastClientId(connection, client));
  assert.equal(answer.msgId % 4n, 1n);
  assert.equal(answer.seqNo % 2, 1);
});

function lastClientId(_connection: RecordingConnection, client: { msgId(): bigint }) {
  // The id the client used last is 4 below the next one it would make.
  return client.msgId() - 4n;
}

test('containers with acks, pings and gzip_packed requests; server ids increase, seq_no parity holds', async () => {
  const { connection, client } = setup();
  const ping = client.message(new Api.Ping({ pingId: bigInt(77) }).getBytes());
  const ack = client.message(new Api.MsgsAck({ msgIds: [bigInt(1)] }).getBytes(), false);
  const gzBody = Buffer.concat([Buffer.from(new Uint32Array([GZIP_PACKED]).buffer), serializeBytes(gzipSync(new Api.contacts.GetContactIDs({ hash: bigInt(0) }).getBytes()))]);
  const gzipped = client.message(gzBody);
  const container = client.message(writeContainer([ping, ack, gzipped]), false);
  client.send(container);
  await connection.waitFor(3);
  const [created, pong, result] = connection.received;
  assert.equal(constructorOf(created), Api.NewSessionCreated.CONSTRUCTOR_ID);
  const decodedPong = new BinaryReader(pong.body).tgReadObject() as Api.Pong;
  assert.equal(decodedPong.pingId.toString(), '77');
  assert.equal(BigInt(decodedPong.msgId.toString()), ping.msgId);
  // contacts.getContactIDs needs sign-in: the stub is never reached.
  assert.equal(result.body.readUInt32LE(0), RPC_RESULT);
  assert.equal(result.body.readBigInt64LE(4), gzipped.msgId);
  const error = new BinaryReader(result.body.subarray(12)).tgReadObject() as Api.RpcError;
  assert.equal(error.errorCode, 401);
  assert.equal(error.errorMessage, 'AUTH_KEY_UNREGISTERED');
  const ids = connection.received.map((m) => m.msgId);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], 'server msg_ids strictly increase');
  assert.deepEqual(connection.received.map((m) => m.seqNo), [1, 3, 5], 'content-related messages get consecutive odd seq_no');
});

test('Bool and Vector<int>/Vector<long> results are boxed per the declared type', async () => {
  const { connection, client, stored, state } = setup();
  stored.accountId = state.createUser({ phone: '9996621234', firstName: 'A' }).id;
  client.send(client.message(new Api.contacts.GetContactIDs({ hash: bigInt(0) }).getBytes()));
  client.send(client.message(new Api.messages.ReceivedQueue({ maxQts: 1 }).getBytes()));
  client.send(client.message(new Api.account.UpdateStatus({ offline: false }).getBytes()));
  await connection.waitFor(4);
  const bodies = connection.received.slice(1).map((m) => new BinaryReader(m.body.subarray(12)));
  assert.deepEqual((new Api.contacts.GetContactIDs({ hash: bigInt(0) }) as any).readResult(bodies[0]), [1, 2, 3]);
  assert.deepEqual((new Api.messages.ReceivedQueue({ maxQts: 1 }) as any).readResult(bodies[1]).map(String), ['5', '6']);
  assert.equal(bodies[2].tgReadObject(), true);
});

test('bad msg_ids, duplicates and wrong seq_no parity get bad_msg_notification codes', async () => {
  const { connection, client } = setup();
  const notification = (index: number) => new BinaryReader(connection.received[index].body).tgReadObject() as Api.BadMsgNotification;
  client.send(client.message(new Api.Ping({ pingId: bigInt(1) }).getBytes())); // [0] created, [1] pong
  const old = { msgId: (BigInt(unixNow() - 3600) << 32n), seqNo: 1, body: new Api.Ping({ pingId: bigInt(2) }).getBytes() };
  client.send(old);
  assert.equal(notification(2).errorCode, 16);
  const future = { msgId: (BigInt(unixNow() + 3600) << 32n), seqNo: 1, body: old.body };
  client.send(future);
  assert.equal(notification(3).errorCode, 17);
  const odd = client.message(old.body);
  client.send({ ...odd, msgId: odd.msgId + 1n });
  assert.equal(notification(4).errorCode, 18);
  const repeated = client.message(old.body);
  client.send(repeated);
  client.send(repeated);
  assert.equal(notification(6).errorCode, 20);
  client.send(client.message(new Api.help.GetConfig().getBytes(), false));
  assert.equal(notification(7).errorCode, 35, 'a request needs an odd seq_no');
  assert.ok([2, 3, 4, 6, 7].every((i) => connection.received[i].seqNo % 2 === 0), 'notifications are not content-related');
});

test('unknown auth key and undecryptable payloads close the connection with -404', () => {
  const { layer, connection, client } = setup();
  const stranger = new AuthKey(randomBytes(256));
  layer.receive(connection, encryptClientMessage(stranger, 0n, 1n, client.message(Buffer.alloc(8))));
  assert.deepEqual(connection.failures, [-404]);
});

test('an unimplemented method gets an RPC error naming it and the session keeps serving', async () => {
  const { connection, client, log } = setup();
  const requests = [
    client.message(new Api.help.GetPremiumPromo().getBytes()),
    client.message(new Api.help.GetNearestDc().getBytes()),
    client.message(new Api.help.GetAppConfig({ hash: 0 }).getBytes()),
    client.message(Buffer.from('deadbeef00000000', 'hex')),
  ];
  for (const request of requests) client.send(request);
  await connection.waitFor(5);
  // Answers may come in any order (dispatch is async): match them by req_msg_id.
  const byRequest = new Map(connection.received.slice(1).map((m) => [m.body.readBigInt64LE(4), new BinaryReader(m.body.subarray(12)).tgReadObject() as Api.RpcError]));
  assert.deepEqual(requests.map((r) => [byRequest.get(r.msgId)?.errorCode, byRequest.get(r.msgId)?.errorMessage]), [
    [400, 'INPUT_METHOD_INVALID_HELP_GETPREMIUMPROMO'],
    [400, 'STUB_REFUSED'],
    [500, 'INTERNAL'],
    [400, `INPUT_METHOD_INVALID_${0xefbeadde}`],
  ]);
  assert.ok(log.some((line) => line.includes('help.GetPremiumPromo')), 'the server log names the method');
  assert.ok(log.some((line) => line.includes('a handler bug')), 'a handler crash is logged');
});

test('an injected FLOOD_WAIT answers 420 before the handler runs', async () => {
  const { connection, client, state } = setup();
  state.faults.floodWait('help.GetConfig', 7);
  client.send(client.message(new Api.InvokeWithLayer({ layer: 198, query: new Api.help.GetConfig() }).getBytes()));
  client.send(client.message(new Api.help.GetConfig().getBytes()));
  await connection.waitFor(3);
  const first = new BinaryReader(connection.received[1].body.subarray(12)).tgReadObject() as Api.RpcError;
  assert.deepEqual([first.errorCode, first.errorMessage], [420, 'FLOOD_WAIT_7']);
  assert.ok(new BinaryReader(connection.received[2].body.subarray(12)).tgReadObject() instanceof Api.Config);
});

test('pushes reach live sessions of the signed-in account with msg_id ≡ 3 mod 4', async () => {
  const { layer, connection, client, stored, state } = setup();
  const account = state.createUser({ phone: '9996621111', firstName: 'B' });
  stored.accountId = account.id;
  client.send(client.message(new Api.Ping({ pingId: bigInt(1) }).getBytes()));
  assert.equal(layer.push(account.id, new Api.UpdatesTooLong()), 1);
  assert.equal(layer.push(account.id + 1, new Api.UpdatesTooLong()), 0);
  const pushed = connection.received[2];
  assert.equal(constructorOf(pushed), Api.UpdatesTooLong.CONSTRUCTOR_ID);
  assert.equal(pushed.msgId % 4n, 3n);
  assert.equal(pushed.seqNo % 2, 1);
  layer.dropConnection(connection);
  assert.equal(layer.push(account.id, new Api.UpdatesTooLong()), 0, 'a dropped connection gets nothing');
});

void MSG_CONTAINER;
