import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { TelegramState } from '../../../src/emulator/state';
import { AbridgedCodec, ByteQueue, encodeFrame, FullCodec, IntermediateCodec, type PacketCodec } from '../../../src/emulator/mtproto/transport';
import { startMtprotoServer } from '../../../src/emulator/mtproto/server';

/**
 * Frames are assembled without re-copying: a 16 MiB frame arriving in 64 KiB pieces is copied
 * once when it is whole, not once per piece (which is quadratic: ~1 GiB of copying per frame,
 * 43 s of CPU for 20 such connections before the chunk queue). Bytes copied are counted, not
 * time: every JS path that copies bytes (Buffer#copy, Buffer.concat, TypedArray#set) is wrapped
 * while the frames arrive.
 */

const PIECE = 64 * 1024;
const FRAME = 16 * 1024 * 1024;

/** Counts the bytes copied by `Buffer#copy`, `Buffer.concat` and `Uint8Array#set` while `run` runs. */
async function countCopiedBytes(run: () => Promise<void> | void): Promise<number> {
  let copied = 0;
  const originalCopy = Buffer.prototype.copy;
  const originalConcat = Buffer.concat;
  const originalSet = Uint8Array.prototype.set;
  Buffer.prototype.copy = function (this: Buffer, target: Uint8Array, targetStart?: number, sourceStart?: number, sourceEnd?: number) {
    const n = originalCopy.call(this, target, targetStart, sourceStart, sourceEnd);
    copied += n;
    return n;
  };
  Buffer.concat = function (list: readonly Uint8Array[], totalLength?: number) {
    const out = originalConcat.call(Buffer, list, totalLength);
    copied += out.length;
    return out;
  };
  Uint8Array.prototype.set = function (this: Uint8Array, array: ArrayLike<number>, offset?: number) {
    copied += array.length;
    return originalSet.call(this, array, offset);
  } as typeof Uint8Array.prototype.set;
  try {
    await run();
  } finally {
    Buffer.prototype.copy = originalCopy;
    Buffer.concat = originalConcat;
    Uint8Array.prototype.set = originalSet;
  }
  return copied;
}

const codecs: Array<[string, () => PacketCodec]> = [
  ['full', () => new FullCodec()],
  ['intermediate', () => new IntermediateCodec(false)],
  ['padded intermediate', () => new IntermediateCodec(true)],
  ['abridged', () => new AbridgedCodec()],
];

for (const [name, makeCodec] of codecs) {
  test(`${name}: 20 half-sent 16 MiB frames in 64 KiB pieces copy nothing but headers; a finished one is copied once`, async () => {
    // An unencrypted-looking payload whose length field covers it, so padded intermediate finds its end.
    const payload = Buffer.alloc(FRAME - 1024);
    payload.writeInt32LE(payload.length - 20, 16);
    const frame = makeCodec().encode(payload, { pad: false });
    const assemblers = Array.from({ length: 20 }, () => ({ queue: new ByteQueue(), codec: makeCodec() }));
    const half = Math.floor(frame.length / 2);
    const halfSent = await countCopiedBytes(() => {
      for (let offset = 0; offset < half; offset += PIECE) {
        for (const { queue, codec } of assemblers) {
          queue.push(frame.subarray(offset, Math.min(half, offset + PIECE)));
          assert.equal(codec.decode(queue), undefined);
        }
      }
    });
    const pieces = 20 * Math.ceil(half / PIECE);
    assert.ok(halfSent <= pieces * 4, `half-sent frames copied ${halfSent} bytes (at most a 4-byte header per piece: ${pieces * 4})`);

    const { queue, codec } = assemblers[0]!;
    let decoded: Buffer | undefined;
    const finished = await countCopiedBytes(() => {
      for (let offset = half; offset < frame.length; offset += PIECE) {
        queue.push(frame.subarray(offset, offset + PIECE));
        decoded = codec.decode(queue) ?? decoded;
      }
    });
    assert.ok(decoded?.equals(payload), 'the frame was assembled');
    assert.ok(finished <= frame.length + pieces * 4, `finishing one frame copied ${finished} bytes, more than the frame's ${frame.length} once`);
  });
}

test('through the wire: 20 connections each half-send a 16 MiB frame, then finish it; the server copies each byte about once', { timeout: 120_000 }, async () => {
  const server = await startMtprotoServer({ port: 0, state: new TelegramState(), handlers: {}, log: () => undefined });
  try {
    // An unknown auth key: once a frame is whole the server answers -404 and closes.
    const frame = encodeFrame(0, Buffer.concat([randomBytes(8), Buffer.alloc(FRAME - 8 - 12, 1)]));
    const sockets = await Promise.all(Array.from({ length: 20 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.resume();
    })));
    const closed = sockets.map((socket) => new Promise<void>((resolve) => socket.on('close', () => resolve())));
    const writeInPieces = async (socket: ReturnType<typeof connect>, from: number, to: number) => {
      for (let offset = from; offset < to; offset += PIECE) {
        if (!socket.write(frame.subarray(offset, Math.min(to, offset + PIECE)))) await new Promise<void>((resolve) => socket.once('drain', () => resolve()));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const copied = await countCopiedBytes(async () => {
      for (const socket of sockets) await writeInPieces(socket, 0, frame.length / 2);
      for (const socket of sockets) await writeInPieces(socket, frame.length / 2, frame.length);
      await Promise.all(closed);
    });
    const sent = 20 * frame.length;
    assert.ok(copied <= sent * 1.25, `the server copied ${copied} bytes for ${sent} received (linear: about once each)`);
  } finally {
    await server.close();
  }
});
