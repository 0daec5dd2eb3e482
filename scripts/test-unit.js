#!/usr/bin/env node
// Runs every unit and contract test under test/ with node's built-in runner.
// Node 20's `--test` does not expand globs or pick up .ts files, so we list them here.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : findTests('test').sort();
if (files.length === 0) {
  console.error('No unit tests found under test/.');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--require', 'ts-node/register', '--test', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
});
process.exit(result.status ?? 1);
