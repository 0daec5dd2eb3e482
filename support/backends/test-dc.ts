/**
 * The test-dc backend: Telegram's real test data centre, through GramJS as its users connect
 * to it. Its settings are read (and checked) when it is made: see test-dc/settings.ts. The
 * pieces live in test-dc/: the servers' addresses (addresses.ts) and how GramJS dials them
 * (connection.ts), the test numbers (numbers.ts), logging a person in with number skipping and
 * FLOOD_WAIT (log-in.ts, flood-wait.ts), the cache of sessions and bots between runs
 * (session-cache.ts), and the worker's bot made through @BotFather (botfather.ts,
 * botfather-reply.ts).
 *
 * Per worker: start() opens the cache, takes the machine's number block, gets the bot
 * (TEST_DC_BOT_TOKENS, else the one this worker made on an earlier run, else a new one from
 * @BotFather, asked by the worker's bot maker), and logs the first person in, so that what
 * Telegram answers to a worker's first logins (a FLOOD_WAIT above the limit, API_ID_INVALID, no
 * free number) stops the run before any scenario. signIn() logs people in on their numbers,
 * resuming cached sessions; after a FLOOD_WAIT above the limit it asks for no more codes. stop() closes every client, releases the number locks, and prints
 * how many login codes the worker requested: 0 once everything is cached.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { TelegramClient } from 'telegram';
import { registerSecret } from '../reporting/render/mask';
import { defaultSettleTimeoutMs } from '../settle';
import type { Backend, BotConnection, PersonSlot } from './backend';
import { closeClient } from './close-client';
import { homeDcOfPerson } from './embedded';
import { makeBotWithBotFather } from './test-dc/botfather';
import { FIRST_DC, trustServerKey } from './test-dc/connection';
import { FloodWaitTooLongError } from './test-dc/flood-wait';
import { logInPerson, type LogInContext } from './test-dc/log-in';
import { candidateNumbers, randomBlock } from './test-dc/numbers';
import { SessionCache, type CachedBot } from './test-dc/session-cache';
import { readTestDcSettings, type TestDcSettings } from './test-dc/settings';

export { readTestDcSettings, type TestDcSettings } from './test-dc/settings';

/** The person slot that talks to @BotFather: the last of the worker's span, never a scenario person's. */
export const BOT_MAKER_SLOT = 100;

/**
 * The person logged in (or resumed) at start, before any scenario: slot 1, the cast's first
 * usual name (support/actors/cast.ts), in nearly every feature. A FLOOD_WAIT above the limit on
 * the worker's first login then stops the run in BeforeAll, before any scenario.
 */
export const FIRST_PERSON: PersonSlot = { index: 1, firstName: 'Alice' };

export class TestDcBackend implements Backend {
  readonly name = 'test-dc' as const;
  /** Read when the backend is made, so a missing setting fails before anything starts. */
  readonly settings: TestDcSettings;
  private cache?: SessionCache;
  private block = 0;
  private botConnection?: BotConnection;
  private readonly clients = new Set<TelegramClient>();
  /** The FLOOD_WAIT above the limit that stopped this run's logins, if one did. */
  private floodStop?: FloodWaitTooLongError;
  /** What this worker did, for the closing line and the bench. */
  readonly counts = { codesRequested: 0, resumed: 0, loggedIn: 0 };
  /**
   * What the test DC did to this worker, for a twin's summary of its faults: numbers skipped
   * (and why), FLOOD_WAITs waited out (their seconds), fresh logins that moved off the first DC
   * (PHONE_MIGRATE_X), and whether the bot was made through @BotFather in this run.
   */
  readonly met = { skipped: [] as string[], floodWaits: [] as number[], migratedLogins: 0, botMadeWithBotFather: false };

  constructor(env: NodeJS.ProcessEnv = process.env, private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
    this.settings = readTestDcSettings(env);
    registerSecret(this.settings.apiHash);
    if (this.settings.bot) registerSecret(this.settings.bot.token);
  }

  /**
   * Opens the cache and takes the machine's number block (start() does it first): after it,
   * candidateNumbers() and hasCachedBot() answer. Idempotent.
   */
  prepare(): void {
    if (this.cache) return;
    const { rsaPublicKeyPem, cacheDir } = this.settings;
    if (rsaPublicKeyPem) trustServerKey(rsaPublicKeyPem);
    this.cache = new SessionCache(join(cacheDir, serversKey(rsaPublicKeyPem)), this.log);
    this.block = this.cache.machineBlock(randomBlock);
  }

  /** True when start() will not talk to @BotFather: a bot is given (TEST_DC_BOT_TOKENS) or cached. After prepare(). */
  hasBot(): boolean {
    return Boolean(this.settings.bot ?? this.cache?.readBot(`w${this.settings.worker}`));
  }

  async start(): Promise<void> {
    this.prepare();
    const { worker } = this.settings;
    const bot = this.settings.bot ?? this.cache!.readBot(`w${worker}`) ?? (await this.makeBot());
    registerSecret(bot.token);
    this.botConnection = { token: bot.token, username: bot.username, environment: 'test', ...(this.settings.botApiRoot ? { apiRoot: this.settings.botApiRoot } : {}) };
    // The first person's login now, so Telegram's answer to it (a FLOOD_WAIT above the limit,
    // API_ID_INVALID, no free number) stops the run before any scenario; their scenario then
    // resumes the session saved here (no second code).
    const first = await this.signIn(FIRST_PERSON);
    this.clients.delete(first);
    await closeClient(first);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.clients].map(closeClient));
    this.clients.clear();
    if (this.cache) {
      this.cache.releaseAll();
      const { codesRequested, resumed, loggedIn } = this.counts;
      this.log(`test-dc: worker ${this.settings.worker} requested ${codesRequested} login code${codesRequested === 1 ? '' : 's'} (${resumed} of ${resumed + loggedIn} logins resumed a cached session in ${this.cache.dir})`);
      this.cache = undefined;
    }
  }

  /** The numbers the person in `slot` tries, in order (after start(): they depend on the machine's block). */
  candidateNumbers(slot: PersonSlot): string[] {
    return candidateNumbers({ block: this.block, worker: this.settings.worker, slot: slot.index, dc: homeDcOfPerson(slot), tries: this.settings.numberTries });
  }

  /**
   * Logs the person in. After a FLOOD_WAIT above the limit, every later login of this run fails
   * at once with the same error, asking Telegram for nothing more (each code asked for would
   * lengthen the wait).
   */
  async signIn(slot: PersonSlot): Promise<TelegramClient> {
    if (this.floodStop) throw this.floodStop;
    let person: Awaited<ReturnType<typeof logInPerson>>;
    try {
      person = await logInPerson(this.context(), slot.firstName, this.candidateNumbers(slot));
    } catch (error) {
      if (error instanceof FloodWaitTooLongError && !this.floodStop) {
        this.floodStop = error;
        this.log(`test-dc: worker ${this.settings.worker} asks for no more login codes in this run: ${error.message}`);
      }
      throw error;
    }
    this.clients.add(person.client);
    if (person.resumed) this.counts.resumed++;
    else this.counts.loggedIn++;
    if (!person.resumed && person.client.session.dcId !== FIRST_DC) this.met.migratedLogins++;
    return person.client;
  }

  bot(): BotConnection {
    if (!this.botConnection) throw new Error('The test-dc backend has not started: start() it first (the BeforeAll hook does).');
    return this.botConnection;
  }

  /** The worker's first person asks @BotFather for a bot; it is cached for the next runs. */
  private async makeBot(): Promise<CachedBot> {
    this.log(`test-dc: worker ${this.settings.worker} has no bot yet (TEST_DC_BOT_TOKENS is unset): asking @BotFather for one`);
    const client = await this.signIn({ index: BOT_MAKER_SLOT, firstName: 'Family Album maker' });
    try {
      const bot = await makeBotWithBotFather(client, { worker: this.settings.worker, timeoutMs: defaultSettleTimeoutMs() });
      this.cache!.writeBot(`w${this.settings.worker}`, bot);
      this.met.botMadeWithBotFather = true;
      return bot;
    } finally {
      this.clients.delete(client);
      await closeClient(client);
    }
  }

  private context(): LogInContext {
    if (!this.cache) throw new Error('The test-dc backend has not started: start() it first (the BeforeAll hook does).');
    return {
      apiId: this.settings.apiId,
      apiHash: this.settings.apiHash,
      addresses: this.settings.addresses,
      cache: this.cache,
      floodWaitLimitSeconds: this.settings.floodWaitLimitSeconds,
      log: this.log,
      onCodeRequested: () => this.counts.codesRequested++,
      onSkip: (_phone, reason) => this.met.skipped.push(reason),
      onFloodWait: (seconds) => this.met.floodWaits.push(seconds),
    };
  }
}

/**
 * Sessions are only good on the servers that made them: Telegram's test DC, or one twin (told
 * apart by its RSA key), each gets its own folder of the cache.
 */
function serversKey(rsaPublicKeyPem: string | undefined): string {
  if (!rsaPublicKeyPem) return 'telegram-test-dc';
  return `servers-${createHash('sha256').update(rsaPublicKeyPem.trim()).digest('hex').slice(0, 12)}`;
}
