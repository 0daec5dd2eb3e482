/**
 * Opening PostgreSQL connections with errors a person can act on.
 *
 * `pg` reports a malformed URL as "Invalid URL" or a bare `ECONNREFUSED` from deep inside a
 * pool; whoever set DATABASE_URL needs to know which setting is wrong and what to do. Used by
 * the production entry point and by the acceptance suite's database support.
 */
import { Pool, type PoolConfig } from 'pg';

/** A setting holding a database URL is missing, malformed, or points at no reachable server. */
export class DatabaseSettingError extends Error {
  constructor(
    /** The setting's name, e.g. `DATABASE_URL`. */
    readonly setting: string,
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${setting}: ${message}. ${hint}`, options);
    this.name = 'DatabaseSettingError';
  }
}

const URL_SHAPE = 'postgres://user:password@host:5432/database';

/** The setting that bounds every wait on PostgreSQL: connecting (with the log-in), and each query's answer. */
export const DATABASE_TIMEOUT_SETTING = 'DATABASE_TIMEOUT_MS';
export const DEFAULT_DATABASE_TIMEOUT_MS = 10_000;

/**
 * Reads DATABASE_TIMEOUT_MS (default 10 s). A server that accepts connections but never answers
 * (a wrong port, a proxy with nothing behind it, a server stuck in recovery) would otherwise
 * hold every wait for as long as TCP keeps the connection open.
 */
export function databaseTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[DATABASE_TIMEOUT_SETTING]?.trim();
  if (!raw) return DEFAULT_DATABASE_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new DatabaseSettingError(DATABASE_TIMEOUT_SETTING, `is "${raw}"`, `Use a whole number of milliseconds, e.g. ${DEFAULT_DATABASE_TIMEOUT_MS}, or unset it for the default`);
  }
  return value;
}

/** Pool settings that bound every wait: connecting (TCP, start-up, log-in) and each query's answer. */
export function boundedWaits(timeoutMs: number): Pick<PoolConfig, 'connectionTimeoutMillis' | 'query_timeout'> {
  return { connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs };
}

/** Checks the shape of a PostgreSQL URL without connecting; throws {@link DatabaseSettingError}. */
export function parseDatabaseUrl(url: string | undefined, setting = 'DATABASE_URL'): URL {
  if (url === undefined || url.trim() === '') {
    throw new DatabaseSettingError(setting, 'is not set', `Set it to a PostgreSQL URL like ${URL_SHAPE}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    // The parser's error carries the raw URL in its `input` field: keep only a masked copy.
    throw new DatabaseSettingError(setting, `is not a URL (${redact(url)})`, `Expected the shape ${URL_SHAPE}`, { cause: maskedUrlError(cause, url) });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseSettingError(setting, `has the scheme "${parsed.protocol}" (${redact(url)})`, `Use postgres:// or postgresql://, e.g. ${URL_SHAPE}`);
  }
  if (parsed.hostname === '') {
    throw new DatabaseSettingError(setting, `names no host (${redact(url)})`, `Expected the shape ${URL_SHAPE}`);
  }
  return parsed;
}

/**
 * Opens a pool on `url` and proves the server answers (`SELECT 1`), so a wrong URL fails now,
 * with a clear message, and not at the first query of the first user. Every wait of the pool is
 * bounded (default {@link DEFAULT_DATABASE_TIMEOUT_MS}, or `config`'s own bounds): a server that
 * accepts the connection and then says nothing fails within that time, naming the setting.
 */
export async function openCheckedPool(
  url: string | undefined,
  config: PoolConfig = {},
  setting = 'DATABASE_URL',
  /** Added to the "cannot reach" hint, e.g. how this caller can do without the setting. */
  alternative?: string,
): Promise<Pool> {
  const parsed = parseDatabaseUrl(url, setting);
  const bounded = { ...boundedWaits(DEFAULT_DATABASE_TIMEOUT_MS), ...config };
  const pool = new Pool({ ...bounded, connectionString: url });
  pool.on('error', () => undefined); // an idle client lost its server; the next query reports it
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (cause) {
    await pool.end().catch(() => undefined);
    const where = `${parsed.hostname}:${parsed.port || 5432}`;
    const reason = cause instanceof Error ? cause.message || (cause as { code?: string }).code || cause.name : String(cause);
    const otherwise = alternative ? `; ${alternative}` : '';
    if (/timeout|timed out/i.test(reason)) {
      throw new DatabaseSettingError(
        setting,
        `PostgreSQL at ${where} did not answer within ${bounded.connectionTimeoutMillis} ms (${reason})`,
        `Check that ${setting} points at a PostgreSQL server that is up (not another service, not a proxy with nothing behind it), or raise ${DATABASE_TIMEOUT_SETTING}${otherwise}`,
        { cause },
      );
    }
    throw new DatabaseSettingError(setting, `cannot reach PostgreSQL at ${where} (${reason})`, `Start a server there or correct ${setting}${otherwise}`, { cause });
  }
}

/**
 * The password of a URL-like setting, found in the raw text so that it is found in a value no
 * URL parser accepts (a space in the host, an unescaped `@` or `/` in the password): whatever
 * follows `user:` up to the last `@`. Undefined when the value names no password.
 */
export function passwordInUrl(raw: string): string | undefined {
  const start = raw.indexOf('://') + 3; // 2 when there is no scheme: from the start
  const end = raw.lastIndexOf('@');
  if (end < 0) return undefined;
  const credentials = raw.slice(start > 2 ? start : 0, end);
  const colon = credentials.indexOf(':');
  if (colon < 0) return undefined;
  const password = credentials.slice(colon + 1);
  return password === '' ? undefined : password;
}

/**
 * The URL with its password masked, safe for error messages and logs, also when the URL is
 * malformed (see {@link passwordInUrl}); a libpq-style `password=…` is masked as well.
 */
export function redact(url: string): string {
  let masked = url;
  const password = passwordInUrl(url);
  if (password !== undefined) {
    const at = url.lastIndexOf('@');
    masked = `${url.slice(0, at - password.length)}***${url.slice(at)}`;
  }
  return masked.replace(/(\bpassword=)[^&\s]*/gi, '$1***');
}

/** A copy of a URL parser's error whose `input` (the raw setting) is masked. */
function maskedUrlError(cause: unknown, url: string): Error {
  const error = new TypeError(cause instanceof Error ? cause.message : String(cause));
  return Object.assign(error, { code: (cause as { code?: unknown } | undefined)?.code, input: redact(url) });
}
