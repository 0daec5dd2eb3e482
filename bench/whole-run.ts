/**
 * What the user waits for: the repository's own features run as `npx cucumber-js` (serial) and
 * `npx cucumber-js --parallel 2`, each timed as a whole process from the command to the prompt,
 * with its parts: launch → first scenario, the workers' own start-up (their BeforeAll), the
 * summary → exit wait, and the CPU the run's process tree used per scenario.
 *
 * Unlike suite-scale.ts (generated scenarios, for growth and memory), these are the features a
 * product owner runs, so every cost the product adds (recompressed photos, several DCs, layers)
 * shows here. Goals: `-p 2` ≤ 10 s, serial ≤ 15 s, summary → exit ≤ 0.5 s, launch → first
 * scenario ≤ 2 s, speedup 1 → 2 workers ≥ 1.7×.
 */
import { cpus } from 'node:os';
import type { BenchOptions, BenchResult, Figure } from './report';
import { runRepositoryFeatures, type SuiteRun } from './suite-scale';

export async function runWholeRun({ quick, log }: BenchOptions): Promise<BenchResult> {
  // Quick mode (the CI smoke) runs only the parallel run: the serial one doubles its time.
  const parallel = await runRepositoryFeatures(2, log);
  const serial = quick ? undefined : await runRepositoryFeatures(1, log);
  const figures: Figure[] = [
    ...runFigures(parallel, { wallTarget: 10 }),
    ...(serial ? runFigures(serial, { wallTarget: 15 }) : []),
  ];
  if (serial) {
    figures.push({
      key: 'whole_run_speedup', label: 'features: speedup 1 → 2 workers, whole process', value: serial.wallMs / parallel.wallMs, unit: '×', target: { op: '>=', value: 1.7 },
      why: `launch → first scenario ${seconds(parallel.launchToFirstScenarioMs)} with 2 workers vs ${seconds(serial.launchToFirstScenarioMs)} serial: each worker pays its own start-up, and the CPU per scenario is ${(parallel.cpuSeconds / parallel.scenarios).toFixed(2)} s vs ${(serial.cpuSeconds / serial.scenarios).toFixed(2)} s on ${cpus().length} cores`,
    });
  }
  return { name: 'whole-run', figures, details: { runs: serial ? [parallel, serial] : [parallel] } };
}

function runFigures(run: SuiteRun, { wallTarget }: { wallTarget: number }): Figure[] {
  const tag = `p${run.parallel}`;
  const how = run.parallel === 1 ? 'serial' : `--parallel ${run.parallel}`;
  const slowestWorker = Math.max(...run.workerBeforeAllMs);
  const scenariosMs = run.wallMs - run.launchToFirstScenarioMs - run.summaryToExitMs;
  const workerStartUp = Number.isFinite(slowestWorker) ? `the slowest worker's own start-up (BeforeAll: PostgreSQL, the embedded Telegram, the first login) ${seconds(slowestWorker)}` : 'no worker start-up was seen';
  return [
    {
      key: `whole_run_${tag}_wall_s`, label: `features (${run.scenarios}), ${how}: command → prompt`, value: run.wallMs / 1000, unit: 's', target: { op: '<=', value: wallTarget },
      why: `${seconds(run.launchToFirstScenarioMs)} before the first scenario, ${seconds(scenariosMs)} running ${run.scenarios} scenarios (${(run.cpuSeconds / run.scenarios).toFixed(2)} s of CPU each on ${cpus().length} cores), ${seconds(run.summaryToExitMs)} from the summary to exit`,
    },
    {
      key: `whole_run_${tag}_launch_to_first_s`, label: `features, ${how}: launch → first scenario`, value: run.launchToFirstScenarioMs / 1000, unit: 's', target: { op: '<=', value: 2 },
      why: `${workerStartUp}; the rest is node and cucumber loading the support code`,
    },
    { key: `whole_run_${tag}_worker_startup_s`, label: `features, ${how}: a worker's own start-up (BeforeAll, slowest)`, value: Number.isFinite(slowestWorker) ? slowestWorker / 1000 : Number.NaN, unit: 's' },
    { key: `whole_run_${tag}_summary_to_exit_s`, label: `features, ${how}: summary → exit`, value: run.summaryToExitMs / 1000, unit: 's', target: { op: '<=', value: 0.5 } },
    { key: `whole_run_${tag}_cpu_per_scenario_s`, label: `features, ${how}: CPU per scenario (all processes)`, value: run.cpuSeconds / run.scenarios, unit: 's' },
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
