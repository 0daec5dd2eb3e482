/**
 * Loaded into cucumber workers by the suite-scale benchmark only (its generated config adds
 * this file to the repository's `require` list); inert unless BENCH_MEMORY_PROBE_DIR is set.
 *
 * VmHWM says how high a worker's memory went, not whether it leaks: V8 lets the heap grow
 * lazily before collecting. So every 100 scenarios, and at the end, this forces a full GC and records the heap that
 * survives it, beside what V8 has committed for it (heapTotal, and per space: size vs used), the
 * memory outside the heap (external, ArrayBuffers) and the resident set before and after the GC.
 * A flat heapUsed series means no per-scenario leak; a rising one is a leak. Five forced GCs in
 * 500 scenarios cost a few tens of milliseconds in all. BENCH_MEMORY_PROBE_EVERY=10 adds a sample
 * every 10 scenarios without a forced GC (`gc: false`), to catch a transient spike as it happens.
 */
import { After, AfterAll } from '@cucumber/cucumber';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const dir = process.env.BENCH_MEMORY_PROBE_DIR;
const EVERY = 100;
/** Optional: also sample every this many scenarios without forcing a GC (what the worker really holds). */
const LIGHT_EVERY = Number(process.env.BENCH_MEMORY_PROBE_EVERY) || 0;

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The kernel's high-water mark of this process's resident set, in MB (Linux only; NaN elsewhere). */
function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

if (dir) {
  // The documented way to reach `gc` without starting node with --expose-gc.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const samples: unknown[] = [];
  // Time spent in GC pauses so far (main thread; concurrent marking is not counted), by kind:
  // what a tighter heap costs shows here rather than in noisy wall times.
  const gcPauses = { minorMs: 0, majorMs: 0, majorCount: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gcPauses.majorMs += entry.duration;
        gcPauses.majorCount++;
      } else gcPauses.minorMs += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const sample = (scenarios: number, forceGc = true) => {
    const rssBeforeGcMb = mb(process.memoryUsage.rss());
    if (forceGc) gc();
    const usage = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, { sizeMb: mb(space.space_size), usedMb: mb(space.space_used_size) }]));
    samples.push({
      scenarios,
      gc: forceGc,
      heapUsedMb: mb(usage.heapUsed),
      heapTotalMb: mb(usage.heapTotal),
      rssMb: mb(usage.rss),
      rssBeforeGcMb,
      peakRssMb: peakRssMb(),
      externalMb: mb(usage.external),
      arrayBuffersMb: mb(usage.arrayBuffers),
      spaces,
      gcPauseMs: { minor: Math.round(gcPauses.minorMs), major: Math.round(gcPauses.majorMs), majorCount: gcPauses.majorCount },
    });
  };
  let scenarios = 0;
  After(function () {
    scenarios++;
    if (scenarios % EVERY === 0) sample(scenarios);
    else if (LIGHT_EVERY && scenarios % LIGHT_EVERY === 0) sample(scenarios, false);
  });
  AfterAll(function () {
    sample(scenarios);
    writeFileSync(join(dir, `memory-probe-${process.env.CUCUMBER_WORKER_ID ?? 'main'}-${process.pid}.json`), JSON.stringify({ pid: process.pid, samples }));
  });
}
