/**
 * The raw `npx cucumber-js` console never shows a secret (support/reporting/render/mask-console.ts):
 * what formatters, steps and hooks print, and what an uncaught error prints, serially and from
 * parallel workers; and the issue's own case, a malformed DATABASE_URL with a password, through
 * the real configuration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CUCUMBER, realSuiteConfig, ROOT } from '../../real-suite-config';

const SECRET = 'Sup3r-Secret-Passw0rd';
const TOKEN = '7654321:AAFakeTokenForTheConsoleTest_0123456789';

function cucumber(args: string[], env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [CUCUMBER, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

function assertMasked(output: string): void {
  assert.ok(!output.includes(SECRET), `the password reached the console:\n${output}`);
  assert.ok(!output.includes(TOKEN), `the token reached the console:\n${output}`);
}

test('cucumber.js loads the console masking before anything else', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(join(ROOT, 'cucumber.js')) as Record<string, { require: string[] }>;
  for (const [profile, options] of Object.entries(config)) {
    assert.equal(options.require[0], 'support/reporting/render/mask-console.ts', `profile ${profile}`);
  }
});

test('what steps, formatters and an uncaught error print is masked, serially and in parallel workers', { timeout: 120_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-console-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'features'));
  writeFileSync(join(dir, 'features', 'leaky.feature'), 'Feature: Leaky\n\n  Scenario: prints\n    Given a step prints the secrets\n\n  Scenario: fails\n    Given a step fails with the secrets\n');
  const config = join(dir, 'cucumber.js');
  writeFileSync(config, `module.exports = { default: ${JSON.stringify({
    paths: [join(dir, 'features', '*.feature')],
    requireModule: ['ts-node/register'],
    require: [join(ROOT, 'support', 'reporting', 'render', 'mask-console.ts'), join(ROOT, 'test', 'support', 'reporting', 'render', 'fixture', 'leaky-steps.ts')],
    format: ['progress'],
  })} };\n`);
  const env = { LEAKY_A: SECRET, LEAKY_B: TOKEN, DATABASE_URL: `postgres://alice:${SECRET}@db host/album` };
  for (const parallel of [[], ['--parallel', '2']]) {
    const run = cucumber(['--config', relative(ROOT, config), ...parallel], env);
    assert.notEqual(run.status, 0, run.output);
    assert.match(run.output, /2 scenarios \(1 failed, 1 passed\)/, run.output);
    assert.match(run.output, /console\.log: \[masked secret\] \[masked bot token\]/, run.output);
    assert.match(run.output, /stderr bytes: \[masked secret\]/, run.output);
    assertMasked(run.output);
    // Only a serial run's process lives past AfterAll (parallel workers exit at once).
    if (parallel.length === 0) assert.match(run.output, /late call with \[masked bot token\] and \[masked secret\]/, run.output);
  }
});

test('a malformed DATABASE_URL with a password: the raw npx cucumber-js run names the setting and masks the password', { timeout: 120_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-console-real-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const config = realSuiteConfig(dir, { reportsDir: join(dir, 'reports') });
  const run = cucumber(['--config', config, 'features/start.feature', '--format', 'progress'], { DATABASE_URL: `postgres://alice:${SECRET}@db host:5432/album` });
  assert.notEqual(run.status, 0, run.output);
  assert.match(run.output, /DATABASE_URL: is not a URL/, run.output);
  assertMasked(run.output);
});
