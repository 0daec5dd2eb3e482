/**
 * The test-dc-twin profile from the command line, twice on one feature file with one cache
 * directory, as a developer runs it: the first run meets every fault of the test DC (its
 * summary line says so) and requests login codes; the second resumes every cached session on
 * the same twin (its key and logins saved beside the sessions) and requests none.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const REPO = join(__dirname, '..', '..', '..', '..');
const CUCUMBER = join(REPO, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const FEATURE = 'features/start.feature';
/** A failure guard per run, far above its usual ~20 s on a quiet machine. */
const RUN_GUARD_MS = 240_000;

const dir = mkdtempSync(join(tmpdir(), 'test-dc-twin-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The profile as it is, writing only a summary (the repository's reports/ are left alone). */
const config = join(dir, 'cucumber.twin.js');
writeFileSync(config, `const base = require(${JSON.stringify(join(REPO, 'cucumber.js'))})['test-dc-twin'];\nmodule.exports = { default: { ...base, format: ['summary'], publish: false } };\n`);

function runProfile(cacheDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TEST_DC_CACHE_DIR: cacheDir, FORCE_COLOR: '0' };
    delete env.TEST_DC_TWIN_FRESH;
    delete env.TELEGRAM_BACKEND;
    const child = spawn(process.execPath, [CUCUMBER, '--config', relative(REPO, config), FEATURE], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npx cucumber-js -p test-dc-twin ${FEATURE} did not finish within ${RUN_GUARD_MS} ms (raise SETTLE_TIMEOUT_MS if the machine is loaded). Output so far:\n${output}`));
    }, RUN_GUARD_MS);
    child.on('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('npx cucumber-js -p test-dc-twin, twice', () => {
  it('the first run meets every fault; the second requests 0 login codes', { timeout: 2 * RUN_GUARD_MS + 10_000 }, async () => {
    const cacheDir = join(dir, 'cache');
    const first = await runProfile(cacheDir);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /test-dc: worker 0 requested [1-9]\d* login codes?/, first.output);
    const faults = /^test-dc-twin: worker 0 met (.*)$/m.exec(first.output)?.[1];
    assert.ok(faults, `no faults line in:\n${first.output}`);
    assert.match(faults, /2FA-locked numbers skipped: 1 \(SESSION_PASSWORD_NEEDED\)/);
    assert.match(faults, /FLOOD_WAIT waited out: 1 \(\d+ s; limit 60 s\)/);
    assert.match(faults, /stranger messages: [1-9]/);
    assert.match(faults, /fresh logins migrated from DC 2: [1-9]\d* of/);
    assert.match(faults, /bot made through @BotFather: yes/);

    const second = await runProfile(cacheDir);
    assert.equal(second.code, 0, second.output);
    assert.match(second.output, /test-dc: worker 0 requested 0 login codes/, second.output);
    assert.match(second.output, /bot made through @BotFather: no/);
  });
});
