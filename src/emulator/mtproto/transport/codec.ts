/**
 * What every MTProto transport framing does: cut payloads out of a byte stream and wrap
 * payloads for the peer. The framings themselves are in `full.ts`, `abridged.ts` and
 * `intermediate.ts` (core.telegram.org/mtproto/mtproto-transports).
 */
import type { ByteQueue } from './byte-queue';

/** The transports a client may speak, as Telegram's servers tell them apart (see `detect.ts`). */
export type TransportName = 'full' | 'abridged' | 'intermediate' | 'padded-intermediate';

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

export interface PacketCodec {
  readonly name: TransportName;
  /**
   * The next complete payload, consumed from `queue`, or undefined while it is incomplete.
   * Throws {@link FramingError} as soon as the bytes cannot be a frame (e.g. its length).
   */
  decode(queue: ByteQueue): Buffer | undefined;
  /** One payload as a frame. `pad: false` sends no random padding (transport errors). */
  encode(payload: Buffer, options?: { pad?: boolean }): Buffer;
  /** Whether a frame has started arriving but is not complete (for the idle timer's log). */
  readonly partial: boolean;
}

/** A payload length read from a frame header, checked against the limits every framing shares. */
export function checkPayloadLength(length: number, maxPayload: number, what: string): void {
  if (!Number.isInteger(length) || length < 4 || length > maxPayload) {
    throw new FramingError(`impossible ${what} payload length ${length}`);
  }
}
