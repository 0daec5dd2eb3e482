import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, deflateSync } from 'node:zlib';
import { Api } from 'telegram';
import { GZIPPacked } from 'telegram/tl/core';
import { BinaryReader } from 'telegram/extensions';
import bigInt from 'big-integer';
import {
  DecodeError,
  GZIP_PACKED,
  packGzip,
  readContainer,
  readPlainMessage,
  serializeBytes,
  unpackGzip,
  unwrapRequest,
  writeContainer,
  writePlainMessage,
  writeRpcResult,
} from '../../../src/emulator/mtproto/codec';
import { codecForLayer, TlEncodeError } from '../../../src/emulator/mtproto/tl';

test('containers round-trip and refuse nesting', () => {
  const messages = [
    { msgId: 4n, seqNo: 1, body: new Api.Ping({ pingId: bigInt(1) }).getBytes() },
    { msgId: 8n, seqNo: 2, body: new Api.MsgsAck({ msgIds: [bigInt(4)] }).getBytes() },
  ];
  const container = writeContainer(messages);
  assert.deepEqual(readContainer(container), messages);
  assert.throws(() => readContainer(writeContainer([{ msgId: 12n, seqNo: 0, body: container }])), DecodeError);
});

test('gzip_packed inflates (gzip or zlib) and our packing is readable by GramJS', async () => {
  const body = new Api.help.GetConfig().getBytes();
  const header = Buffer.alloc(4);
  header.writeUInt32LE(GZIP_PACKED, 0);
  assert.deepEqual(unpackGzip(Buffer.concat([header, serializeBytes(gzipSync(body))])), body);
  assert.deepEqual(unpackGzip(Buffer.concat([header, serializeBytes(deflateSync(body))])), body);
  const packed = await new BinaryReader(packGzip(body)).tgReadObject();
  assert.ok(packed instanceof GZIPPacked);
  assert.deepEqual(packed.data, body);
  assert.throws(() => unpackGzip(Buffer.concat([header, serializeBytes(Buffer.from('not gzip'))])), DecodeError);
});

test('plain messages round-trip; truncated ones are refused', () => {
  const body = new Api.ReqPqMulti({ nonce: bigInt(7) }).getBytes();
  const plain = writePlainMessage(123n << 32n, body);
  assert.deepEqual(readPlainMessage(plain), { msgId: 123n << 32n, body });
  assert.throws(() => readPlainMessage(plain.subarray(0, 25)), DecodeError);
});

test('wrappers are unwrapped down to the real query', () => {
  const inner = new Api.help.GetConfig();
  const wrapped = new Api.InvokeWithLayer({ layer: 1, query: new Api.InitConnection({ apiId: 1, deviceModel: 'd', systemVersion: 's', appVersion: 'a', systemLangCode: 'en', langPack: '', langCode: 'en', query: new Api.InvokeWithoutUpdates({ query: inner }) }) });
  const decoded = new BinaryReader(wrapped.getBytes()).tgReadObject();
  const unwrapped = unwrapRequest(decoded);
  assert.equal(unwrapped.request.className, 'help.GetConfig');
  assert.equal(unwrapped.layer, 1);
  assert.equal(unwrapped.initConnection?.deviceModel, 'd');
});

test('rpc_result carries the request id and the boxed result', () => {
  const codec = codecForLayer(198);
  const result = writeRpcResult(40n, codec.encodeResult('account.UpdateStatus', false));
  assert.equal(result.readUInt32LE(0), 0xf35c6d01);
  assert.equal(result.readBigInt64LE(4), 40n);
  assert.equal(result.readUInt32LE(12), 0xbc799737);
  assert.throws(() => codec.encodeResult('account.UpdateStatus', 'yes'), TlEncodeError);
  assert.throws(() => codec.encodeResult('users.GetUsers', [1]), TlEncodeError);
});
