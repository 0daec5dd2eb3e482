/**
 * Transport layer: one TCP connection's bytes ⇄ MTProto payloads.
 *
 * A new connection's first bytes say which transport it speaks (`detect.ts`): TCP Full,
 * abridged, intermediate, padded intermediate, or an obfuscated opening wrapping one of the
 * last three (`obfuscation.ts`). From then on its codec cuts payloads out of the stream and
 * frames what the server sends (core.telegram.org/mtproto/mtproto-transports).
 *
 * This layer knows nothing about MTProto messages: it hands whole payloads up and takes whole
 * payloads down. When a peer sends something that cannot be a frame (garbage, a wrong
 * checksum, an impossible length, an out-of-order sequence number) it answers the way Telegram
 * does, with a *transport error*: a frame whose payload is a 4-byte negative int32 (e.g. -404),
 * then closes that one connection. GramJS and mtcute read a 4-byte payload as that error.
 *
 * A connection that completes no frame for `idleTimeoutMs` (idle, or stuck half-way through a
 * frame) is closed, so neither sockets nor half-received frames accumulate.
 */
import type { Socket } from 'node:net';
import { AbridgedCodec } from './abridged';
import { ByteQueue } from './byte-queue';
import { FramingError, MAX_PAYLOAD, TransportError, type PacketCodec, type TransportName } from './codec';
import { detectTransport } from './detect';
import { FullCodec } from './full';
import { IntermediateCodec } from './intermediate';
import { OBFUSCATION_INIT_LENGTH, readObfuscatedInit, type ObfuscationStreams } from './obfuscation';

export { ByteQueue } from './byte-queue';
export { FramingError, MAX_PAYLOAD, TransportError, type PacketCodec, type TransportName } from './codec';
export { encodeFrame, FRAME_OVERHEAD, FullCodec } from './full';
export { AbridgedCodec } from './abridged';
export { IntermediateCodec, mtprotoPayloadLength } from './intermediate';
export { makeObfuscatedInit, OBFUSCATED_TAGS, readObfuscatedInit } from './obfuscation';

/** Default for {@link TransportOptions.idleTimeoutMs}: longer than any client's ping interval (mtcute: 60 s). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
/** Bounds of the idle timeout setting. */
export const MIN_IDLE_TIMEOUT_MS = 1;
export const MAX_IDLE_TIMEOUT_MS = 3_600_000;

/** What the layer above sees of one TCP connection. */
export interface FrameConnection {
  /** Stable id for logs and for the session layer's bookkeeping. */
  readonly id: number;
  readonly closed: boolean;
  /** The transport the client chose (undefined until its first bytes arrived). */
  readonly transport?: string;
  /** Sends one payload as a frame; ignored once closed. */
  send(payload: Buffer): void;
  /** Sends a transport error (negative int32 such as -404) and closes the connection. */
  fail(transportCode: number, reason: string): void;
  close(): void;
}

export interface FrameConnectionHandlers {
  /** One complete payload (checksum-verified where the transport has one). Exceptions close the connection with -404. */
  onPayload(connection: FrameConnection, payload: Buffer): void;
  onClose?(connection: FrameConnection): void;
  log?(message: string): void;
}

export interface TransportOptions {
  maxPayload?: number;
  /** Close a connection that completes no frame for this long (ms). */
  idleTimeoutMs?: number;
}

let nextConnectionId = 1;

function codecFor(name: TransportName, maxPayload: number): PacketCodec {
  switch (name) {
    case 'full': return new FullCodec(maxPayload);
    case 'abridged': return new AbridgedCodec(maxPayload);
    case 'intermediate': return new IntermediateCodec(false, maxPayload);
    case 'padded-intermediate': return new IntermediateCodec(true, maxPayload);
  }
}

/** Checks an idle timeout setting; throws a message naming the bounds. */
export function checkIdleTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_IDLE_TIMEOUT_MS || ms > MAX_IDLE_TIMEOUT_MS) {
    throw new RangeError(`an MTProto idle timeout is ${MIN_IDLE_TIMEOUT_MS} ms to ${MAX_IDLE_TIMEOUT_MS / 1000} s, not ${ms}`);
  }
  return ms;
}

/**
 * Serves a socket with whatever transport its first bytes announce. Never throws out of socket
 * callbacks: a framing error becomes a transport error sent to that peer and a closed
 * connection; other sockets are untouched.
 */
export function attachTransport(socket: Socket, handlers: FrameConnectionHandlers, options: TransportOptions = {}): FrameConnection {
  const maxPayload = options.maxPayload ?? MAX_PAYLOAD;
  const idleTimeoutMs = checkIdleTimeout(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  const log = handlers.log ?? (() => undefined);
  const queue = new ByteQueue();
  let codec: PacketCodec | undefined;
  let obfuscation: ObfuscationStreams | undefined;
  let transportName: string | undefined;
  let closed = false;

  const idleTimer = setTimeout(() => {
    const state = codec?.partial || (!codec && queue.length > 0) ? `with ${queue.length} bytes of an unfinished frame` : 'idle';
    log(`connection ${connection.id}: no complete frame for ${idleTimeoutMs} ms (${state}); closing`);
    connection.close();
  }, idleTimeoutMs);
  idleTimer.unref();

  const write = (frame: Buffer) => {
    if (socket.destroyed) return;
    socket.write(obfuscation ? obfuscation.encrypt(frame) : frame);
  };

  const connection: FrameConnection = {
    id: nextConnectionId++,
    get closed() {
      return closed;
    },
    get transport() {
      return transportName;
    },
    send(payload) {
      if (closed || !codec) return;
      write(codec.encode(payload));
    },
    fail(transportCode, reason) {
      if (closed) return;
      log(`connection ${connection.id}${transportName ? ` (${transportName})` : ''}: transport error ${transportCode}: ${reason}`);
      if (codec) {
        const body = Buffer.alloc(4);
        body.writeInt32LE(transportCode, 0);
        write(codec.encode(body, { pad: false }));
      }
      closed = true;
      clearTimeout(idleTimer);
      socket.end(() => socket.destroy());
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(idleTimer);
      socket.destroy();
    },
  };

  /** Decides the transport once enough bytes arrived; false while undecided. */
  function detect(): boolean {
    const detection = detectTransport(queue);
    if (detection.kind === 'wait') return false;
    if (detection.kind === 'refused') throw new FramingError(detection.reason);
    if (detection.kind === 'plain') {
      queue.skip(detection.tagLength);
      codec = codecFor(detection.transport, maxPayload);
      transportName = detection.transport;
      return true;
    }
    const start = readObfuscatedInit(queue.take(OBFUSCATION_INIT_LENGTH));
    if (!start.transport) throw new FramingError(`obfuscated opening with unknown protocol tag 0x${start.tag.toString(16)}`);
    obfuscation = start.streams;
    codec = codecFor(start.transport, maxPayload);
    transportName = `obfuscated ${start.transport}`;
    const rest = queue.drain();
    if (rest.length) queue.push(obfuscation.decrypt(rest));
    return true;
  }

  function receive(chunk: Buffer): void {
    queue.push(obfuscation ? obfuscation.decrypt(chunk) : chunk);
    if (!codec && !detect()) return;
    for (;;) {
      if (closed) return;
      const payload = codec!.decode(queue);
      if (!payload) return;
      idleTimer.refresh();
      try {
        handlers.onPayload(connection, payload);
      } catch (error) {
        connection.fail(TransportError.NOT_FOUND, `unhandled: ${(error as Error).stack ?? error}`);
        return;
      }
    }
  }

  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    try {
      receive(chunk);
    } catch (error) {
      const code = error instanceof FramingError ? error.transportCode : TransportError.NOT_FOUND;
      if (!codec) {
        // Nothing can be framed for a peer whose transport is unknown: just close.
        log(`connection ${connection.id}: ${(error as Error).message}; closing`);
        connection.close();
        return;
      }
      connection.fail(code, (error as Error).message);
    }
  });
  socket.on('error', (error) => log(`connection ${connection.id}: socket error: ${error.message}`));
  socket.on('close', () => {
    if (queue.length > 0) log(`connection ${connection.id}: closed with ${queue.length} bytes of an unfinished frame`);
    closed = true;
    clearTimeout(idleTimer);
    handlers.onClose?.(connection);
  });
  return connection;
}
