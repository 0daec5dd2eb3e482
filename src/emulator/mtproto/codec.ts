/**
 * Codec: bytes ⇄ MTProto messages and TL objects.
 *
 * TL objects themselves are read and written by the pinned `telegram` package
 * (`BinaryReader.tgReadObject()`, `getBytes()`), so the wire format is exactly what GramJS
 * expects. What the package only reads asynchronously or not at all on the server side is
 * done here by hand: the plain-message envelope of the key exchange, `msg_container`,
 * `gzip_packed`, `rpc_result` and `rpc_error`, and unwrapping the `invokeWithLayer` /
 * `initConnection` / `invokeWithoutUpdates`... wrappers around a request.
 */
import { unzipSync, gzipSync } from 'node:zlib';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';

export const MSG_CONTAINER = 0x73f1f8dc;
export const GZIP_PACKED = 0x3072cfa1;
export const RPC_RESULT = 0xf35c6d01;
/** Containers hold at most this many messages (Telegram's and GramJS's limit). */
export const MAX_CONTAINER_MESSAGES = 1024;
/** Gunzipped requests larger than this are refused (a zip bomb must not take the process). */
const MAX_GUNZIPPED = 16 * 1024 * 1024;

/** Malformed MTProto content (as opposed to a framing error): the session answers or drops it. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** One message as it travels: id, sequence number and the (still encoded) body. */
export interface RawMessage {
  msgId: bigint;
  seqNo: number;
  body: Buffer;
}

// ── plain (unencrypted) messages: only the key exchange uses them ──────────────────────────

/** `auth_key_id = 0`, `msg_id`, `length`, body. */
export function readPlainMessage(payload: Buffer): { msgId: bigint; body: Buffer } {
  if (payload.length < 20) throw new DecodeError(`plain message of ${payload.length} bytes is shorter than its header`);
  const length = payload.readInt32LE(16);
  if (length < 4 || length > payload.length - 20) throw new DecodeError(`plain message length ${length} does not fit in ${payload.length - 20} bytes`);
  return { msgId: payload.readBigInt64LE(8), body: payload.subarray(20, 20 + length) };
}

export function writePlainMessage(msgId: bigint, body: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header.writeBigInt64LE(msgId, 8);
  header.writeInt32LE(body.length, 16);
  return Buffer.concat([header, body]);
}

// ── inner messages of an encrypted payload ─────────────────────────────────────────────────

/** `msg_id:long seq_no:int bytes:int body` followed by padding, as found after salt+session. */
export function readInnerMessage(data: Buffer, offset: number): RawMessage & { end: number } {
  if (data.length - offset < 16) throw new DecodeError('message header truncated');
  const msgId = data.readBigInt64LE(offset);
  const seqNo = data.readInt32LE(offset + 8);
  const length = data.readInt32LE(offset + 12);
  const start = offset + 16;
  if (length < 0 || length % 4 !== 0 || start + length > data.length) throw new DecodeError(`message body length ${length} is invalid`);
  return { msgId, seqNo, body: data.subarray(start, start + length), end: start + length };
}

export function constructorOf(body: Buffer): number {
  if (body.length < 4) throw new DecodeError('body shorter than a constructor id');
  return body.readUInt32LE(0);
}

/** The messages of a `msg_container` body (containers never nest). */
export function readContainer(body: Buffer): RawMessage[] {
  if (body.length < 8) throw new DecodeError('container truncated');
  const count = body.readInt32LE(4);
  if (count < 0 || count > MAX_CONTAINER_MESSAGES) throw new DecodeError(`container claims ${count} messages`);
  const messages: RawMessage[] = [];
  let offset = 8;
  for (let i = 0; i < count; i++) {
    const message = readInnerMessage(body, offset);
    if (constructorOf(message.body) === MSG_CONTAINER) throw new DecodeError('nested container');
    messages.push({ msgId: message.msgId, seqNo: message.seqNo, body: message.body });
    offset = message.end;
  }
  return messages;
}

export function writeContainer(messages: RawMessage[]): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.writeUInt32LE(MSG_CONTAINER, 0);
  header.writeInt32LE(messages.length, 4);
  parts.push(header);
  for (const message of messages) parts.push(messageHeader(message), message.body);
  return Buffer.concat(parts);
}

export function messageHeader(message: RawMessage): Buffer {
  const header = Buffer.alloc(16);
  header.writeBigInt64LE(message.msgId, 0);
  header.writeInt32LE(message.seqNo, 8);
  header.writeInt32LE(message.body.length, 12);
  return header;
}

/** Strips any number of `gzip_packed` layers (clients gzip requests over ~512 bytes). */
export function unpackGzip(body: Buffer): Buffer {
  while (body.length >= 4 && constructorOf(body) === GZIP_PACKED) {
    const packed = new BinaryReader(body.subarray(4)).tgReadBytes();
    try {
      body = unzipSync(packed, { maxOutputLength: MAX_GUNZIPPED });
    } catch (error) {
      throw new DecodeError(`gzip_packed does not inflate: ${(error as Error).message}`);
    }
  }
  return body;
}

/** Wraps bytes in `gzip_packed` (used for large results; GramJS inflates them). */
export function packGzip(body: Buffer): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32LE(GZIP_PACKED, 0);
  return Buffer.concat([id, serializeBytes(gzipSync(body))]);
}

/** TL `bytes`: length prefix, data, zero padding to a multiple of 4. */
export function serializeBytes(data: Buffer): Buffer {
  const header = data.length < 254 ? Buffer.from([data.length]) : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
  const padding = (4 - ((header.length + data.length) % 4)) % 4;
  return Buffer.concat([header, data, Buffer.alloc(padding)]);
}

/**
 * Decodes one TL object with the `telegram` package. Unknown constructors (a newer layer, or
 * garbage) raise {@link DecodeError} naming the constructor id.
 */
export function decodeObject(body: Buffer): any {
  try {
    return new BinaryReader(body).tgReadObject();
  } catch (error) {
    const id = body.length >= 4 ? '0x' + body.readUInt32LE(0).toString(16).padStart(8, '0') : '(none)';
    throw new DecodeError(`cannot decode constructor ${id}: ${(error as Error).message}`);
  }
}

// ── requests and their wrappers ────────────────────────────────────────────────────────────

/**
 * Wrappers that only modify *how* the inner query runs. GramJS sends its first request as
 * `invokeWithLayer(initConnection(help.getConfig))`; the answer is the inner query's answer.
 */
const WRAPPERS = new Set([
  'InvokeWithLayer',
  'InitConnection',
  'InvokeWithoutUpdates',
  'InvokeAfterMsg',
  'InvokeAfterMsgs',
  'InvokeWithMessagesRange',
  'InvokeWithTakeout',
  'InvokeWithBusinessConnection',
  'InvokeWithGooglePlayIntegrity',
  'InvokeWithApnsSecret',
  'InvokeWithReCaptcha',
]);

export interface UnwrappedRequest {
  /** The innermost query, the one a handler serves. */
  request: any;
  /** The `initConnection` seen on the way, if any (device model, app version...). */
  initConnection?: Api.InitConnection;
  layer?: number;
}

export function unwrapRequest(request: any): UnwrappedRequest {
  const unwrapped: UnwrappedRequest = { request };
  while (unwrapped.request && WRAPPERS.has(unwrapped.request.className) && unwrapped.request.query) {
    if (unwrapped.request instanceof Api.InitConnection) unwrapped.initConnection = unwrapped.request;
    if (unwrapped.request instanceof Api.InvokeWithLayer) unwrapped.layer = unwrapped.request.layer;
    unwrapped.request = unwrapped.request.query;
  }
  return unwrapped;
}

// ── answers ────────────────────────────────────────────────────────────────────────────────

/** `rpc_result#f35c6d01 req_msg_id:long result:Object`. */
export function writeRpcResult(reqMsgId: bigint, result: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt32LE(RPC_RESULT, 0);
  header.writeBigInt64LE(reqMsgId, 4);
  return Buffer.concat([header, result]);
}

/** `rpc_error#2144ca19 error_code:int error_message:string`, to be put inside an rpc_result. */
export function writeRpcError(code: number, message: string): Buffer {
  return new Api.RpcError({ errorCode: code, errorMessage: message }).getBytes();
}
