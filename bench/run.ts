/**
 * `npm run bench` — runs every benchmark one after another in this one run, prints a table of
 * figures with their targets beside them, and writes `bench/results.json`.
 *
 *   npm run bench                  full mode: the figures for the README (several minutes)
 *   npm run bench -- --quick       CI smoke: small counts, the 20-scenario suite only (< ~2 min)
 *   npm run bench -- --only isolation,waiting
 *   npm run bench -- --markdown    also print the table as Markdown
 *   npm run bench -- --save-baseline   (full mode) make this run the "previous" column of the next
 *
 * Benchmarks run one at a time, never concurrently: on two cores they would disturb each
 * other's figures. Each is loaded only when it runs, so one whose parts have not landed (or
 * fails) is reported as "not measured" with the reason, and the others still run. The exit code
 * is 1 when any benchmark could not run, so a CI smoke run catches a broken harness; a missed
 * target is a figure to read, not a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderMarkdown, renderTable, verdict, type Baseline, type BenchOptions, type BenchResult } from './report';
import { msSince } from './stats';

interface Benchmark {
  name: string;
  run: (options: BenchOptions) => Promise<BenchResult>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'round-trip', run: async (options) => (await import('./round-trip')).runRoundTrip(options) },
  { name: 'login', run: async (options) => (await import('./login')).runLogin(options) },
  { name: 'isolation', run: async (options) => (await import('./isolation')).runIsolation(options) },
  { name: 'waiting', run: async (options) => (await import('./waiting')).runWaiting(options) },
  { name: 'whole-run', run: async (options) => (await import('./whole-run')).runWholeRun(options) },
  { name: 'suite-scale', run: async (options) => (await import('./suite-scale')).runSuiteScale(options) },
  { name: 'test-dc-twin', run: async (options) => (await import('./test-dc-twin')).runTestDcTwin(options) },
  { name: 'memory', run: async (options) => (await import('./memory')).runMemory(options) },
  { name: 'frames', run: async (options) => (await import('./frames')).runFrames(options) },
  { name: 'emulator-memory', run: async (options) => (await import('./emulator-memory')).runEmulatorMemory(options) },
  { name: 'photos', run: async (options) => (await import('./photos')).runPhotos(options) },
];

interface Arguments {
  quick: boolean;
  markdown: boolean;
  saveBaseline: boolean;
  only?: string[];
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { quick: false, markdown: false, saveBaseline: false };
  for (const argument of argv) {
    if (argument === '--quick') parsed.quick = true;
    else if (argument === '--markdown') parsed.markdown = true;
    else if (argument === '--save-baseline') parsed.saveBaseline = true;
    else if (argument.startsWith('--only=')) parsed.only = argument.slice('--only='.length).split(',').filter(Boolean);
    else {
      console.error(`Unknown argument "${argument}". Use --quick, --markdown, --save-baseline, --only=<${BENCHMARKS.map((b) => b.name).join('|')},…>`);
      process.exit(2);
    }
  }
  const unknown = parsed.only?.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name)) ?? [];
  if (unknown.length) {
    console.error(`Unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const options: BenchOptions = { quick: args.quick, log: (line) => process.stderr.write(`[bench] ${line}\n`) };
  const selected = BENCHMARKS.filter((benchmark) => !args.only || args.only.includes(benchmark.name));
  const started = process.hrtime.bigint();
  // Other work on the machine skews every figure; record how busy it was around the run.
  const loadAtStart = loadavg()[0]!;
  const results: BenchResult[] = [];
  for (const benchmark of selected) {
    options.log(`${benchmark.name}: running${args.quick ? ' (quick)' : ''}`);
    const start = process.hrtime.bigint();
    let result: BenchResult;
    try {
      result = await benchmark.run(options);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).find(Boolean) ?? 'failed';
      options.log(`${benchmark.name}: failed: ${error instanceof Error ? error.stack : message}`);
      result = { name: benchmark.name, figures: [], error: message };
    }
    result.durationMs = msSince(start);
    options.log(`${benchmark.name}: done in ${(result.durationMs / 1000).toFixed(1)} s`);
    results.push(result);
  }

  const report = {
    generatedAt: new Date().toISOString(),
    mode: args.quick ? 'quick' : 'full',
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: {
      node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMb: Math.round(totalmem() / 2 ** 20),
      loadAverage1m: { atStart: loadAtStart, atEnd: loadavg()[0]! },
    },
    totalMs: msSince(started),
    results: results.map((result) => ({ ...result, figures: result.figures.map((figure) => ({ ...figure, verdict: verdict(figure) })) })),
  };
  const path = join(__dirname, 'results.json');
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);

  const baselinePath = join(__dirname, 'baseline.json');
  const baseline = existsSync(baselinePath) ? (JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline) : undefined;
  console.log(renderTable(results, baseline));
  if (args.markdown) console.log(`\n${renderMarkdown(results, baseline)}`);
  if (baseline) console.log(`\n"previous": the full run of ${baseline.generatedAt}${baseline.commit ? ` at ${baseline.commit}` : ''} (bench/baseline.json)`);
  if (args.saveBaseline) saveBaseline(baselinePath, args, results);
  console.log(`\n${report.mode} mode on ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}, ` +
    `load average ${loadAtStart.toFixed(1)} → ${report.machine.loadAverage1m.atEnd.toFixed(1)}; ` +
    `${(report.totalMs / 1000).toFixed(1)} s in all; figures in ${path}`);
  // GramJS clients and pools may leave timers behind; the figures are written, so leave now.
  process.exit(results.some((result) => result.error) ? 1 : 0);
}

/** Writes this run's figures as the next run's "previous" column; only a full run is a baseline. */
function saveBaseline(path: string, args: Arguments, results: readonly BenchResult[]): void {
  if (args.quick) {
    console.error('--save-baseline needs a full run (without --quick): quick figures are not comparable.');
    return;
  }
  const old = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Baseline).figures : {};
  const figures: Record<string, number> = { ...old };
  for (const result of results) for (const figure of result.figures) if (!Number.isNaN(figure.value)) figures[figure.key] = Number(figure.value.toPrecision(4));
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a checkout
  }
  const baseline: Baseline = { generatedAt: new Date().toISOString(), commit, figures };
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`Saved these figures as the baseline (${path}); commit it with the README's Performance section.`);
}

void main();
