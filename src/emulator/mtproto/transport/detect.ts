/**
 * Which transport a new connection speaks, from its first bytes, as Telegram's servers decide
 * (core.telegram.org/mtproto/mtproto-transports): `0xef` is abridged, `0xeeeeeeee`
 * intermediate, `0xdddddddd` padded intermediate; HTTP verbs and a TLS record are other
 * protocols; a first frame whose bytes 4–8 are zero (TCP Full's first seq_no) is TCP Full;
 * anything else is a 64-byte obfuscated opening. That last rule is why obfuscating clients
 * must never start with these values or with zeros at 4–8 (the spec lists the same
 * exclusions for the random opening).
 */
import type { ByteQueue } from './byte-queue';
import { OBFUSCATION_INIT_LENGTH } from './obfuscation';

export type Detection =
  | { readonly kind: 'wait' }
  | { readonly kind: 'plain'; readonly transport: 'full' | 'abridged' | 'intermediate' | 'padded-intermediate'; readonly tagLength: number }
  | { readonly kind: 'obfuscated' }
  | { readonly kind: 'refused'; readonly reason: string };

const ABRIDGED_TAG = 0xef;
const INTERMEDIATE_TAG = 0xeeeeeeee;
const PADDED_TAG = 0xdddddddd;

/** First four bytes (uint32le) of protocols that are not served here. */
const OTHER_PROTOCOLS = new Map<number, string>([
  [0x44414548, 'HTTP (HEAD)'],
  [0x54534f50, 'HTTP (POST)'],
  [0x20544547, 'HTTP (GET)'],
  [0x4954504f, 'HTTP (OPTIONS)'],
  [0x02010316, 'TLS (an MTProxy fake-TLS client)'],
]);

export function detectTransport(queue: ByteQueue): Detection {
  const first = queue.byteAt(0);
  if (first === undefined) return { kind: 'wait' };
  if (first === ABRIDGED_TAG) return { kind: 'plain', transport: 'abridged', tagLength: 1 };
  if (queue.length < 4) return { kind: 'wait' };
  const head = queue.peek(4).readUInt32LE(0);
  if (head === INTERMEDIATE_TAG) return { kind: 'plain', transport: 'intermediate', tagLength: 4 };
  if (head === PADDED_TAG) return { kind: 'plain', transport: 'padded-intermediate', tagLength: 4 };
  const other = OTHER_PROTOCOLS.get(head);
  if (other) return { kind: 'refused', reason: `${other} is not an MTProto transport the emulator serves` };
  if (queue.length < 8) return { kind: 'wait' };
  if (queue.peek(8).readUInt32LE(4) === 0) return { kind: 'plain', transport: 'full', tagLength: 0 };
  if (queue.length < OBFUSCATION_INIT_LENGTH) return { kind: 'wait' };
  return { kind: 'obfuscated' };
}
