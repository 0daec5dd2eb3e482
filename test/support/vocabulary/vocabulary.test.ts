/**
 * The vocabulary cannot drift: `npm run vocabulary -- --check` runs every example sentence and
 * every feature line through cucumber's matcher (a dry run) and compares docs/vocabulary.md with
 * what the step definitions say. Each run is its own process, as cucumber loads the support code
 * once per process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function vocabulary(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--require', 'ts-node/register', join(ROOT, 'scripts', 'vocabulary.ts'), '--check', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

test('every step is described, every example reaches its own step only, every feature line one step, and docs/vocabulary.md is current', () => {
  const run = vocabulary();
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /The step vocabulary is sound: \d+ steps/);
});

test('an ambiguous new step definition fails with both lines named; a step with no description or no scenario is named too', () => {
  const run = vocabulary('--require', 'test/support/vocabulary/fixture/careless.steps.ts');
  assert.equal(run.status, 1, run.output);
  const ambiguity = run.output.split('\n').find((line) => line.includes('"Bob asks for a photo"') && line.includes('is ambiguous'));
  assert.ok(ambiguity, run.output);
  assert.match(ambiguity, /steps\/photos\.steps\.ts:\d+ '\{user\} \(has \)asked\/asks for \{a photo\}\( again\)'/);
  assert.match(ambiguity, /test\/support\/vocabulary\/fixture\/careless\.steps\.ts:9 '\{user\} asks for a photo'/);
  assert.match(run.output, /careless\.steps\.ts:14 '\{user\} dances' has no description/);
  assert.match(run.output, /careless\.steps\.ts:14 '\{user\} dances' is used by no feature/);
});

test('a line that matches no step prints the closest lines of the vocabulary beside cucumber\'s snippet, and its messages carry them', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'did-you-mean-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'free.feature'), 'Feature: Free words\n\n  Scenario: A product owner writes as they speak\n    When Bob asks for a picture\n');
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), join(dir, 'free.feature'), '--dry-run', '--format', 'summary', '--format', `message:${join(dir, 'messages.ndjson')}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.match(output, /1 scenario \(1 undefined\)/, output);
  assert.match(output, /Undefined\. Implement with the following snippet:\s+\/\/ Did you mean one of these\? The closest lines of the vocabulary/);
  assert.match(output, /\/\/ +\d+% alike: "[^"]*asks for a photo[^"]*" — Presses "📷 Photo"/);
  assert.match(output, /When\('\{user\} asks for a picture', function \(user\) \{/);
  const suggestion = readFileSync(join(dir, 'messages.ndjson'), 'utf8').split('\n').find((line) => line.includes('"suggestion"'));
  assert.ok(suggestion?.includes('Did you mean one of these?'), 'the suggestion message carries them');
});
