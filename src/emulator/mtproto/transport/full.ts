/**
 * TCP Full (core.telegram.org/mtproto/mtproto-transports#full): `len:int32le` (the whole frame),
 * `seq:int32le` (per direction, from 0), the payload, `crc32:uint32le` of everything before it.
 * No tag precedes the first frame; GramJS's Node client speaks it by default.
 */
import { crc32 } from 'node:zlib';
import type { ByteQueue } from './byte-queue';
import { FramingError, MAX_PAYLOAD, type PacketCodec } from './codec';

/** Frame header (len + seq) plus trailing crc32. */
export const FRAME_OVERHEAD = 12;

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

export class FullCodec implements PacketCodec {
  readonly name = 'full';
  private incomingSeq = 0;
  private outgoingSeq = 0;
  private waitingFor = 0;

  constructor(private readonly maxPayload = MAX_PAYLOAD) {}

  get partial(): boolean {
    return this.waitingFor > 0;
  }

  decode(queue: ByteQueue): Buffer | undefined {
    if (queue.length < 4) {
      this.waitingFor = queue.length;
      return undefined;
    }
    const length = queue.peek(4).readInt32LE(0);
    // A payload is a whole number of 4-byte words and at least one (a transport error).
    if (length < FRAME_OVERHEAD + 4 || length > this.maxPayload + FRAME_OVERHEAD || length % 4 !== 0) {
      throw new FramingError(`impossible frame length ${length}`);
    }
    if (queue.length < length) {
      this.waitingFor = length;
      return undefined;
    }
    this.waitingFor = 0;
    const frame = queue.take(length);
    const seq = frame.readInt32LE(4);
    const expectedCrc = frame.readUInt32LE(length - 4);
    const actualCrc = checksum(frame.subarray(0, length - 4));
    if (expectedCrc !== actualCrc) throw new FramingError(`bad crc32 (frame says ${expectedCrc}, content has ${actualCrc})`);
    if (seq !== this.incomingSeq) throw new FramingError(`frame seq ${seq} where ${this.incomingSeq} was expected`);
    this.incomingSeq += 1;
    return frame.subarray(8, length - 4);
  }

  encode(payload: Buffer): Buffer {
    return encodeFrame(this.outgoingSeq++, payload);
  }
}
