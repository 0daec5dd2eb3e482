import { databaseTimeoutMs, DatabaseSettingError, parseDatabaseUrl } from './db/connection';

/** How the production entry point is configured: environment variables only. */
export interface Settings {
  readonly token: string;
  readonly databaseUrl: string;
  readonly environment: 'prod' | 'test';
  readonly apiRoot?: string;
  /** DATABASE_TIMEOUT_MS: the bound of every wait on PostgreSQL (connecting, each query). */
  readonly databaseTimeoutMs: number;
  /** BOT_API_TIMEOUT_MS: how long start-up waits for the Bot API's first answer (getMe), retries included. */
  readonly botApiTimeoutMs: number;
}

export const DEFAULT_BOT_API_TIMEOUT_MS = 10_000;

/** One or more settings are missing or wrong; the message lists each with its fix. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

const TOKEN_SHAPE = /^\d+:[A-Za-z0-9_-]{20,}$/;

/**
 * Reads BOT_TOKEN, DATABASE_URL, TELEGRAM_ENV (`test` for Telegram's test DC; default
 * production), BOT_API_ROOT (optional, e.g. a local Bot API server), and the bounds of start-up's
 * waits, DATABASE_TIMEOUT_MS and BOT_API_TIMEOUT_MS (10 s each by default). Reports every
 * problem at once, so one run tells the operator everything to fix.
 */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const token = env.BOT_TOKEN?.trim() ?? '';
  if (token === '') problems.push('BOT_TOKEN is not set: set it to the token @BotFather gave you (the test DC\'s @BotFather when TELEGRAM_ENV=test).');
  else if (!TOKEN_SHAPE.test(token)) problems.push('BOT_TOKEN does not look like a bot token (expected 123456:ABC-…): copy it again from @BotFather.');

  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  try {
    parseDatabaseUrl(databaseUrl, 'DATABASE_URL');
  } catch (error) {
    if (!(error instanceof DatabaseSettingError)) throw error;
    problems.push(error.message);
  }

  const environment = env.TELEGRAM_ENV?.trim() || 'prod';
  if (environment !== 'prod' && environment !== 'test') {
    problems.push(`TELEGRAM_ENV is "${environment}": use "test" for Telegram's test DC, or leave it unset for production.`);
  }

  let apiRoot = env.BOT_API_ROOT?.trim() || undefined;
  if (apiRoot !== undefined) {
    apiRoot = apiRoot.replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/.test(apiRoot)) problems.push(`BOT_API_ROOT is "${apiRoot}": use a URL like http://127.0.0.1:8081, or leave it unset for api.telegram.org.`);
  }

  let dbTimeoutMs = 0;
  try {
    dbTimeoutMs = databaseTimeoutMs(env);
  } catch (error) {
    if (!(error instanceof DatabaseSettingError)) throw error;
    problems.push(error.message);
  }

  const rawApiTimeout = env.BOT_API_TIMEOUT_MS?.trim();
  const botApiTimeoutMs = rawApiTimeout ? Number(rawApiTimeout) : DEFAULT_BOT_API_TIMEOUT_MS;
  if (!Number.isInteger(botApiTimeoutMs) || botApiTimeoutMs <= 0) {
    problems.push(`BOT_API_TIMEOUT_MS is "${rawApiTimeout}": use a whole number of milliseconds, e.g. ${DEFAULT_BOT_API_TIMEOUT_MS}, or unset it for the default.`);
  }

  if (problems.length > 0) throw new SettingsError(problems);
  return { token, databaseUrl, environment: environment as 'prod' | 'test', apiRoot, databaseTimeoutMs: dbTimeoutMs, botApiTimeoutMs };
}
