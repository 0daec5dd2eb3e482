/**
 * The test-dc backend on its twin (support/backends/test-dc-twin.ts):
 * - the same generated scenarios (bench/suite-scale.ts) on the embedded default and through the
 *   test-dc backend on the twin, wall time of each (100 scenarios, --parallel 2; 20 with --quick);
 * - login per worker, cold (a login code per person: sendCode, signIn, signUp) against warm
 *   (every session from the cache: connect and check the authorization), three people each,
 *   in this process against one twin, through the test-dc backend's own code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator';
import { TestDcBackend } from '../support/backends/test-dc';
import type { BenchOptions, BenchResult } from './report';
import { msSince } from './stats';
import { runSuite } from './suite-scale';
import { twinSettings } from '../support/backends/test-dc-twin/twin-settings';

const PEOPLE = 3;

export async function runTestDcTwin({ quick, log }: BenchOptions): Promise<BenchResult> {
  const scenarios = quick ? 20 : 100;
  const login = await coldAndWarmLogin();
  log(`test-dc-twin: ${scenarios} scenarios on the embedded default, then through the test-dc backend on its twin`);
  const embedded = await runSuite(scenarios, 2, log);
  const twin = await runSuite(scenarios, 2, log, 'test-dc-twin');
  if (twin.failed > 0 || twin.exitCode !== 0) throw new Error(`the test-dc-twin run failed (${twin.failed} scenarios failed, exit ${twin.exitCode})`);
  return {
    name: 'test-dc-twin',
    figures: [
      { key: `twin_suite_${scenarios}_p2_embedded_wall_s`, label: `${scenarios} scenarios, -p 2, embedded default, wall`, value: embedded.wallMs / 1000, unit: 's' },
      { key: `twin_suite_${scenarios}_p2_twin_wall_s`, label: `${scenarios} scenarios, -p 2, test-dc on the twin, wall`, value: twin.wallMs / 1000, unit: 's' },
      { key: 'twin_suite_ratio', label: 'test-dc on the twin / embedded, wall', value: twin.wallMs / embedded.wallMs, unit: '×' },
      { key: 'twin_login_cold_ms', label: `login per worker, cold (${PEOPLE} people, login codes)`, value: login.coldMs, unit: 'ms' },
      { key: 'twin_login_warm_ms', label: `login per worker, warm (${PEOPLE} people, cached sessions)`, value: login.warmMs, unit: 'ms' },
      { key: 'twin_login_warm_codes', label: 'login codes requested by the warm run', value: login.warmCodes, unit: '', target: { op: '<=', value: 0 } },
    ],
    details: { scenarios, embedded, twin, login },
  };
}

async function coldAndWarmLogin(): Promise<{ coldMs: number; warmMs: number; warmCodes: number }> {
  const emulator = await startEmulator();
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-test-dc-'));
  try {
    const bot = emulator.control.createBot({ username: 'bench_twin_bot' });
    const env: NodeJS.ProcessEnv = {
      ...twinSettings(emulator, cacheDir),
      TEST_DC_BOT_TOKENS: bot.token,
      TEST_DC_BOT_USERNAMES: bot.username,
    };
    const timeLogins = async () => {
      const backend = new TestDcBackend(env, () => {});
      await backend.start();
      const started = process.hrtime.bigint();
      for (let index = 1; index <= PEOPLE; index++) await backend.signIn({ index, firstName: `Person${index}` });
      const ms = msSince(started);
      await backend.stop();
      return { ms, codes: backend.counts.codesRequested };
    };
    const cold = await timeLogins();
    const warm = await timeLogins();
    return { coldMs: cold.ms, warmMs: warm.ms, warmCodes: warm.codes };
  } finally {
    await emulator.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
