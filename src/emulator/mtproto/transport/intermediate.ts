/**
 * Intermediate and padded intermediate (core.telegram.org/mtproto/mtproto-transports#intermediate):
 * after the client's `0xeeeeeeee` (or `0xdddddddd`) tag, each payload is preceded by its length
 * as `int32le`. The padded form appends 0–15 random bytes to every payload, counted in the
 * length, so that frame sizes say less to an observer; the receiver finds the payload's own end
 * from the MTProto message (see {@link mtprotoPayloadLength}). A set high bit on the length asks
 * for a quick ACK, which is optional for the server; the emulator sends none.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { ByteQueue } from './byte-queue';
import { checkPayloadLength, FramingError, MAX_PAYLOAD, type PacketCodec } from './codec';

const QUICK_ACK = 0x80000000;

/**
 * The length of the MTProto payload at the start of `data` (padding after it is ignored):
 * an unencrypted message says its length at offset 16 (auth_key_id, msg_id, length, body);
 * an encrypted one is auth_key_id (8), msg_key (16) and whole 16-byte AES blocks.
 */
export function mtprotoPayloadLength(data: Buffer): number {
  if (data.length < 8) throw new FramingError(`padded payload of ${data.length} bytes`);
  if (data.readBigUInt64LE(0) === 0n) {
    if (data.length < 20) throw new FramingError(`unencrypted padded payload of ${data.length} bytes`);
    const length = 20 + data.readInt32LE(16);
    if (length > data.length || length < 20) throw new FramingError(`unencrypted message of ${length} bytes in a ${data.length}-byte frame`);
    return length;
  }
  if (data.length < 24) throw new FramingError(`encrypted padded payload of ${data.length} bytes`);
  return 24 + Math.floor((data.length - 24) / 16) * 16;
}

export class IntermediateCodec implements PacketCodec {
  readonly name: 'intermediate' | 'padded-intermediate';
  private waitingFor = 0;

  constructor(
    private readonly padded: boolean,
    private readonly maxPayload = MAX_PAYLOAD,
  ) {
    this.name = padded ? 'padded-intermediate' : 'intermediate';
  }

  get partial(): boolean {
    return this.waitingFor > 0;
  }

  decode(queue: ByteQueue): Buffer | undefined {
    if (queue.length < 4) {
      this.waitingFor = queue.length;
      return undefined;
    }
    const length = (queue.peek(4).readUInt32LE(0) & ~QUICK_ACK) >>> 0;
    checkPayloadLength(length, this.maxPayload + (this.padded ? 15 : 0), this.name);
    if (queue.length < 4 + length) {
      this.waitingFor = 4 + length;
      return undefined;
    }
    this.waitingFor = 0;
    queue.skip(4);
    const data = queue.take(length);
    return this.padded ? data.subarray(0, mtprotoPayloadLength(data)) : data;
  }

  encode(payload: Buffer, options: { pad?: boolean } = {}): Buffer {
    const padding = this.padded && options.pad !== false ? randomInt(16) : 0;
    const frame = Buffer.allocUnsafe(4 + payload.length + padding);
    frame.writeUInt32LE(payload.length + padding, 0);
    payload.copy(frame, 4);
    if (padding) randomBytes(padding).copy(frame, 4 + payload.length);
    return frame;
  }
}
