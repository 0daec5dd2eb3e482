import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import bigInt from 'big-integer';
import { TelegramState, unixNow } from '../../../src/emulator/state';
import {
  AbridgedCodec, ByteQueue, encodeFrame, FramingError, FullCodec, IntermediateCodec, MAX_PAYLOAD, mtprotoPayloadLength,
} from '../../../src/emulator/mtproto/transport';
import { detectTransport } from '../../../src/emulator/mtproto/transport/detect';
import { writePlainMessage } from '../../../src/emulator/mtproto/codec';
import { startMtprotoServer, type MtprotoServer } from '../../../src/emulator/mtproto/server';
import { stubHandlers } from './stub-handlers';
import { TRANSPORTS, TransportClient } from './transport-client';

function queueOf(...chunks: Buffer[]): ByteQueue {
  const queue = new ByteQueue();
  for (const chunk of chunks) queue.push(chunk);
  return queue;
}

test('ByteQueue peeks and takes across chunk boundaries', () => {
  const queue = queueOf(Buffer.from('ab'), Buffer.from('cde'), Buffer.from('f'));
  assert.equal(queue.length, 6);
  assert.equal(queue.byteAt(4), 'e'.charCodeAt(0));
  assert.equal(queue.peek(3).toString(), 'abc');
  queue.skip(1);
  assert.equal(queue.take(4).toString(), 'bcde');
  assert.equal(queue.length, 1);
  assert.equal(queue.drain().toString(), 'f');
  assert.throws(() => queue.take(1), RangeError);
});

test('TCP Full reassembles frames split across chunks and checks seq', () => {
  const codec = new FullCodec();
  const frames = Buffer.concat([encodeFrame(0, Buffer.from('aaaabbbb')), encodeFrame(1, Buffer.from('cccc'))]);
  const queue = queueOf(frames.subarray(0, 5));
  assert.equal(codec.decode(queue), undefined);
  assert.equal(codec.partial, true);
  queue.push(frames.subarray(5));
  assert.equal(String(codec.decode(queue)), 'aaaabbbb');
  assert.equal(String(codec.decode(queue)), 'cccc');
  assert.throws(() => codec.decode(queueOf(encodeFrame(7, Buffer.from('dddd')))), /seq 7/);
});

test('TCP Full refuses bad checksums and impossible lengths', () => {
  const corrupt = encodeFrame(0, Buffer.from('aaaabbbb'));
  corrupt[9] ^= 1;
  assert.throws(() => new FullCodec().decode(queueOf(corrupt)), /crc32/);
  const huge = Buffer.alloc(8);
  huge.writeInt32LE(MAX_PAYLOAD + 100, 0);
  assert.throws(() => new FullCodec().decode(queueOf(huge)), FramingError);
});

test('abridged and intermediate frames round-trip, long lengths and quick-ACK bits included', () => {
  for (const codec of [new AbridgedCodec(), new IntermediateCodec(false)]) {
    for (const size of [4, 500, 0x7f * 4 + 8, 300_000]) {
      const payload = randomBytes(size);
      const frame = codec.encode(payload);
      assert.deepEqual(codec.decode(queueOf(frame.subarray(0, 3), frame.subarray(3))), payload, `${codec.name} ${size}`);
    }
  }
  const quickAck = Buffer.concat([Buffer.from([0x80 | 2]), Buffer.from('abcdefgh')]);
  assert.equal(String(new AbridgedCodec().decode(queueOf(quickAck))), 'abcdefgh');
  const intermediateAck = Buffer.alloc(12);
  intermediateAck.writeUInt32LE(0x80000008, 0);
  intermediateAck.write('abcdefgh', 4);
  assert.equal(String(new IntermediateCodec(false).decode(queueOf(intermediateAck))), 'abcdefgh');
});

test('padded intermediate strips the random padding using the MTProto payload length', () => {
  const codec = new IntermediateCodec(true);
  const plain = writePlainMessage(1n << 32n, Buffer.alloc(20, 7));
  const encrypted = Buffer.concat([randomBytes(8), randomBytes(16), randomBytes(64)]);
  for (const payload of [plain, encrypted]) {
    for (let i = 0; i < 20; i++) assert.deepEqual(codec.decode(queueOf(codec.encode(payload))), payload);
  }
  assert.equal(mtprotoPayloadLength(Buffer.concat([encrypted, Buffer.alloc(15)])), encrypted.length);
  const error = codec.encode(Buffer.from([0x6c, 0xfe, 0xff, 0xff]), { pad: false });
  assert.equal(error.readUInt32LE(0), 4, 'a transport error is never padded');
});

test('the first bytes tell the transports apart as Telegram does', () => {
  const kind = (bytes: Buffer) => {
    const detection = detectTransport(queueOf(bytes));
    return detection.kind === 'plain' ? detection.transport : detection.kind;
  };
  assert.equal(kind(Buffer.from([0xef, 1])), 'abridged');
  assert.equal(kind(Buffer.from('eeeeeeee01', 'hex')), 'intermediate');
  assert.equal(kind(Buffer.from('dddddddd01', 'hex')), 'padded-intermediate');
  assert.equal(kind(encodeFrame(0, Buffer.alloc(8))), 'full');
  assert.equal(kind(Buffer.from('GET / HTTP/1.1\r\n')), 'refused');
  assert.equal(kind(Buffer.from('1603010200', 'hex')), 'refused');
  assert.equal(kind(Buffer.from('0102030405060708')), 'wait', 'an obfuscated opening needs its 64 bytes');
  assert.equal(kind(Buffer.concat([Buffer.from('0102030405060708'), randomBytes(56)])), 'obfuscated');
});

let server: MtprotoServer;
const serverLog: string[] = [];
before(async () => {
  server = await startMtprotoServer({
    port: 0, state: new TelegramState(), handlers: stubHandlers(), idleTimeoutMs: 2000,
    log: (_level, message) => serverLog.push(message),
  });
});
after(() => server.close());

/** A raw TCP client that collects everything until the server closes the socket. */
function rawConnection(): { socket: Socket; closed: Promise<Buffer> } {
  const socket = connect(server.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  const closed = new Promise<Buffer>((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks))));
  socket.on('error', () => undefined);
  return { socket, closed };
}

function transportErrorOf(received: Buffer): number {
  assert.equal(received.length, 16, 'one frame with a 4-byte payload');
  assert.equal(received.readInt32LE(0), 16);
  return received.readInt32LE(8);
}

function reqPqPayload(): Buffer {
  const body = new Api.ReqPqMulti({ nonce: bigInt(12345) }).getBytes();
  return writePlainMessage(BigInt(unixNow()) << 32n, body);
}

function readResPq(payload: Buffer): Api.ResPQ {
  return new BinaryReader(payload.subarray(20)).tgReadObject();
}

for (const transport of TRANSPORTS) {
  test(`req_pq_multi over ${transport} is answered in the same transport`, async () => {
    const client = new TransportClient(server.port, transport);
    try {
      client.send(reqPqPayload());
      assert.ok(readResPq(await client.receive()) instanceof Api.ResPQ);
      client.send(reqPqPayload());
      assert.ok(readResPq(await client.receive()) instanceof Api.ResPQ, 'a second frame in the same stream');
    } finally {
      client.destroy();
    }
  });
}

test('a transport error comes back in the transport the client chose', async () => {
  const client = new TransportClient(server.port, 'obfuscated intermediate');
  client.send(randomBytes(88)); // an unknown auth key
  assert.equal((await client.receive()).readInt32LE(0), -404);
  await client.closed;
});

test('garbage closes only that connection', async () => {
  const bystander = rawConnection();
  const garbage = rawConnection();
  garbage.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal((await garbage.closed).length, 0, 'HTTP is not an MTProto transport here: closed without a frame');
  assert.equal(bystander.socket.destroyed, false, 'the other connection is untouched');
  const client = new TransportClient(server.port, 'full');
  client.send(reqPqPayload());
  assert.ok(readResPq(await client.receive()) instanceof Api.ResPQ, 'the server still serves new connections');
  client.destroy();
  bystander.socket.destroy();
});

test('an oversized frame is refused as soon as its length arrives', async () => {
  const oversized = rawConnection();
  const header = Buffer.alloc(8);
  header.writeInt32LE(MAX_PAYLOAD + 16, 0);
  oversized.socket.write(header);
  assert.equal(transportErrorOf(await oversized.closed), -404);
});

test('a bad checksum and an unknown auth key both get -404', async () => {
  const corrupt = rawConnection();
  const frame = encodeFrame(0, randomBytes(64));
  frame[20] ^= 0xff;
  corrupt.socket.write(frame);
  assert.equal(transportErrorOf(await corrupt.closed), -404);

  const stranger = rawConnection();
  stranger.socket.write(encodeFrame(0, randomBytes(88)));
  assert.equal(transportErrorOf(await stranger.closed), -404);
});

test('a truncated frame followed by a close is dropped without harm', async () => {
  const truncated = rawConnection();
  truncated.socket.end(encodeFrame(0, randomBytes(64)).subarray(0, 30));
  assert.equal((await truncated.closed).length, 0);
});

test('20 half-sent frames: every connection is closed by the idle timeout, and the server goes on serving', { timeout: 60_000 }, async () => {
  const frameBytes = 4 * 1024 * 1024;
  const connections = Array.from({ length: 20 }, (_, index) => {
    const client = new TransportClient(server.port, TRANSPORTS[index % TRANSPORTS.length]!);
    const frame = (client as unknown as { codec: { encode(p: Buffer): Buffer } }).codec.encode(Buffer.alloc(frameBytes));
    client.write(frame.subarray(0, frame.length / 2));
    return client;
  });
  await Promise.all(connections.map((client) => client.closed));
  const closedHalfWay = serverLog.filter((line) => /no complete frame .* unfinished frame/.test(line));
  assert.ok(closedHalfWay.length >= 20, `the server closed each half-sent frame itself (log: ${closedHalfWay.length} lines)`);
  const client = new TransportClient(server.port, 'abridged');
  client.send(reqPqPayload());
  assert.ok(readResPq(await client.receive()) instanceof Api.ResPQ);
  client.destroy();
});
