/**
 * Suite scale: the real acceptance suite (`support/`, `steps/`, the repository's cucumber
 * profile) on generated features of 20, 100 and 500 scenarios, each run with `npx cucumber-js
 * --parallel 1` and `--parallel 2`, as a developer would launch it.
 *
 * Per run: wall time from spawn to exit (start-up included), scenarios per second, and launch →
 * first scenario start, read from cucumber's message stream (`--format message:<file>`, whose
 * `testCaseStarted` timestamps are wall-clock). While a run goes, the worker processes' peak
 * RSS (`VmHWM` in /proc/<pid>/status, a high-water mark the kernel keeps) is sampled; the
 * memory benchmark reads it from here, so the 500-scenario runs are not paid twice.
 *
 * The features go to a temporary directory, never into the repository; a generated cucumber
 * config takes the repository's default profile and replaces only its paths and formats.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { BenchOptions, BenchResult, Figure } from './report';
import { generateFeature } from './scenarios';

const REPO = resolve(__dirname, '..');

export interface SuiteRun {
  /** What ran: `generated` features or the repository's own `features/`. */
  source: 'generated' | 'repository';
  scenarios: number;
  parallel: number;
  /** Spawn → the process's exit: what the user waits for, from the command to the prompt. */
  wallMs: number;
  /** Cucumber's summary line on stdout → the process's exit (the wait after the run is over). */
  summaryToExitMs: number;
  scenariosPerSecond: number;
  /** Spawn → the first `testCaseStarted`. */
  launchToFirstScenarioMs: number;
  /** Where start-up goes, from launch: coordinator ready (`testRunStarted`), a worker's BeforeAll begins, it ends. */
  startup: { coordinatorReadyMs: number; beforeAllStartMs: number; beforeAllEndMs: number };
  /** Per worker: how long its BeforeAll hooks took (the worker's own start-up: database, Telegram). */
  workerBeforeAllMs: number[];
  /** Per worker: heap after a forced GC every 100 scenarios and at the end (see probes/memory-probe.ts). */
  heapProbes: unknown[];
  /**
   * CPU seconds used by the whole process tree (coordinator, workers, their PostgreSQL), from
   * /proc utime+stime sampled every 100 ms: a lower bound (work after a process's last sample
   * is missed). Divided by wall × cores it says whether the run was CPU-bound.
   */
  cpuSeconds: number;
  /** Per worker pid: its peak resident set (VmHWM), in MB. */
  workerPeakRssMb: Record<number, number>;
  passed: number;
  failed: number;
  exitCode: number | null;
}

const runs = new Map<string, Promise<SuiteRun>>();

/** Which backend a run uses: the embedded default, or the test-dc backend on its twin (bench/test-dc-twin.ts). */
export type SuiteBackend = 'embedded' | 'test-dc-twin';

/** Runs (once per process; later calls share the result) the suite on `scenarios` generated scenarios. */
export function runSuite(scenarios: number, parallel: number, log: (line: string) => void, backend: SuiteBackend = 'embedded'): Promise<SuiteRun> {
  const key = `generated/${scenarios}/${parallel}${backend === 'embedded' ? '' : `/${backend}`}`;
  let run = runs.get(key);
  if (!run) {
    run = runSuiteOnce({ scenarios, backend }, parallel, log);
    runs.set(key, run);
  }
  return run;
}

/** Runs the repository's own features (`features/`), as `npx cucumber-js` does, once per process and parallelism. */
export function runRepositoryFeatures(parallel: number, log: (line: string) => void): Promise<SuiteRun> {
  const key = `repository/${parallel}`;
  let run = runs.get(key);
  if (!run) {
    run = runSuiteOnce({}, parallel, log);
    runs.set(key, run);
  }
  return run;
}

/**
 * One run of cucumber as a developer launches it. With `scenarios`, on that many generated
 * scenarios in a temp dir; without, on the repository's own features (their count is read from
 * the run). Only the formats change: `summary` on stdout (its line marks the end of the run), and
 * the message stream and the living documentation (as every run writes it) into the temp dir, so
 * the repository's reports/ are left alone.
 */
async function runSuiteOnce({ scenarios, backend = 'embedded' }: { scenarios?: number; backend?: SuiteBackend }, parallel: number, log: (line: string) => void): Promise<SuiteRun> {
  const dir = mkdtempSync(join(tmpdir(), 'family-album-bench-'));
  try {
    const source = scenarios === undefined ? 'repository' : 'generated';
    if (scenarios !== undefined) writeFileSync(join(dir, 'scale.feature'), generateFeature(scenarios));
    const messages = join(dir, 'messages.ndjson');
    const config = join(dir, 'cucumber.bench.js');
    writeFileSync(config, [
      `const base = require(${JSON.stringify(join(REPO, 'cucumber.js'))}).default;`,
      `module.exports = { default: { ...base,${scenarios === undefined ? '' : ` paths: [${JSON.stringify(join(dir, '*.feature'))}],`}`,
      `  require: [...base.require, ${JSON.stringify(join(__dirname, 'probes', 'memory-probe.ts'))}],`,
      `  format: ['summary', ${JSON.stringify(`message:${messages}`)}, ${JSON.stringify(`./support/reporting/living-docs-formatter.cjs:${join(dir, 'index.html')}`)}], publish: false } };`,
    ].join('\n'));

    const launchedAt = Date.now();
    // cucumber joins --config onto the working directory even when it is absolute: pass it relative.
    const child = spawn('npx', ['cucumber-js', '--config', relative(REPO, config), '--parallel', String(parallel)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The embedded backend (or the test-DC twin, from nothing: a cold run, as on a fresh
      // machine) and its embedded PostgreSQL, whatever this shell has set.
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', FORCE_COLOR: '0', TELEGRAM_BACKEND: backend, TEST_DC_TWIN_FRESH: '1', DATABASE_URL: '', BENCH_MEMORY_PROBE_DIR: dir },
    });
    let output = '';
    let summaryAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (summaryAt === undefined && /^\d+ scenarios? \(/m.test(output)) summaryAt = Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const peaks: Record<number, number> = {};
    const cpuTicks = new Map<number, number>();
    const sampler = setInterval(() => sampleWorkers(child.pid!, peaks, cpuTicks), 100);
    const closed = new Promise<void>((done) => child.on('close', () => done()));
    const exitCode = await new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const exitedAt = Date.now();
    await closed; // the rest of its output
    clearInterval(sampler);
    const wallMs = exitedAt - launchedAt;

    const { firstStartedAt, passed, failed, marks, workerBeforeAllMs } = readMessages(messages);
    const total = scenarios ?? passed + failed;
    const since = (at: number | undefined) => (at === undefined ? Number.NaN : at - launchedAt);
    const heapProbes = readdirSync(dir).filter((name) => name.startsWith('memory-probe-')).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown);
    const run: SuiteRun = {
      source,
      scenarios: total,
      parallel,
      wallMs,
      summaryToExitMs: summaryAt === undefined ? Number.NaN : exitedAt - summaryAt,
      scenariosPerSecond: total / (wallMs / 1000),
      launchToFirstScenarioMs: since(firstStartedAt),
      startup: { coordinatorReadyMs: since(marks.testRunStarted), beforeAllStartMs: since(marks.testRunHookStarted), beforeAllEndMs: since(marks.testRunHookFinished) },
      workerBeforeAllMs,
      heapProbes,
      workerPeakRssMb: peaks,
      cpuSeconds: [...cpuTicks.values()].reduce((sum, ticks) => sum + ticks, 0) / CLOCK_TICKS_PER_SECOND,
      passed,
      failed,
      exitCode,
    };
    log(`suite: ${total} ${source} scenarios, --parallel ${parallel}: ${(wallMs / 1000).toFixed(2)} s, ${passed} passed, ${failed} failed, exit ${exitCode}`);
    if (exitCode !== 0 || passed !== total || total === 0) {
      throw new Error(`the ${source} suite of ${total} scenarios (--parallel ${parallel}) did not pass: ` +
        `${passed} passed, ${failed} failed, exit ${exitCode}; last output:\n${output.split('\n').slice(-40).join('\n')}`);
    }
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Timestamp { seconds: number; nanos: number }

/** The fields of cucumber's message envelopes that readMessages reads. */
interface Envelope {
  testRunStarted?: { timestamp: Timestamp };
  testRunHookStarted?: { id: string; workerId?: string; timestamp: Timestamp };
  testRunHookFinished?: { testRunHookStartedId: string; timestamp: Timestamp };
  testCaseStarted?: { id: string; testCaseId: string; timestamp: Timestamp };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
}

/** Reads cucumber's message stream: first scenario start (epoch ms) and final test case results. */
function readMessages(path: string): { firstStartedAt?: number; passed: number; failed: number; marks: Record<string, number>; workerBeforeAllMs: number[] } {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { passed: 0, failed: 0, marks: {}, workerBeforeAllMs: [] };
  }
  // BeforeAll hooks are the run hooks that start before any scenario; per worker, first start → last finish.
  const hookStarts = new Map<string, { worker: string; at: number }>();
  const beforeAll = new Map<string, { from: number; to: number }>();
  const marks: Record<string, number> = {};
  let firstStartedAt: number | undefined;
  const worst = new Map<string, string>();
  const attemptOf = new Map<string, string>(); // testCaseStartedId → testCaseId
  const finalStatus = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const message = JSON.parse(line) as Envelope;
    for (const kind of ['testRunStarted', 'testRunHookStarted', 'testRunHookFinished'] as const) {
      const timestamp = message[kind]?.timestamp;
      if (timestamp && marks[kind] === undefined) marks[kind] = toMs(timestamp);
    }
    if (message.testRunHookStarted && firstStartedAt === undefined) {
      hookStarts.set(message.testRunHookStarted.id, { worker: message.testRunHookStarted.workerId ?? 'serial', at: toMs(message.testRunHookStarted.timestamp) });
    } else if (message.testRunHookFinished) {
      const started = hookStarts.get(message.testRunHookFinished.testRunHookStartedId);
      if (started) {
        const span = beforeAll.get(started.worker) ?? { from: started.at, to: started.at };
        beforeAll.set(started.worker, { from: Math.min(span.from, started.at), to: Math.max(span.to, toMs(message.testRunHookFinished.timestamp)) });
      }
    }
    if (message.testCaseStarted) {
      const at = toMs(message.testCaseStarted.timestamp);
      if (firstStartedAt === undefined || at < firstStartedAt) firstStartedAt = at;
      attemptOf.set(message.testCaseStarted.id, message.testCaseStarted.testCaseId);
    } else if (message.testStepFinished) {
      const status = message.testStepFinished.testStepResult.status;
      const id = message.testStepFinished.testCaseStartedId;
      if (status !== 'PASSED') worst.set(id, status);
    } else if (message.testCaseFinished) {
      const id = message.testCaseFinished.testCaseStartedId;
      if (!message.testCaseFinished.willBeRetried) finalStatus.set(attemptOf.get(id) ?? id, worst.get(id) ?? 'PASSED');
    }
  }
  const statuses = [...finalStatus.values()];
  const workerBeforeAllMs = [...beforeAll.values()].map((span) => span.to - span.from);
  return { marks, firstStartedAt, workerBeforeAllMs, passed: statuses.filter((s) => s === 'PASSED').length, failed: statuses.filter((s) => s !== 'PASSED').length };
}

function toMs(timestamp: Timestamp): number {
  return Number(timestamp.seconds) * 1000 + timestamp.nanos / 1e6;
}

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on Linux for x86 and arm. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Records the VmHWM of every cucumber worker under `rootPid`, and every descendant's CPU ticks. */
function sampleWorkers(rootPid: number, peaks: Record<number, number>, cpuTicks: Map<number, number>): void {
  for (const pid of descendants(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuTicks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // the process ended between listing and reading
    }
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('run_worker')) continue;
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peaks[pid] = Math.max(peaks[pid] ?? 0, Number(match[1]) / 1024);
    } catch {
      // the process ended between listing and reading
    }
  }
}

function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Share of the machine's cores the run's process tree kept busy, in percent. */
export function cpuUse(run: SuiteRun): number {
  return (100 * run.cpuSeconds) / ((run.wallMs / 1000) * cpus().length);
}

/** Where a run's start-up went, phase by phase from launch: the reason beside a missed start-up goal. */
export function startUpPhases(run: SuiteRun): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const { coordinatorReadyMs, beforeAllStartMs, beforeAllEndMs } = run.startup;
  return `cucumber ready at ${s(coordinatorReadyMs)}, a worker loaded at ${s(beforeAllStartMs)}, its BeforeAll (PostgreSQL, the embedded Telegram, the first login) done at ${s(beforeAllEndMs)}, the first scenario at ${s(run.launchToFirstScenarioMs)}`;
}

/** Where a run's wall time went: start-up, the scenarios, and how busy the cores were. */
function wallPhases(run: SuiteRun): string {
  const scenariosMs = run.wallMs - run.launchToFirstScenarioMs - run.summaryToExitMs;
  return `${(run.launchToFirstScenarioMs / 1000).toFixed(1)} s before the first scenario, ${(scenariosMs / 1000).toFixed(1)} s of scenarios with ${cpuUse(run).toFixed(0)} % of all cores busy`;
}

export async function runSuiteScale({ quick, log }: BenchOptions): Promise<BenchResult> {
  if (quick) {
    const run = await runSuite(20, 2, log);
    return {
      name: 'suite-scale',
      figures: [
        { key: 'suite_20_p2_wall_s', label: '20 scenarios, --parallel 2, wall', value: run.wallMs / 1000, unit: 's' },
        { key: 'suite_20_p2_rate', label: '20 scenarios, --parallel 2, rate', value: run.scenariosPerSecond, unit: 'scn/s' },
        { key: 'suite_launch_to_first_s', label: 'launch → first scenario start', value: run.launchToFirstScenarioMs / 1000, unit: 's', target: { op: '<=', value: 2 }, why: startUpPhases(run) },
        { key: 'suite_cpu_use_20_p2', label: 'CPU use of the run (of all cores)', value: cpuUse(run), unit: '%' },
        { key: 'suite_startup_coordinator_s', label: 'start-up: launch → cucumber ready', value: run.startup.coordinatorReadyMs / 1000, unit: 's' },
        { key: 'suite_startup_worker_loaded_s', label: 'start-up: → worker loaded (BeforeAll)', value: run.startup.beforeAllStartMs / 1000, unit: 's' },
        { key: 'suite_startup_before_all_s', label: 'start-up: → BeforeAll done', value: run.startup.beforeAllEndMs / 1000, unit: 's' },
      ],
      details: { runs: [run] },
    };
  }
  const all: SuiteRun[] = [];
  for (const scenarios of [20, 100, 500]) {
    for (const parallel of [1, 2]) all.push(await runSuite(scenarios, parallel, log));
  }
  const find = (scenarios: number, parallel: number) => all.find((r) => r.scenarios === scenarios && r.parallel === parallel)!;
  const figures: Figure[] = [];
  for (const run of all) {
    const tag = `${run.scenarios}_p${run.parallel}`;
    const target = run.scenarios === 100 && run.parallel === 2 ? { op: '<=' as const, value: 8 } : undefined;
    figures.push(
      { key: `suite_${tag}_wall_s`, label: `${run.scenarios} scenarios, --parallel ${run.parallel}, wall`, value: run.wallMs / 1000, unit: 's', target, why: wallPhases(run) },
      { key: `suite_${tag}_rate`, label: `${run.scenarios} scenarios, --parallel ${run.parallel}, rate`, value: run.scenariosPerSecond, unit: 'scn/s' },
    );
  }
  const slowestStart = all.reduce((worst, run) => (run.launchToFirstScenarioMs > worst.launchToFirstScenarioMs ? run : worst));
  const launch = slowestStart.launchToFirstScenarioMs / 1000;
  const typical = find(100, 2).startup;
  figures.push(
    { key: 'suite_startup_coordinator_s', label: 'start-up (100, -p 2): launch → cucumber ready', value: typical.coordinatorReadyMs / 1000, unit: 's' },
    { key: 'suite_startup_worker_loaded_s', label: 'start-up (100, -p 2): → worker loaded (BeforeAll)', value: typical.beforeAllStartMs / 1000, unit: 's' },
    { key: 'suite_startup_before_all_s', label: 'start-up (100, -p 2): → BeforeAll done', value: typical.beforeAllEndMs / 1000, unit: 's' },
    { key: 'suite_launch_to_first_s', label: 'launch → first scenario start (worst run)', value: launch, unit: 's', target: { op: '<=', value: 2 }, why: `${slowestStart.scenarios} scenarios, --parallel ${slowestStart.parallel}: ${startUpPhases(slowestStart)}` },
    {
      key: 'suite_speedup_500', label: 'speedup 1 → 2 workers (500)', value: find(500, 1).wallMs / find(500, 2).wallMs, unit: '×', target: { op: '>=', value: 1.7 },
      why: `serial: ${wallPhases(find(500, 1))}; --parallel 2: ${wallPhases(find(500, 2))}`,
    },
    { key: 'suite_cpu_use_500_p1', label: 'CPU use of the run, 500, --parallel 1 (of all cores)', value: cpuUse(find(500, 1)), unit: '%' },
    { key: 'suite_cpu_use_500_p2', label: 'CPU use of the run, 500, --parallel 2 (of all cores)', value: cpuUse(find(500, 2)), unit: '%' },
    { key: 'suite_speedup_100', label: 'speedup 1 → 2 workers (100)', value: find(100, 1).wallMs / find(100, 2).wallMs, unit: '×' },
    { key: 'suite_growth_100_500_p2', label: 'growth 100 → 500, --parallel 2', value: find(500, 2).wallMs / find(100, 2).wallMs, unit: '×', target: { op: '<=', value: 5.5 }, why: `rate ${find(100, 2).scenariosPerSecond.toFixed(1)} → ${find(500, 2).scenariosPerSecond.toFixed(1)} scenarios/s` },
    { key: 'suite_growth_100_500_p1', label: 'growth 100 → 500, --parallel 1', value: find(500, 1).wallMs / find(100, 1).wallMs, unit: '×', target: { op: '<=', value: 5.5 }, why: `rate ${find(100, 1).scenariosPerSecond.toFixed(1)} → ${find(500, 1).scenariosPerSecond.toFixed(1)} scenarios/s` },
  );
  return { name: 'suite-scale', figures, details: { runs: all } };
}
