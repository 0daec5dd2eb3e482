/**
 * The test-dc backend's settings, read and checked before anything starts, so a missing or
 * malformed one stops the run with its name and the fix instead of failing a scenario later.
 *
 * - `TELEGRAM_API_ID`, `TELEGRAM_API_HASH` (required): from https://my.telegram.org → API
 *   development tools. The id is a positive integer, the hash 32 hexadecimal digits.
 * - `TEST_DC_BOT_TOKENS`, `TEST_DC_BOT_USERNAMES` (optional, together): bots made beforehand,
 *   one per parallel worker. Unset: each worker makes its own bot through @BotFather and caches it.
 * - `TEST_DC_CACHE_DIR` (optional): where sessions, bots and the machine's number block are kept
 *   between runs. Default: `$XDG_CACHE_HOME/family-album-acceptance`, else `~/.cache/family-album-acceptance`.
 * - `TEST_DC_FLOOD_WAIT_LIMIT_S` (optional, default 60): a FLOOD_WAIT up to this is waited out.
 * - `TEST_DC_NUMBER_TRIES` (optional, default 10): numbers tried per person before giving up.
 * - For a test-DC twin or a proxy only: `TEST_DC_ADDRESSES` (see addresses.ts), `TEST_DC_RSA_KEY`
 *   (the servers' RSA public key, a PEM or a path to one) and `TEST_DC_BOT_API_ROOT` (the Bot API
 *   in front of them). Unset: Telegram's test servers and https://api.telegram.org.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, workerIndex } from '../backend';
import { parseDcAddresses, type DcAddress } from './addresses';

export interface TestDcSettings {
  readonly apiId: number;
  readonly apiHash: string;
  /** Bots given by TEST_DC_BOT_TOKENS for this worker; undefined: make one through @BotFather. */
  readonly bot?: { readonly token: string; readonly username: string };
  readonly cacheDir: string;
  readonly floodWaitLimitSeconds: number;
  readonly numberTries: number;
  readonly addresses: readonly DcAddress[];
  /** A PEM; undefined: GramJS's built-in keys. */
  readonly rsaPublicKeyPem?: string;
  /** undefined: https://api.telegram.org (GramJS/grammY's default). */
  readonly botApiRoot?: string;
  readonly worker: number;
}

const MY_TELEGRAM = 'Get them at https://my.telegram.org → API development tools, or run on the embedded backend (the default profile)';

export function readTestDcSettings(env: NodeJS.ProcessEnv = process.env, worker = workerIndex(env)): TestDcSettings {
  const rawId = env.TELEGRAM_API_ID?.trim();
  const apiId = Number(rawId);
  if (!rawId) throw new ConfigurationError('TELEGRAM_API_ID', 'is not set', `The test-dc backend needs your API id. ${MY_TELEGRAM}`);
  if (!/^\d+$/.test(rawId) || !Number.isSafeInteger(apiId) || apiId <= 0) {
    throw new ConfigurationError('TELEGRAM_API_ID', `is not a number ("${rawId}")`, `It is the integer "App api_id". ${MY_TELEGRAM}`);
  }
  const apiHash = env.TELEGRAM_API_HASH?.trim();
  if (!apiHash) throw new ConfigurationError('TELEGRAM_API_HASH', 'is not set', `The test-dc backend needs your API hash. ${MY_TELEGRAM}`);
  // The hash is never echoed: only what is wrong with it.
  if (!/^[0-9a-f]{32}$/i.test(apiHash)) {
    throw new ConfigurationError('TELEGRAM_API_HASH', `is not 32 hexadecimal digits (it has ${apiHash.length} characters)`, `Copy "App api_hash" exactly. ${MY_TELEGRAM}`);
  }
  return {
    apiId,
    apiHash,
    bot: readBot(env, worker),
    cacheDir: env.TEST_DC_CACHE_DIR?.trim() || defaultCacheDir(env),
    floodWaitLimitSeconds: positiveInteger(env, 'TEST_DC_FLOOD_WAIT_LIMIT_S', 60, 'seconds'),
    numberTries: positiveInteger(env, 'TEST_DC_NUMBER_TRIES', 10, 'numbers', 10),
    addresses: parseDcAddresses(env.TEST_DC_ADDRESSES),
    rsaPublicKeyPem: readRsaKey(env.TEST_DC_RSA_KEY),
    botApiRoot: env.TEST_DC_BOT_API_ROOT?.trim() || undefined,
    worker,
  };
}

/** `$XDG_CACHE_HOME/family-album-acceptance`, else `~/.cache/family-album-acceptance` (XDG Base Directory spec). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.cache');
  return join(base, 'family-album-acceptance');
}

function readBot(env: NodeJS.ProcessEnv, worker: number): TestDcSettings['bot'] {
  const tokens = (env.TEST_DC_BOT_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const usernames = (env.TEST_DC_BOT_USERNAMES ?? '').split(',').map((u) => u.trim().replace(/^@/, '')).filter(Boolean);
  if (tokens.length === 0 && usernames.length === 0) return undefined;
  if (usernames.length !== tokens.length) {
    throw new ConfigurationError('TEST_DC_BOT_USERNAMES', `lists ${usernames.length} username(s) for ${tokens.length} token(s)`, "List the bots' usernames in the same order as TEST_DC_BOT_TOKENS (or unset both: each worker then makes its own bot)");
  }
  if (tokens.length <= worker) {
    throw new ConfigurationError('TEST_DC_BOT_TOKENS', `has ${tokens.length} token(s) but worker ${worker} needs the ${worker + 1}th`, "Create one bot per parallel worker with the test DC's @BotFather and list their tokens, comma-separated (or unset it: each worker then makes its own bot)");
  }
  return { token: tokens[worker]!, username: usernames[worker]! };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, unit: string, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) {
    throw new ConfigurationError(name, `is "${raw}"`, `Use a whole number of ${unit} from 1${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, or unset it for ${fallback}`);
  }
  return value;
}

/** TEST_DC_RSA_KEY: the PEM itself, or a path to a file holding it. */
function readRsaKey(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  try {
    const pem = readFileSync(value, 'utf8');
    if (!pem.includes('-----BEGIN')) throw new Error('no PEM block');
    return pem;
  } catch (error) {
    throw new ConfigurationError('TEST_DC_RSA_KEY', `is neither a PEM nor a readable PEM file ("${value}": ${(error as Error).message})`, 'It is for a test-DC twin or a proxy: give the servers\' RSA public key, or unset it for Telegram\'s test DC');
  }
}
