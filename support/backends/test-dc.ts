/**
 * The test-dc backend: Telegram's real test data centre. Shaped now so the rest of the suite
 * cannot grow assumptions that only the embedded Telegram satisfies; the implementation
 * (connecting GramJS to the test DC, skipping numbers with a stranger's 2FA, FLOOD_WAIT
 * back-off) is the follow-up issue.
 *
 * Settings (all required):
 * - `TELEGRAM_API_ID`, `TELEGRAM_API_HASH`: from https://my.telegram.org (any app's).
 * - `TEST_DC_BOT_TOKENS`: comma-separated tokens of bots made with the test DC's @BotFather,
 *   at least one per parallel worker (worker N uses the N-th): one long-polling consumer per token.
 * - `TEST_DC_BOT_USERNAMES`: their usernames, in the same order.
 * - `TEST_DC_ID` (optional, default 2): the test DC whose numbers (99966 X YYYY) we use.
 *
 * Left for the implementation: parallel workers share the test DC, so `signIn` must give each
 * worker its own numbers (e.g. YYYY from the worker index and the person's slot), skip numbers
 * that answer SESSION_PASSWORD_NEEDED (`PasswordProtectedNumberError` in login.ts), back off on
 * FLOOD_WAIT_X, and keep sessions between runs outside the repository (never commit them).
 * Telegram recompresses photos there, so `support/actors/fixtures.ts` needs a perceptual fingerprint.
 */
import type { TelegramClient } from 'telegram';
import { ConfigurationError, workerIndex, type Backend, type BotConnection, type PersonSlot } from './backend';

export interface TestDcSettings {
  readonly apiId: number;
  readonly apiHash: string;
  readonly dcId: number;
  readonly bot: BotConnection;
}

/** Reads and checks the settings, naming any missing or malformed one. */
export function readTestDcSettings(env: NodeJS.ProcessEnv = process.env, worker = workerIndex(env)): TestDcSettings {
  const apiId = Number(env.TELEGRAM_API_ID);
  if (!env.TELEGRAM_API_ID || !Number.isInteger(apiId) || apiId <= 0) {
    throw new ConfigurationError('TELEGRAM_API_ID', env.TELEGRAM_API_ID ? `is not a number ("${env.TELEGRAM_API_ID}")` : 'is not set', 'The test-dc backend needs your API id from https://my.telegram.org, or run on the embedded backend (the default profile, TELEGRAM_BACKEND unset)');
  }
  if (!env.TELEGRAM_API_HASH) {
    throw new ConfigurationError('TELEGRAM_API_HASH', 'is not set', 'The test-dc backend needs your API hash from https://my.telegram.org');
  }
  const tokens = (env.TEST_DC_BOT_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const usernames = (env.TEST_DC_BOT_USERNAMES ?? '').split(',').map((u) => u.trim().replace(/^@/, '')).filter(Boolean);
  if (tokens.length <= worker) {
    throw new ConfigurationError('TEST_DC_BOT_TOKENS', `has ${tokens.length} token(s) but worker ${worker} needs the ${worker + 1}th`, 'Create one bot per parallel worker with the test DC\'s @BotFather and list their tokens, comma-separated');
  }
  if (usernames.length !== tokens.length) {
    throw new ConfigurationError('TEST_DC_BOT_USERNAMES', `lists ${usernames.length} username(s) for ${tokens.length} token(s)`, 'List the bots\' usernames in the same order as TEST_DC_BOT_TOKENS');
  }
  const dcId = Number(env.TEST_DC_ID ?? '2');
  if (![1, 2, 3].includes(dcId)) throw new ConfigurationError('TEST_DC_ID', `is "${env.TEST_DC_ID}"`, 'Use 1, 2 or 3');
  return { apiId, apiHash: env.TELEGRAM_API_HASH, dcId, bot: { token: tokens[worker]!, username: usernames[worker]!, environment: 'test' } };
}

export class TestDcBackend implements Backend {
  readonly name = 'test-dc' as const;
  /** Read when the backend is made, so a missing setting fails before anything starts. */
  private readonly settings: TestDcSettings;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.settings = readTestDcSettings(env);
  }

  async start(): Promise<void> {
    throw new Error('The test-dc backend is not implemented yet; run on the embedded backend: unset TELEGRAM_BACKEND or use the default profile.');
  }

  async stop(): Promise<void> {
    // nothing opened yet
  }

  async signIn(_slot: PersonSlot): Promise<TelegramClient> {
    throw new Error('The test-dc backend is not implemented yet');
  }

  bot(): BotConnection {
    return this.settings.bot;
  }
}
