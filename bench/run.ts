/**
 * `npm run bench` — runs every benchmark one after another in this one run, prints a table of
 * figures with their targets beside them, and writes `bench/results.json`.
 *
 *   npm run bench                  full mode: the figures for the README (several minutes)
 *   npm run bench -- --quick       CI smoke: small counts, the 20-scenario suite only (< ~2 min)
 *   npm run bench -- --only isolation,waiting
 *   npm run bench -- --markdown    also print the table as Markdown
 *
 * Benchmarks run one at a time, never concurrently: on two cores they would disturb each
 * other's figures. Each is loaded only when it runs, so one whose parts have not landed (or
 * fails) is reported as "not measured" with the reason, and the others still run. The exit code
 * is 1 when any benchmark could not run, so a CI smoke run catches a broken harness; a missed
 * target is a figure to read, not a failure.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderMarkdown, renderTable, verdict, type BenchOptions, type BenchResult } from './report';
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
  { name: 'suite-scale', run: async (options) => (await import('./suite-scale')).runSuiteScale(options) },
  { name: 'memory', run: async (options) => (await import('./memory')).runMemory(options) },
  { name: 'frames', run: async (options) => (await import('./frames')).runFrames(options) },
];

interface Arguments {
  quick: boolean;
  markdown: boolean;
  only?: string[];
}

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { quick: false, markdown: false };
  for (const argument of argv) {
    if (argument === '--quick') parsed.quick = true;
    else if (argument === '--markdown') parsed.markdown = true;
    else if (argument.startsWith('--only=')) parsed.only = argument.slice('--only='.length).split(',').filter(Boolean);
    else {
      console.error(`Unknown argument "${argument}". Use --quick, --markdown, --only=<${BENCHMARKS.map((b) => b.name).join('|')},…>`);
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

  console.log(renderTable(results));
  if (args.markdown) console.log(`\n${renderMarkdown(results)}`);
  console.log(`\n${report.mode} mode on ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}, ` +
    `load average ${loadAtStart.toFixed(1)} → ${report.machine.loadAverage1m.atEnd.toFixed(1)}; ` +
    `${(report.totalMs / 1000).toFixed(1)} s in all; figures in ${path}`);
  // GramJS clients and pools may leave timers behind; the figures are written, so leave now.
  process.exit(results.some((result) => result.error) ? 1 : 0);
}

void main();
