import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const loader = join(__dirname, '..', '..', 'support', 'transpile.cjs');

/** Runs `file` in a fresh node with the suite's .ts loader, as cucumber's processes do. */
function runWithLoader(file: string): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, ['--require', loader, file], { encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

test('TypeScript runs through the loader, the same from its cache, and errors point at the .ts lines', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'transpile-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'sample.ts');
  writeFileSync(file, [
    "import { basename } from 'node:path';",
    'enum Colour { Red = 1 }',
    'class Box<T> { constructor(readonly value: T) {} }',
    'const box: Box<string> = new Box(basename(__filename));',
    'console.log(`${box.value} ${Colour.Red}`);',
    "if (process.env.NEVER === undefined) throw new Error('from line 6');",
    '',
  ].join('\n'));

  const first = runWithLoader(file);
  const second = runWithLoader(file); // served from the cache
  for (const run of [first, second]) {
    assert.equal(run.stdout, 'sample.ts 1\n');
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /Error: from line 6\n\s+at .*sample\.ts:6:\d+/);
  }
});
