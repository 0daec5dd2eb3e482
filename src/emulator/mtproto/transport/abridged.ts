/**
 * Abridged (core.telegram.org/mtproto/mtproto-transports#abridged): after the client's `0xef`
 * tag, each payload is preceded by its length in 4-byte words, one byte when below 0x7f, else
 * `0x7f` and three little-endian bytes. A set high bit on the first byte asks for a quick ACK,
 * which is optional for the server; the emulator reads the length and sends none.
 */
import type { ByteQueue } from './byte-queue';
import { checkPayloadLength, MAX_PAYLOAD, type PacketCodec } from './codec';

const QUICK_ACK = 0x80;
const EXTENDED = 0x7f;

export class AbridgedCodec implements PacketCodec {
  readonly name = 'abridged';
  private waitingFor = 0;

  constructor(private readonly maxPayload = MAX_PAYLOAD) {}

  get partial(): boolean {
    return this.waitingFor > 0;
  }

  decode(queue: ByteQueue): Buffer | undefined {
    const first = queue.byteAt(0);
    if (first === undefined) return undefined;
    const marker = first & ~QUICK_ACK;
    let header = 1;
    let length: number;
    if (marker === EXTENDED) {
      if (queue.length < 4) {
        this.waitingFor = 4;
        return undefined;
      }
      header = 4;
      length = queue.peek(4).readUIntLE(1, 3) * 4;
    } else {
      length = marker * 4;
    }
    checkPayloadLength(length, this.maxPayload, 'abridged');
    if (queue.length < header + length) {
      this.waitingFor = header + length;
      return undefined;
    }
    this.waitingFor = 0;
    queue.skip(header);
    return queue.take(length);
  }

  encode(payload: Buffer): Buffer {
    const words = payload.length >> 2;
    if (words < EXTENDED) {
      const frame = Buffer.allocUnsafe(1 + payload.length);
      frame[0] = words;
      payload.copy(frame, 1);
      return frame;
    }
    const frame = Buffer.allocUnsafe(4 + payload.length);
    frame[0] = EXTENDED;
    frame.writeUIntLE(words, 1, 3);
    payload.copy(frame, 4);
    return frame;
  }
}
