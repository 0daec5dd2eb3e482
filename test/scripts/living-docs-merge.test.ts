/**
 * The shards of one run make one living documentation: two real runs of the suite, each
 * `--shard i/2` of the same features into its own directory (each writes its own index.html
 * through the formatter), then `npm run docs -- <dir> <dir> --out <dir>` merges them: every
 * scenario once, each as the shard that ran it saw it, and the coverage counts both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FEATURES = ['features/the-card.feature', 'features/start.feature'];

function scenarioNames(feature: string): string[] {
  return [...readFileSync(join(ROOT, feature), 'utf8').matchAll(/^\s*Scenario: (.+)$/gm)].map((m) => m[1]!.trim());
}

/** Runs the suite's `--shard index/2` of FEATURES, its reports into `dir`. */
function runShard(dir: string, index: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- cucumber.js is the suite's CommonJS config, read as the run reads it
  const suite = (require(join(ROOT, 'cucumber.js')) as { default: Record<string, unknown> }).default;
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'cucumber.js');
  const format = (suite.format as string[]).filter((f) => f !== 'progress-bar').map((f) => f.replace(/:reports\//, `:${join(dir, 'reports')}/`));
  writeFileSync(config, `module.exports = { default: ${JSON.stringify({ ...suite, format: ['summary', ...format], paths: FEATURES, shard: `${index}/2` })} };\n`);
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', relative(ROOT, config)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  return join(dir, 'reports');
}

test('two shards merge into one living documentation with every scenario once', { timeout: 300_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'living-docs-merge-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const expected = FEATURES.flatMap(scenarioNames);
  const shards = [1, 2].map((index) => runShard(join(dir, `shard-${index}`), index));

  // Each shard's own page, written by the formatter: its scenarios ran, the other shard's did not.
  const ranIn = shards.map((reports) => {
    const page = readFileSync(join(reports, 'index.html'), 'utf8');
    return (page.match(/<article class="scenario passed"/g) ?? []).length;
  });
  assert.ok(ranIn.every((n) => n > 0) && ranIn[0]! + ranIn[1]! === expected.length, `each shard ran a share: ${ranIn.join(' + ')} of ${expected.length}`);

  const out = join(dir, 'merged');
  const docs = spawnSync(process.execPath, ['--require', 'ts-node/register', join(ROOT, 'scripts', 'living-docs.ts'), ...shards, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  assert.equal(docs.status, 0, `${docs.stdout}\n${docs.stderr}`);
  assert.match(docs.stdout, /Living documentation of 2 runs merged: /);
  assert.ok(existsSync(join(out, 'index.html')));
  const page = readFileSync(join(out, 'index.html'), 'utf8');
  const titles = [...page.matchAll(/<article class="scenario (\w+)"[^>]*>\s*<h3><span class="badge \w+">(\w[\w ]*)<\/span> ([^<]+)/g)].map((m) => ({ status: m[1], name: m[3]!.trim() }));
  assert.deepEqual(titles.map((t) => t.name).sort(), [...expected].sort(), 'every scenario once');
  assert.ok(titles.every((t) => t.status === 'passed'), JSON.stringify(titles));
  // The coverage counts both shards: /start is sent in both, /count and /help only in start.feature.
  for (const command of ['/start', '/count', '/help']) assert.match(page, new RegExp(`<tr class="shown" data-item="command:${command}">`));
});
