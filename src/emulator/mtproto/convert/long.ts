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
