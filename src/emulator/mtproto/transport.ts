/**
 * Transport layer: MTProto's "TCP Full" framing over one socket.
 *
 * Every frame is `len:int32le` (the whole frame, header and checksum included), `seq:int32le`
 * (per direction, starting at 0), the payload, then `crc32:uint32le` of everything before it.
 * GramJS's `ConnectionTCPFull` sends no init/tag bytes, so the very first byte on a socket is
 * already a frame's length.
 *
 * This layer knows nothing about MTProto messages: it hands whole payloads up and takes whole
 * payloads down. When a peer sends something that cannot be a frame (garbage, a wrong
 * checksum, an impossible length, an out-of-order sequence number) it answers the way Telegram
 * does, with a *transport error*: a frame whose payload is a 4-byte negative int32 (e.g. -404),
 * and then closes that one connection. GramJS reads that frame, sees a 4-byte body and raises
 * `InvalidBufferError` with the code (404 makes it drop the auth key).
 */
import { crc32 } from 'node:zlib';
import type { Socket } from 'node:net';

/** Frame header (len + seq) plus trailing crc32. */
export const FRAME_OVERHEAD = 12;
/** Largest payload accepted: Telegram's messages stay far below this (uploads are 512 KiB parts). */
export const MAX_PAYLOAD = 16 * 1024 * 1024;

/** Transport error codes Telegram sends as a bare negative int32. */
export const TransportError = {
  /** Auth key not found, or the frame could not be understood at all. */
  NOT_FOUND: -404,
  /** Too many connections / transport flood. */
  FLOOD: -429,
  /** Invalid DC or similar request-level transport fault. */
  BAD_REQUEST: -444,
} as const;

/** Why a byte stream was rejected; carried to the log and to the transport error sent. */
export class FramingError extends Error {
  constructor(
    message: string,
    readonly transportCode: number = TransportError.NOT_FOUND,
  ) {
    super(message);
    this.name = 'FramingError';
  }
}

/** CRC-32 (IEEE, as zlib computes it), unsigned. */
function checksum(data: Buffer): number {
  return crc32(data) >>> 0;
}

/** Builds one TCP Full frame around `payload` with the given outgoing sequence number. */
export function encodeFrame(seq: number, payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(payload.length + FRAME_OVERHEAD);
  frame.writeInt32LE(frame.length, 0);
  frame.writeInt32LE(seq, 4);
  payload.copy(frame, 8);
  frame.writeUInt32LE(checksum(frame.subarray(0, frame.length - 4)), frame.length - 4);
  return frame;
}

/**
 * Incremental, pure frame parser: feed it socket chunks, it returns the payloads of every
 * complete frame, in order, and throws {@link FramingError} on the first malformed one.
 * Kept free of sockets so that framing rules are unit-testable byte by byte.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private expectedSeq = 0;

  constructor(private readonly maxPayload = MAX_PAYLOAD) {}

  /** Bytes received but not yet part of a complete frame (a truncated frame, at close). */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const payloads: Buffer[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readInt32LE(0);
      // A payload is a whole number of 4-byte words and at least one (a transport error).
      if (length < FRAME_OVERHEAD + 4 || length > this.maxPayload + FRAME_OVERHEAD || length % 4 !== 0) {
        throw new FramingError(`impossible frame length ${length}`);
      }
      if (this.pending.length < length) break;
      const frame = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      const seq = frame.readInt32LE(4);
      const expectedCrc = frame.readUInt32LE(length - 4);
      const actualCrc = checksum(frame.subarray(0, length - 4));
      if (expectedCrc !== actualCrc) {
        throw new FramingError(`bad crc32 (frame says ${expectedCrc}, content has ${actualCrc})`);
      }
      if (seq !== this.expectedSeq) {
        throw new FramingError(`frame seq ${seq} where ${this.expectedSeq} was expected`);
      }
      this.expectedSeq += 1;
      payloads.push(Buffer.from(frame.subarray(8, length - 4)));
    }
    return payloads;
  }
}

/** What the layer above sees of one TCP connection. */
export interface FrameConnection {
  /** Stable id for logs and for the session layer's bookkeeping. */
  readonly id: number;
  readonly closed: boolean;
  /** Sends one payload as a frame; ignored once closed. */
  send(payload: Buffer): void;
  /** Sends a transport error (negative int32 such as -404) and closes the connection. */
  fail(transportCode: number, reason: string): void;
  close(): void;
}

export interface FrameConnectionHandlers {
  /** One complete, checksum-verified payload. Exceptions are caught and logged by the caller. */
  onPayload(connection: FrameConnection, payload: Buffer): void;
  onClose?(connection: FrameConnection): void;
  log?(message: string): void;
}

let nextConnectionId = 1;

/**
 * Wraps a socket in TCP Full framing. Never throws out of socket callbacks: a framing error
 * becomes a transport error sent to that peer and a closed connection; other sockets are
 * untouched.
 */
export function attachFraming(socket: Socket, handlers: FrameConnectionHandlers, maxPayload = MAX_PAYLOAD): FrameConnection {
  const decoder = new FrameDecoder(maxPayload);
  const log = handlers.log ?? (() => undefined);
  let outgoingSeq = 0;
  let closed = false;

  const connection: FrameConnection = {
    id: nextConnectionId++,
    get closed() {
      return closed;
    },
    send(payload) {
      if (closed || socket.destroyed) return;
      socket.write(encodeFrame(outgoingSeq++, payload));
    },
    fail(transportCode, reason) {
      if (closed) return;
      log(`connection ${connection.id}: transport error ${transportCode}: ${reason}`);
      const body = Buffer.alloc(4);
      body.writeInt32LE(transportCode, 0);
      connection.send(body);
      closed = true;
      socket.end(() => socket.destroy());
    },
    close() {
      if (closed) return;
      closed = true;
      socket.destroy();
    },
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    let payloads: Buffer[];
    try {
      payloads = decoder.push(chunk);
    } catch (error) {
      const code = error instanceof FramingError ? error.transportCode : TransportError.NOT_FOUND;
      connection.fail(code, (error as Error).message);
      return;
    }
    for (const payload of payloads) {
      if (closed) return;
      try {
        handlers.onPayload(connection, payload);
      } catch (error) {
        connection.fail(TransportError.NOT_FOUND, `unhandled: ${(error as Error).stack ?? error}`);
        return;
      }
    }
  });
  socket.on('error', (error) => log(`connection ${connection.id}: socket error: ${error.message}`));
  socket.on('close', () => {
    if (decoder.bufferedBytes > 0) log(`connection ${connection.id}: closed with ${decoder.bufferedBytes} bytes of a truncated frame`);
    closed = true;
    handlers.onClose?.(connection);
  });
  return connection;
}
