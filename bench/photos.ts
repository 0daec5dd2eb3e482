/**
 * What keeping photos as Telegram does costs (issue 11): the embedded Telegram re-encodes every
 * photo into JPEG sizes and a stripped thumbnail (sharp, on libuv's thread pool), and the suite
 * fingerprints every photo a person receives.
 *
 * - processing one photo: a suite fixture (192×128 PNG → s, m and the stripped thumbnail) and a
 *   camera-sized one (2000×1500 JPEG with detail → s, m, x, y), wall time and CPU per photo
 *   (process CPU, so the thread pool's work counts);
 * - the event loop while photos are processed back to back: the worst delay a timer saw
 *   (`monitorEventLoopDelay`), beside the same measure over an idle stretch of equal length, so
 *   the machine's own noise reads apart from ours;
 * - the suite's side: fingerprinting a received photo, and loading sharp in a fresh process
 *   (every worker pays it once).
 */
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { processPhoto } from '../src/emulator/state';
import { photoFixtures } from '../support/actors/fixtures';
import { PhotoFingerprint } from '../support/actors/photo-fingerprint';
import type { BenchOptions, BenchResult } from './report';
import { msSince, summarize } from './stats';

export async function runPhotos({ quick, log }: BenchOptions): Promise<BenchResult> {
  const fixtures = photoFixtures();
  const camera = await cameraPhoto();
  const fixtureRuns = quick ? 40 : 200;
  const cameraRuns = quick ? 5 : 20;

  // One untimed warm-up of each path: the first run pays library and JIT warm-up.
  await processPhoto(fixtures[0]!.bytes);
  await processPhoto(camera);
  const fixture = await timeEach(fixtureRuns, (i) => processPhoto(fixtures[i % fixtures.length]!.bytes));
  const large = await timeEach(cameraRuns, () => processPhoto(camera));

  // The event loop while fixture photos are processed back to back, and while idle, as long.
  const busy = monitorEventLoopDelay({ resolution: 1 });
  busy.enable();
  const busyStart = process.hrtime.bigint();
  for (let i = 0; i < fixtureRuns; i++) await processPhoto(fixtures[i % fixtures.length]!.bytes);
  const busyMs = msSince(busyStart);
  busy.disable();
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, busyMs));
  idle.disable();

  const received = (await processPhoto(fixtures[0]!.bytes)).sizes.at(-1)!.bytes;
  await PhotoFingerprint.of(received);
  const fingerprint = await timeEach(fixtureRuns, () => PhotoFingerprint.of(received));
  const load = sharpLoadMs();

  log(`photos: ${fixtureRuns} fixture photos, ${cameraRuns} camera-sized ones`);
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  return {
    name: 'photos',
    figures: [
      { key: 'photo_fixture_wall_p50_ms', label: 'process a fixture photo (192×128) p50', value: fixture.wall.p50, unit: 'ms' },
      { key: 'photo_fixture_cpu_ms', label: 'process a fixture photo, CPU per photo', value: fixture.cpuPerRun, unit: 'ms' },
      { key: 'photo_camera_wall_p50_ms', label: 'process a camera photo (2000×1500) p50', value: large.wall.p50, unit: 'ms' },
      { key: 'photo_camera_cpu_ms', label: 'process a camera photo, CPU per photo', value: large.cpuPerRun, unit: 'ms' },
      {
        key: 'photo_event_loop_max_delay_ms', label: 'event-loop delay, worst, while processing', value: ms(busy.max), unit: 'ms',
        target: { op: '<=', value: 20 }, note: `idle, as long: ${ms(idle.max).toFixed(1)} ms`,
      },
      { key: 'photo_event_loop_p99_delay_ms', label: 'event-loop delay p99 while processing', value: ms(busy.percentile(99)), unit: 'ms', note: `idle: ${ms(idle.percentile(99)).toFixed(1)} ms` },
      { key: 'photo_event_loop_idle_max_delay_ms', label: 'event-loop delay, worst, idle as long (baseline)', value: ms(idle.max), unit: 'ms' },
      { key: 'photo_fingerprint_p50_ms', label: 'fingerprint a received photo p50', value: fingerprint.wall.p50, unit: 'ms' },
      { key: 'photo_sharp_load_ms', label: 'load sharp in a fresh process', value: load, unit: 'ms' },
    ],
    details: { fixture, large, fingerprint, eventLoop: { busyMs, busyMaxMs: ms(busy.max), idleMaxMs: ms(idle.max) } },
  };
}

/** Wall time of each run and the process CPU (all threads) per run. */
async function timeEach(runs: number, run: (index: number) => Promise<unknown>) {
  const wall: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    wall.push(msSince(start));
  }
  const used = process.cpuUsage(cpu);
  return { wall: summarize(wall), cpuPerRun: (used.user + used.system) / 1000 / runs };
}

/** A camera-sized JPEG with detail (smooth gradients compress too well to be representative). */
async function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#6a8caf', noise: { type: 'gaussian', mean: 128, sigma: 24 } } })
    .blur(1.2)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Milliseconds to require sharp in a new node process (its native library included). */
function sharpLoadMs(): number {
  const script = "const t = process.hrtime.bigint(); require('sharp'); console.log(Number(process.hrtime.bigint() - t) / 1e6)";
  const child = spawnSync(process.execPath, ['-e', script], { cwd: process.cwd(), encoding: 'utf8' });
  return child.status === 0 ? Number(child.stdout.trim()) : Number.NaN;
}
