import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import bigInt from 'big-integer';
import { TelegramState, unixNow } from '../../../src/emulator/state';
import { encodeFrame, FrameDecoder, FramingError, MAX_PAYLOAD } from '../../../src/emulator/mtproto/transport';
import { writePlainMessage } from '../../../src/emulator/mtproto/codec';
import { startMtprotoServer, type MtprotoServer } from '../../../src/emulator/mtproto/server';
import { stubHandlers } from './stub-handlers';

test('FrameDecoder reassembles frames split across chunks and checks seq', () => {
  const decoder = new FrameDecoder();
  const frames = Buffer.concat([encodeFrame(0, Buffer.from('aaaabbbb')), encodeFrame(1, Buffer.from('cccc'))]);
  assert.deepEqual(decoder.push(frames.subarray(0, 5)), []);
  assert.deepEqual(decoder.push(frames.subarray(5)).map(String), ['aaaabbbb', 'cccc']);
  assert.throws(() => decoder.push(encodeFrame(7, Buffer.from('dddd'))), /seq 7/);
});

test('FrameDecoder refuses bad checksums and impossible lengths', () => {
  const corrupt = encodeFrame(0, Buffer.from('aaaabbbb'));
  corrupt[9] ^= 1;
  assert.throws(() => new FrameDecoder().push(corrupt), /crc32/);
  const huge = Buffer.alloc(8);
  huge.writeInt32LE(MAX_PAYLOAD + 100, 0);
  assert.throws(() => new FrameDecoder().push(huge), FramingError);
  assert.throws(() => new FrameDecoder().push(Buffer.from('GET / HTTP/1.1\r\n')), /impossible frame length/);
});

let server: MtprotoServer;
before(async () => {
  server = await startMtprotoServer({ port: 0, state: new TelegramState(), handlers: stubHandlers(), log: () => undefined });
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

/** req_pq_multi over a fresh connection: proves the server still serves. */
async function reqPq(): Promise<Api.ResPQ> {
  const socket = connect(server.port, '127.0.0.1');
  const body = new Api.ReqPqMulti({ nonce: bigInt(12345) }).getBytes();
  socket.write(encodeFrame(0, writePlainMessage(BigInt(unixNow()) << 32n, body)));
  const frame = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
  socket.destroy();
  const { BinaryReader } = await import('telegram/extensions');
  return new BinaryReader(frame.subarray(8 + 20, frame.length - 4)).tgReadObject();
}

test('garbage gets transport error -404 and closes only that connection', async () => {
  const bystander = rawConnection();
  const garbage = rawConnection();
  garbage.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(transportErrorOf(await garbage.closed), -404);
  assert.equal(bystander.socket.destroyed, false, 'the other connection is untouched');
  assert.ok((await reqPq()) instanceof Api.ResPQ, 'the server still serves new connections');
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
  assert.ok((await reqPq()) instanceof Api.ResPQ);
});
