/**
 * Transport obfuscation (core.telegram.org/mtproto/mtproto-transports#transport-obfuscation).
 *
 * The client opens with 64 random bytes. Bytes 8–40 and 40–56 are the AES-256-CTR key and IV
 * of the client → server stream; the same 48 bytes reversed give the server → client key and
 * IV. The client encrypts the whole 64 bytes with its stream and sends the first 56 in clear
 * and the last 8 encrypted; decrypted, bytes 56–60 are the protocol tag of the framing inside
 * (abridged, intermediate or padded intermediate) and 60–62 the DC id (int16le). Everything
 * after continues both streams.
 */
import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';

/** The tags an obfuscated client may put at bytes 56–60 (read as uint32le). */
export const OBFUSCATED_TAGS = {
  abridged: 0xefefefef,
  intermediate: 0xeeeeeeee,
  'padded-intermediate': 0xdddddddd,
} as const;

export const OBFUSCATION_INIT_LENGTH = 64;

export interface ObfuscatedStart {
  /** The framing inside, or undefined when the tag names none of the three. */
  readonly transport: keyof typeof OBFUSCATED_TAGS | undefined;
  readonly tag: number;
  /** The DC the client meant (negative for media DCs; test DCs add 10000 in some clients). */
  readonly dcId: number;
  readonly streams: ObfuscationStreams;
}

/** Both directions' AES-CTR streams of one connection. */
export class ObfuscationStreams {
  constructor(
    private readonly incoming: Decipher,
    private readonly outgoing: Cipher,
  ) {}

  /** Client → server bytes, in order. */
  decrypt(data: Buffer): Buffer {
    return this.incoming.update(data);
  }

  /** Server → client bytes, in order. */
  encrypt(data: Buffer): Buffer {
    return this.outgoing.update(data);
  }
}

/** Reads a client's 64-byte opening; returns the framing it announced and the streams. */
export function readObfuscatedInit(init: Buffer): ObfuscatedStart {
  if (init.length !== OBFUSCATION_INIT_LENGTH) throw new RangeError(`an obfuscated opening is 64 bytes, not ${init.length}`);
  const incoming = createDecipheriv('aes-256-ctr', init.subarray(8, 40), init.subarray(40, 56));
  const reversed = Buffer.from(init.subarray(8, 56)).reverse();
  const outgoing = createCipheriv('aes-256-ctr', reversed.subarray(0, 32), reversed.subarray(32, 48));
  const decrypted = incoming.update(init);
  const tag = decrypted.readUInt32LE(56);
  const transport = (Object.keys(OBFUSCATED_TAGS) as Array<keyof typeof OBFUSCATED_TAGS>).find((name) => OBFUSCATED_TAGS[name] === tag);
  return { transport, tag, dcId: decrypted.readInt16LE(60), streams: new ObfuscationStreams(incoming, outgoing) };
}

/**
 * A client's opening for the given framing, and the client's view of the streams: what a
 * client does, for tests and the bench (the server never calls it).
 */
export function makeObfuscatedInit(transport: keyof typeof OBFUSCATED_TAGS, dcId: number, random: Buffer): { init: Buffer; streams: ObfuscationStreams } {
  const init = Buffer.from(random.subarray(0, 64));
  init.writeUInt32LE(OBFUSCATED_TAGS[transport], 56);
  init.writeInt16LE(dcId, 60);
  const outgoing = createCipheriv('aes-256-ctr', init.subarray(8, 40), init.subarray(40, 56));
  const reversed = Buffer.from(init.subarray(8, 56)).reverse();
  const incoming = createDecipheriv('aes-256-ctr', reversed.subarray(0, 32), reversed.subarray(32, 48));
  const encrypted = outgoing.update(init);
  encrypted.copy(init, 56, 56, 64);
  return { init, streams: new ObfuscationStreams(incoming, outgoing) };
}
