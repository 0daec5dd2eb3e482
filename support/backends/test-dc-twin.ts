/**
 * The test-dc backend proven offline: the embedded Telegram started as a twin of the test DC
 * (three DCs, its own RSA key, @BotFather where the emulator has one, faults on), and the
 * unchanged {@link TestDcBackend} pointed at it by the settings meant for a twin or a proxy —
 * TEST_DC_ADDRESSES, TEST_DC_RSA_KEY, TEST_DC_BOT_API_ROOT — plus an API id/hash the twin does
 * not check. Everything else (login, migration, number skipping, FLOOD_WAIT, the session cache,
 * strangers, the bot) runs the code a real test-DC run runs.
 *
 * Faults, as the test DC has them, per worker:
 * - the first number of the worker's second person has someone's 2FA (SESSION_PASSWORD_NEEDED),
 *   so that person skips to the next number;
 * - the first auth.sendCode answers FLOOD_WAIT_1 (below any limit): waited out with a countdown;
 * - a stranger writes to every person as they log in;
 * - every client starts on DC 2 and people live on DCs 1, 2 and 3, so every worker migrates.
 *
 * The twin lives in the worker process and stops with it (stop() in AfterAll). Its cache
 * directory is the worker's own temporary folder, removed at stop: the twin keeps no state
 * between runs, so neither may its sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelegramClient } from 'telegram';
import { startEmulator, type Emulator } from '../../src/emulator';
import { workerIndex, type Backend, type BotConnection, type PersonSlot } from './backend';
import { TestDcBackend } from './test-dc';

/** Any 32 hex digits: the twin checks no API credentials, but the settings check their shape. */
const TWIN_API_HASH = '0123456789abcdef0123456789abcdef';

export class TestDcTwinBackend implements Backend {
  readonly name = 'test-dc-twin' as const;
  private emulator?: Emulator;
  private inner?: TestDcBackend;
  private cacheDir?: string;
  private strangerId?: number;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async start(): Promise<void> {
    const emulator = (this.emulator = await startEmulator());
    const worker = workerIndex(this.env);
    this.cacheDir = mkdtempSync(join(tmpdir(), `test-dc-twin-w${worker}-`));
    const env: NodeJS.ProcessEnv = {
      ...this.env,
      TELEGRAM_API_ID: '1',
      TELEGRAM_API_HASH: TWIN_API_HASH,
      TEST_DC_ADDRESSES: emulator.dcs.map((dc) => `${dc.id}=${dc.host}:${dc.port}`).join(','),
      TEST_DC_RSA_KEY: emulator.rsaPublicKeyPem,
      TEST_DC_BOT_API_ROOT: emulator.botApiRoot,
      TEST_DC_CACHE_DIR: this.cacheDir,
    };
    if (!emulator.state.findByUsername('BotFather')) {
      // This emulator has no @BotFather yet: hand the worker a bot as TEST_DC_BOT_TOKENS does.
      const bot = emulator.control.createBot({ username: `family_album_twin_w${worker}_bot`, firstName: 'Family Album' });
      env.TEST_DC_BOT_TOKENS = Array(worker + 1).fill(bot.token).join(',');
      env.TEST_DC_BOT_USERNAMES = Array(worker + 1).fill(bot.username).join(',');
    }
    const inner = (this.inner = new TestDcBackend(env));
    // Before start: the worker's first login (its bot maker's, or its first person's) meets them.
    emulator.control.injectFloodWait('auth.SendCode', 1, 1);
    this.strangerId = emulator.state.createUser({ phone: '9996639999', firstName: 'Stranger' }).id;
    await inner.start();
    // After start, which took the number block: the second person's first number is 2FA-locked.
    emulator.control.protectWithPassword(inner.candidateNumbers({ index: 2, firstName: '' })[0]!);
  }

  async stop(): Promise<void> {
    await this.inner?.stop();
    this.inner = undefined;
    await this.emulator?.stop();
    this.emulator = undefined;
    if (this.cacheDir) rmSync(this.cacheDir, { recursive: true, force: true });
    this.cacheDir = undefined;
  }

  async signIn(slot: PersonSlot): Promise<TelegramClient> {
    const client = await this.started().signIn(slot);
    this.strangerWritesTo(Number((await client.getMe()).id.toString()));
    return client;
  }

  bot(): BotConnection {
    return this.started().bot();
  }

  /** Login codes this worker requested (for the bench). */
  get counts(): TestDcBackend['counts'] | undefined {
    return this.inner?.counts;
  }

  /** Someone nobody invited writes, as happens on the shared test DC. */
  private strangerWritesTo(userId: number): void {
    this.emulator!.state.sendMessage(this.strangerId!, userId, { text: 'hi! who is this? 👋' });
  }

  private started(): TestDcBackend {
    if (!this.inner) throw new Error('The test-DC twin is not running: start() the backend first (the BeforeAll hook does).');
    return this.inner;
  }
}
