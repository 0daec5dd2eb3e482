/**
 * The test-dc backend: Telegram's real test data centre, through GramJS as its users connect
 * to it. Its settings are read (and checked) when it is made: see test-dc/settings.ts. The
 * pieces live in test-dc/: the servers' addresses (addresses.ts) and how GramJS dials them
 * (connection.ts), the test numbers (numbers.ts), logging a person in with number skipping and
 * FLOOD_WAIT (log-in.ts, flood-wait.ts), the cache of sessions and bots between runs
 * (session-cache.ts), and the worker's bot made through @BotFather (botfather.ts,
 * botfather-reply.ts).
 *
 * Per worker: start() opens the cache, takes the machine's number block, and gets the bot
 * (TEST_DC_BOT_TOKENS, else the one this worker made on an earlier run, else a new one from
 * @BotFather, asked by the worker's first person). signIn() logs people in on their numbers,
 * resuming cached sessions. stop() closes every client, releases the number locks, and prints
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
import { trustServerKey } from './test-dc/connection';
import { logInPerson, type LogInContext } from './test-dc/log-in';
import { candidateNumbers, randomBlock } from './test-dc/numbers';
import { SessionCache, type CachedBot } from './test-dc/session-cache';
import { readTestDcSettings, type TestDcSettings } from './test-dc/settings';

export { readTestDcSettings, type TestDcSettings } from './test-dc/settings';

/** The person slot that talks to @BotFather: the last of the worker's span, never a scenario person's. */
export const BOT_MAKER_SLOT = 100;

export class TestDcBackend implements Backend {
  readonly name = 'test-dc' as const;
  /** Read when the backend is made, so a missing setting fails before anything starts. */
  readonly settings: TestDcSettings;
  private cache?: SessionCache;
  private block = 0;
  private botConnection?: BotConnection;
  private readonly clients = new Set<TelegramClient>();
  /** What this worker did, for the closing line and the bench. */
  readonly counts = { codesRequested: 0, resumed: 0, loggedIn: 0 };

  constructor(env: NodeJS.ProcessEnv = process.env, private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
    this.settings = readTestDcSettings(env);
    registerSecret(this.settings.apiHash);
    if (this.settings.bot) registerSecret(this.settings.bot.token);
  }

  async start(): Promise<void> {
    const { rsaPublicKeyPem, cacheDir, worker } = this.settings;
    if (rsaPublicKeyPem) trustServerKey(rsaPublicKeyPem);
    this.cache = new SessionCache(join(cacheDir, serversKey(rsaPublicKeyPem)), this.log);
    this.block = this.cache.machineBlock(randomBlock);
    const bot = this.settings.bot ?? this.cache.readBot(`w${worker}`) ?? (await this.makeBot());
    registerSecret(bot.token);
    this.botConnection = { token: bot.token, username: bot.username, environment: 'test', ...(this.settings.botApiRoot ? { apiRoot: this.settings.botApiRoot } : {}) };
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

  async signIn(slot: PersonSlot): Promise<TelegramClient> {
    const person = await logInPerson(this.context(), slot.firstName, this.candidateNumbers(slot));
    this.clients.add(person.client);
    if (person.resumed) this.counts.resumed++;
    else this.counts.loggedIn++;
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
