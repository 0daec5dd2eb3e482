#!/usr/bin/env node
// Runs the features with cucumber (arguments pass through: `npm run test:features -- --parallel 2`),
// then, whatever the result, masks the reports and writes the living documentation
// (reports/index.html, see scripts/living-docs.ts). Exits with cucumber's status, except that a
// run whose own messages say it failed never exits 0: an exit hook that calls process.exit(0)
// in the cucumber process must not turn a failed run green.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { constants } = require('node:os');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cucumber = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const messages = join(process.cwd(), 'reports', 'messages.ndjson');

const run = spawnSync(process.execPath, [cucumber, ...process.argv.slice(2)], { stdio: 'inherit' });
let status = run.status ?? (run.signal ? 128 + (constants.signals[run.signal] ?? 1) : 1);

if (existsSync(messages)) {
  const docs = spawnSync(process.execPath, ['--require', 'ts-node/register', join(root, 'scripts', 'living-docs.ts')], {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  if (docs.status !== 0) console.error('The living documentation could not be written (see above); the features result stands.');
  if (status === 0 && runFailed(readFileSync(messages, 'utf8'))) {
    console.error('cucumber exited 0, but its messages say the run failed (reports/messages.ndjson): exiting 1.');
    status = 1;
  }
} else {
  console.error('No reports/messages.ndjson was written, so there is no living documentation for this run.');
}
process.exit(status);

/** The run's own verdict: its testRunFinished message says success: false. */
function runFailed(ndjson) {
  for (const line of ndjson.split('\n').reverse()) {
    if (!line.includes('"testRunFinished"')) continue;
    try {
      return JSON.parse(line).testRunFinished.success === false;
    } catch {
      return false;
    }
  }
  return false;
}
