/**
 * Login on the embedded Telegram, as a GramJS user client does it:
 *
 * - fresh sign-up: a new client with an empty session connects (MTProto key exchange), asks
 *   for a code, signs in, is told to sign up, signs up — the suite's own login
 *   (`support/backends/login.ts`) end to end;
 * - resumed session: a new client from a saved `StringSession` (auth key already known)
 *   connects and proves it is authorised with `getMe()`.
 *
 * Clients are torn down between samples and the teardown is not timed.
 */
import type { Api, TelegramClient } from 'telegram';
import { logInWithTestNumber } from '../support/backends/login';
import { startEmulator } from '../src/emulator';
import { createEmulatorClient, emulatorEndpoint, type EmulatorEndpoint } from '../src/emulator/gramjs';
import type { BenchOptions, BenchResult } from './report';
import { msSince, summarize } from './stats';

/** Telegram's test-DC numbers are 99966XYYYY, X the DC; the code is X five times. */
export function testPhone(dcId: number, serial: number): string {
  return `99966${dcId}${String(serial % 10_000).padStart(4, '0')}`;
}

/** Connects `client` and signs a new person up the way the suite does (support/backends/login.ts). */
export async function signUp(client: TelegramClient, endpoint: EmulatorEndpoint, serial: number, firstName = `User${serial}`): Promise<Api.User> {
  await client.connect();
  return logInWithTestNumber(client, {
    phone: testPhone(endpoint.dcId, serial),
    code: String(endpoint.dcId).repeat(5),
    firstName,
    apiId: 1,
    apiHash: 'embedded',
  });
}

export function endpointOf(emulator: Parameters<typeof emulatorEndpoint>[0]): EmulatorEndpoint {
  return emulatorEndpoint(emulator);
}

export async function runLogin({ quick, log }: BenchOptions): Promise<BenchResult> {
  const signUps = quick ? 5 : 30;
  const resumes = quick ? 10 : 100;
  const emulator = await startEmulator();
  const endpoint = endpointOf(emulator);
  try {
    const signUpMs: number[] = [];
    let saved = '';
    // One untimed warm-up of each path: the first run pays module and JIT warm-up.
    for (let i = 0; i <= signUps; i++) {
      const client = createEmulatorClient(endpoint);
      const start = process.hrtime.bigint();
      await signUp(client, endpoint, 1000 + i);
      if (i > 0) signUpMs.push(msSince(start));
      saved = (client.session.save() as unknown as string);
      await client.destroy();
    }
    const resumeMs: number[] = [];
    for (let i = 0; i <= resumes; i++) {
      const client = createEmulatorClient(endpoint, { session: saved });
      const start = process.hrtime.bigint();
      await client.connect();
      await client.getMe();
      if (i > 0) resumeMs.push(msSince(start));
      await client.destroy();
    }
    const signUpStats = summarize(signUpMs);
    const resume = summarize(resumeMs);
    log(`login: ${signUps} sign-ups, ${resumes} resumes`);
    return {
      name: 'login',
      figures: [
        { key: 'login_sign_up_p50_ms', label: 'fresh sign-up p50', value: signUpStats.p50, unit: 'ms' },
        { key: 'login_sign_up_p95_ms', label: 'fresh sign-up p95', value: signUpStats.p95, unit: 'ms' },
        { key: 'login_resume_p50_ms', label: 'resumed session p50', value: resume.p50, unit: 'ms' },
        { key: 'login_resume_p95_ms', label: 'resumed session p95', value: resume.p95, unit: 'ms' },
      ],
      details: { signUp: signUpStats, resume },
    };
  } finally {
    await emulator.stop();
  }
}
