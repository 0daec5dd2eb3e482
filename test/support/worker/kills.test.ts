/**
 * Nothing the suite starts outlives a run that is killed: the real suite (its World, hooks,
 * embedded Telegram and embedded PostgreSQL) runs scenarios that stop midway and report which
 * process runs them (test/support/worker/fixture/kill-points.steps.ts); the test then kills at
 * each point — a worker with SIGKILL, the coordinator alone with SIGINT or SIGKILL, the whole
 * process group with SIGINT as Ctrl-C does, a serial run with SIGINT — and checks that every
 * process of the run ended and no PostgreSQL, data directory or watchdog is left, and that the
 * reports are complete and count each scenario cut short as failed, saying why
 * (support/reporting/stopped-workers-formatter.ts).
 *
 * Every wait is on an event: the marker line, the end of the run's output (every process that
 * shares it has exited), the PostgreSQL directory emptying (a directory watch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isRunning } from '../../../support/database/processes';
import { isCompleteHtml, isCompleteJunit } from '../../../support/reporting/render/repair-html';
import { leftoversIn, untilEmpty } from '../database/owner-process';
import { CUCUMBER, realSuiteConfig, ROOT } from '../real-suite-config';

const FIXTURE = join(__dirname, 'fixture');

interface Marker {
  pid: number;
  worker: string | null;
}

interface Run {
  readonly child: ChildProcess;
  readonly pgDir: string;
  readonly reportsDir: string;
  /** Resolves with the first `count` markers (one per scenario that reached its stopping point). */
  markers(count: number): Promise<Marker[]>;
  /** Resolves once the coordinator and every process sharing its output have ended. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/**
 * Runs the real suite's configuration (cucumber.js, default profile) on the fixture feature,
 * with its reports and its PostgreSQL directories in a temp dir.
 */
function runSuite(t: import('node:test').TestContext, args: string[], options: { detached?: boolean } = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), 'kills-'));
  const pgDir = join(dir, 'pg');
  const reportsDir = join(dir, 'reports');
  mkdirSync(pgDir);
  chmodSync(dir, 0o755);
  chmodSync(pgDir, 0o755); // as root, the server runs as "postgres", which must reach its directory
  t.after(() => (process.env.KEEP_KILLS_TEST_DIR ? console.log(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));
  const config = realSuiteConfig(dir, { paths: [join(FIXTURE, 'kill-points.feature')], require: [join(FIXTURE, 'kill-points.steps.ts')], reportsDir });
  const child = spawn(process.execPath, [CUCUMBER, '--config', config, ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', EMBEDDED_POSTGRES_DIR: pgDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const markers: Marker[] = [];
  const waiting: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    output += `${line}\n`;
    const found = /KILL-POINT (\{.*\})/.exec(line);
    if (!found) return;
    markers.push(JSON.parse(found[1]!) as Marker);
    for (const wake of waiting.splice(0)) wake();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    pgDir,
    reportsDir,
    ended,
    output: () => output,
    markers(count) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (markers.length >= count) resolve(markers.slice(0, count));
          else waiting.push(check);
        };
        void ended.then(() => reject(new Error(`the run ended before ${count} scenario(s) reached their stopping point:\n${output}`)));
        check();
      });
    },
  };
}

/** Every process of the run has ended and no PostgreSQL, data directory or watchdog is left. */
async function assertNothingLeft(run: Run, markers: Marker[]): Promise<void> {
  await run.ended;
  for (const { pid } of markers) assert.equal(isRunning(pid), false, `the process ${pid} that ran a scenario still runs`);
  await untilEmpty(run.pgDir);
  assert.deepEqual(leftoversIn(run.pgDir), [], `processes of the run are left:\n${run.output()}`);
}

/**
 * The reports are complete and truthful: JUnit, cucumber's HTML and the living documentation each
 * count the `failed` scenarios that were cut short, and say why.
 */
function assertReportsSay(run: Run, failed: number, why: string): void {
  const read = (name: string) => readFileSync(join(run.reportsDir, name), 'utf8');
  const junit = read('junit.xml');
  assert.ok(isCompleteJunit(junit), `junit.xml is cut short:\n${junit}\n${run.output()}`);
  assert.match(junit, new RegExp(`<testsuite [^>]*failures="${failed}"`), junit);
  assert.equal(junit.split(why).length - 1 >= failed, true, `junit.xml does not say "${why}" for each of the ${failed} scenario(s):\n${junit}`);
  const html = read('cucumber.html');
  assert.ok(isCompleteHtml(html), 'cucumber.html is cut short');
  assert.ok(html.includes(why), `cucumber.html does not say "${why}"`);
  assert.ok(read('index.html').includes(why), `the living documentation does not say "${why}"`);
}

const skip = process.platform !== 'linux' && 'needs Linux (/proc) to find leftover processes';

test('a worker killed with SIGKILL mid-scenario leaves no PostgreSQL, and the run fails', { timeout: 180_000, skip }, async (t) => {
  const run = runSuite(t, ['--parallel', '1']);
  const [worker] = await run.markers(1);
  process.kill(worker!.pid, 'SIGKILL');
  const { code } = await run.ended;
  assert.notEqual(code, 0, run.output());
  await assertNothingLeft(run, [worker!]);
  assertReportsSay(run, 1, 'its worker stopped: signal SIGKILL');
});

for (const signal of ['SIGINT', 'SIGKILL'] as const) {
  test(`${signal} to the coordinator alone: its workers stop and leave nothing`, { timeout: 180_000, skip }, async (t) => {
    const run = runSuite(t, ['--parallel', '2']);
    const workers = await run.markers(2);
    assert.notEqual(workers[0]!.pid, workers[1]!.pid);
    run.child.kill(signal);
    await assertNothingLeft(run, workers);
    if (signal === 'SIGINT') assertReportsSay(run, 2, 'its worker stopped: signal SIGINT');
  });
}

test('SIGINT to the whole process group (Ctrl-C) of a parallel run leaves nothing', { timeout: 180_000, skip }, async (t) => {
  const run = runSuite(t, ['--parallel', '2'], { detached: true });
  const workers = await run.markers(2);
  process.kill(-run.child.pid!, 'SIGINT');
  run.child.kill('SIGINT'); // the same Ctrl-C, relayed as npm and scripts/run-features.js do
  await assertNothingLeft(run, workers);
  assertReportsSay(run, 2, 'its worker stopped: signal SIGINT');
});

test('SIGINT to a serial run (Ctrl-C) leaves nothing', { timeout: 180_000, skip }, async (t) => {
  const run = runSuite(t, [], { detached: true });
  const [runner] = await run.markers(1);
  process.kill(-run.child.pid!, 'SIGINT');
  run.child.kill('SIGINT'); // the same Ctrl-C, relayed as npm and scripts/run-features.js do
  await assertNothingLeft(run, [runner!]);
  assertReportsSay(run, 1, 'the run was interrupted: signal SIGINT');
});
