/**
 * The vocabulary cannot drift: `npm run vocabulary -- --check` runs every example sentence and
 * every feature line through cucumber's matcher (a dry run) and compares docs/vocabulary.md with
 * what the step definitions say. Each run is its own process, as cucumber loads the support code
 * once per process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
