import { randomBytes } from 'node:crypto';
import bigInt, { type BigInteger } from 'big-integer';

/**
 * TL `long`s travel as `big-integer` values in the `telegram` package, while the state uses
 * native bigints and numbers. These two functions are the only crossing point.
 */
export function toLong(value: bigint | number): BigInteger {
  return bigInt(value.toString());
}

export function fromLong(value: { toString(): string } | bigint | number): bigint {
  return BigInt(value.toString());
}

/** A positive random 63-bit id (grouped ids, random ids). */
export function randomLong(): bigint {
  return randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn;
}

/** Telegram's `date` fields: seconds since the epoch. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
