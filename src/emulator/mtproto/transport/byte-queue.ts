/**
 * Bytes received but not yet framed, kept as the chunks the socket delivered.
 *
 * A frame may arrive in hundreds of socket chunks (a 16 MiB upload frame comes in 64 KiB
 * pieces). Concatenating the pending bytes on every chunk copies the frame again each time,
 * quadratic in its size (43 s of CPU was measured for 20 half-sent 16 MiB frames). Here
 * chunks are only appended; a frame's bytes are copied once, when the whole frame is there.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Bytes of `chunks[0]` already consumed. */
  private offset = 0;
  private total = 0;

  /** How many bytes are waiting. */
  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The byte at `index` (0 = the next unread byte); undefined past the end. */
  byteAt(index: number): number | undefined {
    if (index >= this.total) return undefined;
    let position = index + this.offset;
    for (const chunk of this.chunks) {
      if (position < chunk.length) return chunk[position];
      position -= chunk.length;
    }
    return undefined;
  }

  /** A copy of the next `count` bytes without consuming them (headers: a few bytes). */
  peek(count: number): Buffer {
    if (count > this.total) throw new RangeError(`peek(${count}) with ${this.total} bytes queued`);
    const out = Buffer.allocUnsafe(count);
    let copied = 0;
    let start = this.offset;
    for (const chunk of this.chunks) {
      if (copied === count) break;
      const n = Math.min(chunk.length - start, count - copied);
      chunk.copy(out, copied, start, start + n);
      copied += n;
      start = 0;
    }
    return out;
  }

  /** Consumes and returns the next `count` bytes (one copy, or none when one chunk holds them). */
  take(count: number): Buffer {
    if (count > this.total) throw new RangeError(`take(${count}) with ${this.total} bytes queued`);
    const first = this.chunks[0];
    if (first && first.length - this.offset >= count) {
      const out = first.subarray(this.offset, this.offset + count);
      this.advance(count);
      return out;
    }
    const out = this.peek(count);
    this.advance(count);
    return out;
  }

  /** Drops the next `count` bytes. */
  skip(count: number): void {
    if (count > this.total) throw new RangeError(`skip(${count}) with ${this.total} bytes queued`);
    this.advance(count);
  }

  /** Everything queued, consumed (used once a connection's transport is known). */
  drain(): Buffer {
    return this.take(this.total);
  }

  private advance(count: number): void {
    this.total -= count;
    let remaining = count;
    while (remaining > 0) {
      const first = this.chunks[0]!;
      const left = first.length - this.offset;
      if (remaining < left) {
        this.offset += remaining;
        return;
      }
      remaining -= left;
      this.chunks.shift();
      this.offset = 0;
    }
    if (this.chunks.length > 0 && this.offset === this.chunks[0]!.length) {
      this.chunks.shift();
      this.offset = 0;
    }
  }
}
