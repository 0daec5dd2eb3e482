/**
 * The test-dc backend proven offline: the embedded Telegram started as a twin of the test DC
 * (three DCs, its own RSA key, @BotFather, faults on), and the unchanged {@link TestDcBackend}
 * pointed at it by the settings meant for a twin or a proxy — TEST_DC_ADDRESSES,
 * TEST_DC_RSA_KEY, TEST_DC_BOT_API_ROOT — plus an API id/hash the twin does not check.
 * Everything else (login, migration, number skipping, FLOOD_WAIT, the session cache,
 * strangers, the bot made through @BotFather) runs the code a real test-DC run runs.
 * TEST_DC_BOT_TOKENS is ignored here: the twin proves the zero-config path.
 *
 * Faults, switched on through the twin's own control surface, per worker:
 * - the first number of the worker's second person has someone's 2FA (protectWithPassword:
 *   SESSION_PASSWORD_NEEDED), so that person skips to the next number;
 * - at most one login code per number per {@link FLOOD_WINDOW_MS} (limitLoginCodes), and someone
 *   else asked for one for the worker's first number a moment ago (strangerRequestsLoginCode):
 *   that login meets a FLOOD_WAIT below the limit and waits it out with a countdown;
 * - strangers write to every person as they log in (strangerWritesTo) and now and then
 *   (startStrangers);
 * - every client starts on DC 2 and people live on DCs 1, 2 and 3, so every worker migrates.
 * When it stops, each worker prints one line saying which of them it met.
 *
 * The twin stays the same "Telegram" between runs, as the test DC does: its RSA key and its
 * logins are saved in the cache directory (test-dc-twin/saved-twin.ts), so a second run
 * resumes every cached session and requests no login code. TEST_DC_TWIN_FRESH=1 (set by
 * `npm test`) starts from nothing instead, in a temporary cache removed at stop, so every CI
 * run meets every fault. The twin's servers live in the worker process and stop with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelegramClient } from 'telegram';
import { startEmulator, type Emulator } from '../../src/emulator';
import { ServerRsaKey } from '../../src/emulator/mtproto/rsa';
import { restoreLogins, saveLogins } from '../../src/emulator/persistence';
import { Strangers } from '../../src/emulator/control/strangers';
import { workerIndex, type Backend, type BotConnection, type PersonSlot } from './backend';
import { BOT_MAKER_SLOT, TestDcBackend } from './test-dc';
import { defaultCacheDir } from './test-dc/settings';
import { SavedTwinFile } from './test-dc-twin/saved-twin';
import { twinSettings } from './test-dc-twin/twin-settings';

/** One login code per number per this window: a second one meets FLOOD_WAIT_X, X ≤ 10 s (below the default limit of 60 s). */
export const FLOOD_WINDOW_MS = 10_000;

/** Strangers also write now and then: about this often, at most {@link STRANGER_MESSAGES} in a run. */
const STRANGERS_EVERY_MS = 5_000;
const STRANGER_MESSAGES = 40;

export class TestDcTwinBackend implements Backend {
  readonly name = 'test-dc-twin' as const;
  private emulator?: Emulator;
  private inner?: TestDcBackend;
  private saved?: SavedTwinFile;
  private rsaKey?: ServerRsaKey;
  private temporaryCache?: string;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env, private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  async start(): Promise<void> {
    const worker = workerIndex(this.env);
    const fresh = this.env.TEST_DC_TWIN_FRESH === '1';
    if (fresh) this.temporaryCache = mkdtempSync(join(tmpdir(), `test-dc-twin-w${worker}-`));
    const cacheDir = this.temporaryCache ?? (this.env.TEST_DC_CACHE_DIR?.trim() || defaultCacheDir(this.env));
    const saved = (this.saved = new SavedTwinFile(cacheDir, worker, this.log));
    const before = saved.read();
    const rsaKey = (this.rsaKey = before ? ServerRsaKey.fromPrivatePem(before.rsaPrivateKeyPem) : await ServerRsaKey.generateAsync());
    const emulator = (this.emulator = await startEmulator({ rsaKey }));
    if (before) {
      try {
        restoreLogins(emulator, before.logins);
      } catch (error) {
        saved.discard((error as Error).message);
      }
    }

    const env: NodeJS.ProcessEnv = {
      ...this.env,
      ...twinSettings(emulator, cacheDir),
    };
    delete env.TEST_DC_BOT_TOKENS;
    delete env.TEST_DC_BOT_USERNAMES;
    const inner = (this.inner = new TestDcBackend(env, this.log));
    inner.prepare();

    const { control } = emulator;
    control.limitLoginCodes(1, FLOOD_WINDOW_MS);
    const firstLogin = inner.hasBot() ? 1 : BOT_MAKER_SLOT;
    control.strangerRequestsLoginCode(inner.candidateNumbers({ index: firstLogin, firstName: '' })[0]!);
    control.protectWithPassword(inner.candidateNumbers({ index: 2, firstName: '' })[0]!);
    control.startStrangers({ everyMs: STRANGERS_EVERY_MS, max: STRANGER_MESSAGES });

    await inner.start();
    this.save();
  }

  async stop(): Promise<void> {
    await this.inner?.stop();
    if (this.inner && this.emulator) {
      this.save();
      this.log(faultsLine(workerIndex(this.env), this.inner, this.strangerMessages()));
    }
    this.inner = undefined;
    await this.emulator?.stop();
    this.emulator = undefined;
    if (this.temporaryCache) rmSync(this.temporaryCache, { recursive: true, force: true });
    this.temporaryCache = undefined;
  }

  async signIn(slot: PersonSlot): Promise<TelegramClient> {
    const inner = this.started();
    const freshLogins = inner.counts.loggedIn;
    const client = await inner.signIn(slot);
    // A new account must survive this run being killed: the cached session names it.
    if (inner.counts.loggedIn > freshLogins) this.save();
    this.emulator!.control.strangerWritesTo(Number((await client.getMe()).id.toString()));
    return client;
  }

  bot(): BotConnection {
    return this.started().bot();
  }

  /** Login codes this worker requested (for the bench). */
  get counts(): TestDcBackend['counts'] | undefined {
    return this.inner?.counts;
  }

  /** What the test DC's faults did to this worker (for tests). */
  get met(): TestDcBackend['met'] | undefined {
    return this.inner?.met;
  }

  /** Saves the twin's key and logins beside the cached sessions (not with TEST_DC_TWIN_FRESH: that cache goes at stop). */
  private save(): void {
    if (this.temporaryCache || !this.emulator || !this.rsaKey) return;
    this.saved!.write({ version: 1, rsaPrivateKeyPem: this.rsaKey.privateKeyPem, logins: saveLogins(this.emulator) });
  }

  /** Messages strangers wrote to this worker's people in this run. */
  private strangerMessages(): number {
    const { state } = this.emulator!;
    const strangers = new Set(state.listAccounts().filter((account) => Strangers.isStranger(account)).map((account) => account.id));
    return this.emulator!.control.snapshot().chats.filter((chat) => strangers.has(chat.peerId) && !strangers.has(chat.ownerId)).reduce((sum, chat) => sum + chat.messages, 0);
  }

  private started(): TestDcBackend {
    if (!this.inner) throw new Error('The test-DC twin is not running: start() the backend first (the BeforeAll hook does).');
    return this.inner;
  }
}

/** One line: each fault of the test DC, and whether this worker met it in this run. */
export function faultsLine(worker: number, backend: Pick<TestDcBackend, 'met' | 'counts' | 'settings'>, strangerMessages: number): string {
  const { met, counts } = backend;
  const fresh = counts.loggedIn;
  const locked = met.skipped.filter((reason) => reason.startsWith('SESSION_PASSWORD_NEEDED'));
  const parts = [
    `2FA-locked numbers skipped: ${locked.length}${locked.length ? ` (${[...new Set(locked)].join('; ')})` : ''}`,
    `FLOOD_WAIT waited out: ${met.floodWaits.length}${met.floodWaits.length ? ` (${met.floodWaits.map((s) => `${s} s`).join(', ')}; limit ${backend.settings.floodWaitLimitSeconds} s)` : fresh ? '' : ' (no login code requested)'}`,
    `stranger messages: ${strangerMessages}`,
    `fresh logins migrated from DC 2: ${met.migratedLogins} of ${fresh}${fresh ? '' : ' (every session resumed from the cache)'}`,
    `bot made through @BotFather: ${met.botMadeWithBotFather ? 'yes' : 'no (made on an earlier run, from the cache)'}`,
  ];
  return `test-dc-twin: worker ${worker} met ${parts.join(', ')}`;
}
