/** A feature file with a Gherkin syntax error fails the run, naming the file and the line, before any scenario starts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('a Gherkin syntax error fails the run with the file and the line', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'syntax-error-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const feature = join(dir, 'broken.feature');
  writeFileSync(feature, 'Feature: Broken\n\n  Scenario: A keyword is missing\n    Given Alice has started the bot\n    Alice forgot her keyword\n');
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), feature, '--format', 'summary'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 1, output);
  assert.match(output, /Parse error in "[^"]*broken\.feature" \(5:5\): expected: .*got 'Alice forgot her keyword'/);
});
