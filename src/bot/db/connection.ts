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
 * with a clear message, and not at the first query of the first user.
 */
export async function openCheckedPool(
  url: string | undefined,
  config: PoolConfig = {},
  setting = 'DATABASE_URL',
  /** Added to the "cannot reach" hint, e.g. how this caller can do without the setting. */
  alternative?: string,
): Promise<Pool> {
  const parsed = parseDatabaseUrl(url, setting);
  const pool = new Pool({ ...config, connectionString: url });
  pool.on('error', () => undefined); // an idle client lost its server; the next query reports it
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (cause) {
    await pool.end().catch(() => undefined);
    const where = `${parsed.hostname}:${parsed.port || 5432}`;
    const reason = cause instanceof Error ? cause.message || (cause as { code?: string }).code || cause.name : String(cause);
    throw new DatabaseSettingError(
      setting,
      `cannot reach PostgreSQL at ${where} (${reason})`,
      `Start a server there or correct ${setting}${alternative ? `; ${alternative}` : ''}`,
      { cause },
    );
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
