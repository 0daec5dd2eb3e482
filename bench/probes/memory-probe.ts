/**
 * Loaded into cucumber workers by the suite-scale benchmark only (its generated config adds
 * this file to the repository's `require` list); inert unless BENCH_MEMORY_PROBE_DIR is set.
 *
 * VmHWM says how high a worker's memory went, not whether it leaks: V8 lets the heap grow
 * lazily before collecting. So every 100 scenarios, and at the end, this forces a full GC and
 * records the heap that survives it. A flat series means no per-scenario leak; a rising one
 * is a leak. Five forced GCs in 500 scenarios cost a few tens of milliseconds in all.
 */
import { After, AfterAll } from '@cucumber/cucumber';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const dir = process.env.BENCH_MEMORY_PROBE_DIR;
const EVERY = 100;

if (dir) {
  // The documented way to reach `gc` without starting node with --expose-gc.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const samples: Array<{ scenarios: number; heapUsedMb: number; rssMb: number; externalMb: number }> = [];
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const sample = (scenarios: number) => {
    gc();
    const usage = process.memoryUsage();
    samples.push({ scenarios, heapUsedMb: mb(usage.heapUsed), rssMb: mb(usage.rss), externalMb: mb(usage.external + usage.arrayBuffers) });
  };
  let scenarios = 0;
  After(function () {
    scenarios++;
    if (scenarios % EVERY === 0) sample(scenarios);
  });
  AfterAll(function () {
    sample(scenarios);
    writeFileSync(join(dir, `memory-probe-${process.env.CUCUMBER_WORKER_ID ?? 'main'}-${process.pid}.json`), JSON.stringify({ pid: process.pid, samples }));
  });
}
