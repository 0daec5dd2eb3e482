/**
 * Memory: the peak resident set (VmHWM) of a cucumber worker process, at 20, 100 and 500
 * generated scenarios. The suite-scale runs sample it while they go (see `suite-scale.ts`);
 * here we read those runs, or start them if suite-scale was not selected.
 *
 * Besides the peak RSS, each worker reports the heap that survives a forced GC every 100
 * scenarios and at its end (`probes/memory-probe.ts`): that series tells a leak from V8 simply
 * letting the heap grow before it collects.
 *
 * Flat means: the 500-scenario worker peaks no higher than the 20-scenario one beyond noise —
 * whatever a scenario allocates (clients' inboxes, pools, schemas) is released at its end.
 * `--parallel 1` is the telling case: one worker runs every scenario.
 */
import type { BenchOptions, BenchResult, Figure } from './report';
import { runSuite, type SuiteRun } from './suite-scale';

const peakOf = (run: SuiteRun) => Math.max(0, ...Object.values(run.workerPeakRssMb));

interface HeapProbe {
  samples: Array<{ scenarios: number; heapUsedMb: number }>;
}

/** The largest heap left after the final forced GC among the run's workers (see probes/memory-probe.ts). */
function finalHeapOf(run: SuiteRun): number {
  const heaps = (run.heapProbes as HeapProbe[]).map((probe) => probe.samples.at(-1)?.heapUsedMb).filter((mb): mb is number => mb !== undefined);
  return heaps.length ? Math.max(...heaps) : Number.NaN;
}

export async function runMemory({ quick, log }: BenchOptions): Promise<BenchResult> {
  const counts = quick ? [20] : [20, 100, 500];
  const parallels = quick ? [2] : [1, 2];
  const runs: SuiteRun[] = [];
  for (const scenarios of counts) {
    for (const parallel of parallels) runs.push(await runSuite(scenarios, parallel, log));
  }
  const figures: Figure[] = [];
  for (const run of runs) {
    const target = run.scenarios === Math.max(...counts) ? { op: '<=' as const, value: 300 } : undefined;
    figures.push({
      key: `memory_worker_peak_${run.scenarios}_p${run.parallel}_mb`,
      label: `worker peak RSS, ${run.scenarios} scenarios, --parallel ${run.parallel}`,
      value: peakOf(run),
      unit: 'MB',
      target,
    });
    figures.push({
      key: `memory_worker_heap_after_gc_${run.scenarios}_p${run.parallel}_mb`,
      label: `worker heap after GC at the end, ${run.scenarios} scenarios, --parallel ${run.parallel}`,
      value: finalHeapOf(run),
      unit: 'MB',
    });
  }
  if (!quick) {
    const single = (scenarios: number) => peakOf(runs.find((run) => run.scenarios === scenarios && run.parallel === 1)!);
    figures.push({
      key: 'memory_growth_20_500_p1',
      label: 'worker peak growth 20 → 500 (--parallel 1)',
      value: single(500) / single(20),
      unit: '×',
      target: { op: '<=', value: 1.15 },
      note: 'flat: within 15 % noise',
    });
    const heap = (scenarios: number) => finalHeapOf(runs.find((run) => run.scenarios === scenarios && run.parallel === 1)!);
    figures.push({
      key: 'memory_heap_growth_20_500_p1',
      label: 'worker heap-after-GC growth 20 → 500 (--parallel 1)',
      value: heap(500) / heap(20),
      unit: '×',
      target: { op: '<=', value: 1.15 },
      note: 'a leak shows here; RSS alone also grows while V8 defers collection',
    });
  }
  return { name: 'memory', figures, details: { byRun: runs.map((run) => ({ scenarios: run.scenarios, parallel: run.parallel, workerPeakRssMb: run.workerPeakRssMb, heapProbes: run.heapProbes })) } };
}
