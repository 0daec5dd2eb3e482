/**
 * The bits of TL the `telegram` package leaves to us.
 *
 * GramJS's generated classes decode requests (`BinaryReader.tgReadObject`) and encode objects
 * (`getBytes()`), but a *result* is only typed on the client side (`request.readResult`): a
 * `Bool` or a `Vector<…>` has no class of its own, so the server must know each method's
 * declared result type to box it. We read it from the same schema text the package was
 * generated from (`telegram/tl/apiTl`, `telegram/tl/schemaTl`), keyed by constructor id.
 */
import apiTl = require('telegram/tl/apiTl');
import schemaTl = require('telegram/tl/schemaTl');

export const BOOL_TRUE = 0x997275b5;
export const BOOL_FALSE = 0xbc799737;
export const VECTOR = 0x1cb5c415;

/** `method#hexid ... = ResultType;` in the functions sections, by constructor id. */
function readResultTypes(...schemas: string[]): Map<number, string> {
  const types = new Map<number, string>();
  for (const schema of schemas) {
    let inFunctions = false;
    for (const rawLine of schema.split('\n')) {
      const line = rawLine.trim();
      if (line === '---functions---') inFunctions = true;
      else if (line === '---types---') inFunctions = false;
      if (!inFunctions) continue;
      const match = /^[\w.]+#([0-9a-f]+)\b.*=\s*([^;]+);$/.exec(line);
      if (match) types.set(parseInt(match[1], 16) >>> 0, match[2].trim());
    }
  }
  return types;
}

const resultTypes = readResultTypes(apiTl as unknown as string, schemaTl as unknown as string);

/** The declared result type of a method (`Bool`, `Vector<long>`, `messages.Messages`, `X`...). */
export function resultTypeOf(constructorId: number): string | undefined {
  return resultTypes.get(constructorId >>> 0);
}

/** Anything the `telegram` package can serialize. */
export interface Serializable {
  getBytes(): Buffer;
}

function isSerializable(value: unknown): value is Serializable {
  return typeof value === 'object' && value !== null && typeof (value as Serializable).getBytes === 'function';
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0, 0);
  return buffer;
}

/** A 64-bit integer from a native bigint, a big-integer (`toString()`), or a number. */
function int64(value: unknown): Buffer {
  const buffer = Buffer.alloc(8);
  const big = typeof value === 'bigint' ? value : BigInt(String(value));
  buffer.writeBigInt64LE(BigInt.asIntN(64, big), 0);
  return buffer;
}

/**
 * Serializes a handler's result the way the method's declared type says:
 * `Bool` ← boolean, `Vector<int>` ← numbers, `Vector<long>` ← bigints, `Vector<T>` ← TL
 * objects, anything else ← a TL object. Throws (a 500 for the caller) on a mismatch, because
 * that is a handler bug the client would otherwise see as a garbled answer.
 */
export function serializeResult(resultType: string | undefined, value: unknown): Buffer {
  if (resultType === 'Bool' || typeof value === 'boolean') {
    if (typeof value !== 'boolean') throw new TypeError(`a Bool result must be a boolean, got ${describe(value)}`);
    return int32(value ? BOOL_TRUE : BOOL_FALSE);
  }
  const vector = resultType ? /^Vector<(.+)>$/i.exec(resultType) : null;
  if (vector || Array.isArray(value)) {
    if (!Array.isArray(value)) throw new TypeError(`a ${resultType} result must be an array, got ${describe(value)}`);
    const element = vector?.[1];
    const items = value.map((item) => {
      if (element === 'int') return int32(Number(item));
      if (element === 'long') return int64(item);
      if (!isSerializable(item)) throw new TypeError(`a ${resultType} result must hold TL objects, got ${describe(item)}`);
      return item.getBytes();
    });
    return Buffer.concat([int32(VECTOR), int32(items.length), ...items]);
  }
  if (!isSerializable(value)) throw new TypeError(`a ${resultType ?? 'TL'} result must be a TL object, got ${describe(value)}`);
  return value.getBytes();
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return (value as { className?: string }).className ?? value.constructor?.name ?? 'object';
  return typeof value;
}
