/**
 * Memory: the peak resident set (VmHWM) of a cucumber worker process, at 20, 100 and 500
 * generated scenarios. The suite-scale runs sample it while they go (see `suite-scale.ts`);
 * here we read those runs, or start them if suite-scale was not selected.
 *
 * Flat means: the 500-scenario worker peaks no higher than the 20-scenario one beyond noise —
 * whatever a scenario allocates (clients' inboxes, pools, schemas) is released at its end.
 * `--parallel 1` is the telling case: one worker runs every scenario.
 */
import type { BenchOptions, BenchResult, Figure } from './report';
import { runSuite, type SuiteRun } from './suite-scale';

const peakOf = (run: SuiteRun) => Math.max(0, ...Object.values(run.workerPeakRssMb));

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
  }
  return { name: 'memory', figures, details: { peaksByRun: runs.map((run) => ({ scenarios: run.scenarios, parallel: run.parallel, workerPeakRssMb: run.workerPeakRssMb })) } };
}
