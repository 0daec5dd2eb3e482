/**
 * TL's binary primitives (core.telegram.org/mtproto/serialize): little-endian ints, longs as
 * native bigints, `bytes`/`string` with their 1- or 4-byte length prefix and padding to 4.
 * The generated codecs (`compile.ts`) call these; nothing here knows a schema.
 */

export const BOOL_TRUE = 0x997275b5;
export const BOOL_FALSE = 0xbc799737;
export const VECTOR = 0x1cb5c415;

/** Bytes that end before a value does, or a value that cannot be what the schema says. */
export class TlBinaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlBinaryError';
  }
}

export class TlReader {
  offset = 0;

  constructor(readonly data: Buffer) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  private need(count: number): void {
    if (this.offset + count > this.data.length) {
      throw new TlBinaryError(`${count} bytes wanted at offset ${this.offset}, ${this.data.length - this.offset} left`);
    }
  }

  int(): number {
    this.need(4);
    const value = this.data.readInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  uint(): number {
    this.need(4);
    const value = this.data.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  long(): bigint {
    this.need(8);
    const value = this.data.readBigInt64LE(this.offset);
    this.offset += 8;
    return value;
  }

  double(): number {
    this.need(8);
    const value = this.data.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }

  /** `int128` / `int256` (and any fixed run of bytes): a copy, as little-endian bytes. */
  raw(count: number): Buffer {
    this.need(count);
    const value = Buffer.from(this.data.subarray(this.offset, this.offset + count));
    this.offset += count;
    return value;
  }

  bool(): boolean {
    const id = this.uint();
    if (id === BOOL_TRUE) return true;
    if (id === BOOL_FALSE) return false;
    throw new TlBinaryError(`0x${id.toString(16).padStart(8, '0')} is not a Bool`);
  }

  /** TL `bytes`: a copy (the frame it came from is not kept alive by it). */
  bytes(): Buffer {
    this.need(1);
    let length = this.data[this.offset]!;
    let header = 1;
    if (length === 254) {
      this.need(4);
      length = this.data.readUIntLE(this.offset + 1, 3);
      header = 4;
    } else if (length === 255) {
      throw new TlBinaryError(`a bytes length prefix of 255 at offset ${this.offset}`);
    }
    const padded = (header + length + 3) & ~3;
    this.need(padded);
    const value = Buffer.from(this.data.subarray(this.offset + header, this.offset + header + length));
    this.offset += padded;
    return value;
  }

  string(): string {
    return this.bytes().toString('utf8');
  }
}

/** The number types a `long` may arrive as from handlers: bigint, number, string, or a `big-integer`. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TlBinaryError(`${value} is not an integer`);
    return BigInt(value);
  }
  if (typeof value === 'string') return BigInt(value);
  if (value && typeof value === 'object') {
    // big-integer's native form keeps a bigint in `value`; other forms print themselves.
    const inner = (value as { value?: unknown }).value;
    if (typeof inner === 'bigint') return inner;
    return BigInt(String(value));
  }
  throw new TlBinaryError(`${String(value)} is not a number`);
}

export class TlWriter {
  private buffer: Buffer;
  offset = 0;

  constructor(initialSize = 256) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  private room(count: number): void {
    if (this.offset + count <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.offset + count) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  /** What was written, as its own buffer. */
  result(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.offset));
  }

  int(value: unknown): void {
    this.room(4);
    this.buffer.writeInt32LE(Number(value ?? 0) | 0, this.offset);
    this.offset += 4;
  }

  uint(value: number): void {
    this.room(4);
    this.buffer.writeUInt32LE(value >>> 0, this.offset);
    this.offset += 4;
  }

  long(value: unknown): void {
    this.room(8);
    this.buffer.writeBigInt64LE(BigInt.asIntN(64, toBigInt(value ?? 0n)), this.offset);
    this.offset += 8;
  }

  double(value: unknown): void {
    this.room(8);
    this.buffer.writeDoubleLE(Number(value ?? 0), this.offset);
    this.offset += 8;
  }

  bool(value: unknown): void {
    this.uint(value ? BOOL_TRUE : BOOL_FALSE);
  }

  /** `int128` / `int256`: from bytes (little-endian, as read), or a number (signed, two's complement). */
  fixed(value: unknown, count: number): void {
    this.room(count);
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
      if (value.length !== count) throw new TlBinaryError(`an int${count * 8} is ${count} bytes, not ${value.length}`);
      this.buffer.set(value, this.offset);
    } else {
      let number = BigInt.asUintN(count * 8, toBigInt(value ?? 0n));
      for (let i = 0; i < count; i++) {
        this.buffer[this.offset + i] = Number(number & 0xffn);
        number >>= 8n;
      }
    }
    this.offset += count;
  }

  bytes(value: unknown): void {
    const data = Buffer.isBuffer(value) ? value : value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value ?? ''), 'utf8');
    const header = data.length < 254 ? 1 : 4;
    if (data.length > 0xffffff) throw new TlBinaryError(`bytes of ${data.length} exceed TL's 16 MiB`);
    const padded = (header + data.length + 3) & ~3;
    this.room(padded);
    if (header === 1) this.buffer[this.offset] = data.length;
    else {
      this.buffer[this.offset] = 254;
      this.buffer.writeUIntLE(data.length, this.offset + 1, 3);
    }
    data.copy(this.buffer, this.offset + header);
    this.buffer.fill(0, this.offset + header + data.length, this.offset + padded);
    this.offset += padded;
  }

  string(value: unknown): void {
    this.bytes(Buffer.isBuffer(value) ? value : Buffer.from(String(value ?? ''), 'utf8'));
  }

  raw(data: Buffer): void {
    this.room(data.length);
    data.copy(this.buffer, this.offset);
    this.offset += data.length;
  }
}
