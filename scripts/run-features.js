#!/usr/bin/env node
// Runs the features with cucumber (arguments pass through: `npm run test:features -- --parallel 2`),
// then, whatever the result, masks the reports and writes the living documentation
// (reports/index.html, see scripts/living-docs.ts). Exits with cucumber's status, except that a
// run whose own messages say it failed never exits 0: an exit hook that calls process.exit(0)
// in the cucumber process must not turn a failed run green. Off a terminal (CI), cucumber's
// output is masked here like the reports, behind the suite's own console masking
// (support/reporting/render/mask-console.ts): secrets never reach a log.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { constants } = require('node:os');
const { spawn, spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cucumber = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const messages = join(process.cwd(), 'reports', 'messages.ndjson');

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

async function main() {
  const run = await runCucumber(process.argv.slice(2));
  let status = run.status ?? (run.signal ? 128 + (constants.signals[run.signal] ?? 1) : 1);

  if (existsSync(messages)) {
    const docs = spawnSync(process.execPath, ['--require', join(root, 'support', 'transpile.cjs'), join(root, 'scripts', 'living-docs.ts')], {
      stdio: 'inherit',
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    if (docs.status !== 0) console.error('The living documentation could not be written (see above); the features result stands.');
    const verdict = runVerdict(readFileSync(messages, 'utf8'));
    if (status === 0 && verdict === 'failed') {
      console.error('cucumber exited 0, but its messages say the run failed (reports/messages.ndjson): exiting 1.');
      status = 1;
    }
    if (verdict === 'unfinished') {
      console.error('reports/messages.ndjson ends before the run did: the cucumber process exited before its formatters finished.');
    }
  } else {
    console.error('No reports/messages.ndjson was written, so there is no living documentation for this run.');
  }
  if (run.exitLagMs !== undefined && run.exitLagMs > EXIT_LAG_LIMIT_MS) {
    console.error(`cucumber's process outlived its summary by ${run.exitLagMs} ms (limit ${EXIT_LAG_LIMIT_MS} ms): something keeps its event loop alive after the run (a timer, a socket, a child process); find it with process.getActiveResourcesInfo() at exit. Exiting 1.`);
    status = status || 1;
  }
  if (status === 0 && run.summaryFailed) {
    console.error("cucumber exited 0, but its own summary counts failed, undefined, pending or ambiguous scenarios: exiting 1.");
    status = 1;
  }
  process.exit(status);
}

/**
 * Runs cucumber. On a terminal its output goes straight through (the progress bar needs the
 * TTY). Anywhere else, a CI log for instance, which others read and keep, every line passes
 * through the same masking as the reports (support/reporting/render/mask.ts).
 */
function runCucumber(args) {
  const argv = [cucumber, ...args];
  if (process.stdout.isTTY && process.stderr.isTTY) {
    return Promise.resolve(spawnSync(process.execPath, argv, { stdio: 'inherit' }));
  }
  require('../support/transpile.cjs');
  const { maskSecrets, registerSecretsFromEnvironment } = require('../support/reporting/render/mask');
  registerSecretsFromEnvironment();
  const child = spawn(process.execPath, argv, { stdio: ['inherit', 'pipe', 'pipe'] });
  const done = [maskLines(child.stdout, process.stdout, maskSecrets), maskLines(child.stderr, process.stderr, maskSecrets)];
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('close', async (status, signal) => {
      const exitLagMs = summaryAt === undefined ? undefined : Date.now() - summaryAt;
      await Promise.all(done);
      resolve({ status, signal, summaryFailed, exitLagMs });
    });
  });
}

/** Set when cucumber's summary line ("3 scenarios (1 failed, 2 passed)") counts a problem. */
let summaryFailed = false;
/** When cucumber printed its summary: the user's wait ends at the prompt, not at the summary. */
let summaryAt;
/** How long cucumber's process may take from its summary to its exit (it writes nothing after). */
const EXIT_LAG_LIMIT_MS = 1000;
const SUMMARY = /^\d+ scenarios? \((.*)\)$/;

/** Copies `from` to `to` a whole line at a time (a secret is never split), masked. */
function maskLines(from, to, mask) {
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk) => {
    pending += chunk;
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    const lines = pending.slice(0, end + 1);
    for (const line of lines.split('\n')) {
      const summary = SUMMARY.exec(line.trim());
      if (summary) summaryAt = Date.now();
      if (summary && /failed|undefined|pending|ambiguous/.test(summary[1])) summaryFailed = true;
    }
    to.write(mask(lines));
    pending = pending.slice(end + 1);
  });
  return new Promise((resolve) =>
    from.on('end', () => {
      if (pending) to.write(mask(pending));
      resolve();
    }),
  );
}

/** The run's own verdict, from its testRunFinished message: 'passed', 'failed' or 'unfinished'. */
function runVerdict(ndjson) {
  for (const line of ndjson.split('\n').reverse()) {
    if (!line.includes('"testRunFinished"')) continue;
    try {
      return JSON.parse(line).testRunFinished.success === false ? 'failed' : 'passed';
    } catch {
      return 'unfinished';
    }
  }
  return 'unfinished';
}
