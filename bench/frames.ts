/**
 * Frame assembly: the CPU the emulator's MTProto server spends receiving one large frame sent
 * in 64 KiB pieces, as a client uploading over a real socket would (a half-sent
 * 16 MiB frame used to be re-copied on every chunk, quadratic in its size).
 *
 * A TCP Full frame of 1 MiB and one of 16 MiB go to an in-process server over loopback; the
 * payload names an unknown auth key, so once the frame is whole the server answers -404 and
 * closes. The figure is this process's CPU time (user + system, client writes included) from
 * the first byte to the close; "linear" means 16 MiB costs ~16× what 1 MiB costs.
 */
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { TelegramState } from '../src/emulator/state';
import { startMtprotoServer } from '../src/emulator/mtproto/server';
import { encodeFrame } from '../src/emulator/mtproto/transport';
import type { BenchOptions, BenchResult } from './report';
import { summarize } from './stats';

const PIECE = 64 * 1024;

async function sendInPieces(port: number, frame: Buffer): Promise<number> {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  socket.resume(); // read the server's -404 and its close
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const start = process.cpuUsage();
  for (let offset = 0; offset < frame.length; offset += PIECE) {
    // One piece per write, each waiting until the kernel took it: the server sees pieces.
    const piece = frame.subarray(offset, offset + PIECE);
    if (!socket.write(piece)) await new Promise<void>((resolve) => socket.once('drain', () => resolve()));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await closed;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function runFrames({ quick, log }: BenchOptions): Promise<BenchResult> {
  const rounds = quick ? 2 : 5;
  const server = await startMtprotoServer({ port: 0, state: new TelegramState(), handlers: {}, log: () => undefined });
  try {
    const frameOf = (bytes: number) => encodeFrame(0, Buffer.concat([randomBytes(8), Buffer.alloc(bytes - 8 - 12, 1)]));
    const small = frameOf(1024 * 1024);
    const large = frameOf(16 * 1024 * 1024);
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      smallMs.push(await sendInPieces(server.port, small));
      largeMs.push(await sendInPieces(server.port, large));
    }
    const smallP50 = summarize(smallMs).p50;
    const largeP50 = summarize(largeMs).p50;
    const growth = largeP50 / smallP50;
    log(`frames: 1 MiB ${smallP50.toFixed(1)} ms, 16 MiB ${largeP50.toFixed(1)} ms of CPU (${rounds} rounds)`);
    return {
      name: 'frames',
      figures: [
        { key: 'frame_16mib_cpu_ms', label: 'CPU of one 16 MiB frame in 64 KiB pieces', value: largeP50, unit: 'ms' },
        { key: 'frame_1mib_cpu_ms', label: 'CPU of one 1 MiB frame in 64 KiB pieces', value: smallP50, unit: 'ms' },
        { key: 'frame_growth', label: '16 MiB ÷ 1 MiB (linear: ~16×)', value: growth, unit: '×', target: { op: '<=', value: 24 } },
      ],
      details: { rounds, smallMs, largeMs },
    };
  } finally {
    await server.close();
  }
}
