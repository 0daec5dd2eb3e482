#!/usr/bin/env node
// Runs the features with cucumber (arguments pass through: `npm run test:features -- --parallel 2`),
// then, whatever the result, masks the reports and writes the living documentation
// (reports/index.html, see scripts/living-docs.ts). Exits with cucumber's status.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cucumber = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const run = spawnSync(process.execPath, [cucumber, ...process.argv.slice(2)], { stdio: 'inherit' });
const status = run.status ?? (run.signal ? 128 + (require('node:os').constants.signals[run.signal] ?? 1) : 1);

if (existsSync(join(process.cwd(), 'reports', 'messages.ndjson'))) {
  const docs = spawnSync(process.execPath, ['--require', 'ts-node/register', join(root, 'scripts', 'living-docs.ts')], {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  if (docs.status !== 0) console.error('The living documentation could not be written (see above); the features result stands.');
} else {
  console.error('No reports/messages.ndjson was written, so there is no living documentation for this run.');
}
process.exit(status);
