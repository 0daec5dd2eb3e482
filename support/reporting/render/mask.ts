/**
 * Masks secrets in anything the reports write: bot tokens, API hashes, session strings and
 * phone numbers. Reports are read by people who never run the suite and are often published
 * as CI artifacts, so every string that reaches a report or a log passes through here.
 *
 * Two kinds of rule apply. Patterns catch secrets by shape even when nobody registered them
 * (a token pasted into an error message); literal values catch secrets whose shape is not
 * distinctive (an API hash read from the environment, a real account's phone number).
 *
 * Every replacement is plain ASCII without quotes or backslashes, so masking the text of a
 * JSON or XML document keeps the document well-formed.
 */

import { passwordInUrl } from '../../../src/bot/db/connection';

/** What a masked secret is replaced with; says what kind of secret stood there. */
export const MASKS = {
  botToken: '[masked bot token]',
  apiHash: '[masked api hash]',
  session: '[masked session]',
  phone: '[masked phone]',
  secret: '[masked secret]',
} as const;

const SHAPES: ReadonlyArray<{ pattern: RegExp; mask: string }> = [
  // A Bot API token: the bot's numeric id, a colon, 35 url-safe base64 characters. It often sits
  // inside a URL (`/bot123:ABC.../getMe`), so the left edge is "not a digit", not a word boundary.
  { pattern: /(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}/g, mask: MASKS.botToken },
  // A GramJS StringSession: version "1" then the base64 of dc, address, port and a 256-byte key.
  // The left edge excludes base64 characters so the middle of an embedded image never matches.
  { pattern: /(?<![A-Za-z0-9+/=])1[A-Za-z0-9+/]{300,}={0,2}/g, mask: MASKS.session },
  // An MTProto api_hash: 32 lowercase hex digits standing alone.
  { pattern: /(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])/g, mask: MASKS.apiHash },
  // An international phone number: a plus, then 7 to 15 digits, possibly grouped by spaces,
  // dashes or parentheses. The plus must not continue a base64 run.
  { pattern: /(?<![A-Za-z0-9+/])\+\d(?:[ ()-]?\d){6,14}(?![0-9A-Za-z])/g, mask: MASKS.phone },
  // The password of a URL (`postgres://user:password@host`), up to the last `@` of the URL: a
  // password may hold an unescaped `@`. Quotes, brackets and backslashes end a URL, so masking
  // JSON or XML text never eats the syntax around it.
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\/:@]*:)[^\s"'<>\\]*@/gi, mask: `$1${MASKS.secret}@` },
  // A phone-ish key in structured text: `phone: 9996612345`, `"phoneNumber":"9996612345"`.
  {
    pattern: /((?:phone|phone_number|phoneNumber)["']?\s*[:=]\s*["']?)\+?\d{7,15}(?!\d)/gi,
    mask: `$1${MASKS.phone}`,
  },
];

/** Environment variables whose values are secrets whatever their shape. */
const SECRET_ENV_NAME = /(TOKEN|HASH|SECRET|SESSION|PASSWORD|PHONE|API_ID|DATABASE_URL)/i;

/** Literal values shorter than this are not masked: "1" or "test" would shred every report. */
const MIN_LITERAL_LENGTH = 6;

const literals = new Set<string>();

/**
 * Registers a value to mask wherever it appears, e.g. a real account's phone number or an API
 * hash the backend adapter read from its configuration. Short values are ignored (see above).
 */
export function registerSecret(value: string | number | undefined | null): void {
  if (value === undefined || value === null) return;
  const text = String(value).trim();
  if (text.length >= MIN_LITERAL_LENGTH) literals.add(text);
}

/**
 * Registers every secret-looking variable of `env` (by name) as a literal secret, and the
 * password of every URL-like value (DATABASE_URL's above all), read from the raw setting so that
 * a URL no parser accepts is masked too. A URL setting registers its password, not the whole
 * URL: the host stays readable in diagnostics.
 */
export function registerSecretsFromEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const secretName = SECRET_ENV_NAME.test(name);
    const password = secretName || value.includes('://') ? passwordInUrl(value) : undefined;
    if (password !== undefined) registerUrlPassword(value, password);
    else if (secretName && !value.includes('://')) registerSecret(value); // a URL without a password is no secret
  }
}

/**
 * The password as written and decoded, and the whole `user:password` part: a password too short
 * to mask alone (`pw`) is still masked wherever the URL appears.
 */
function registerUrlPassword(url: string, password: string): void {
  registerSecret(password);
  try {
    registerSecret(decodeURIComponent(password));
  } catch {
    // not percent-encoded
  }
  const afterScheme = url.indexOf('://');
  registerSecret(url.slice(afterScheme < 0 ? 0 : afterScheme + 3, url.lastIndexOf('@')));
}

/** Forgets registered literals; for tests. */
export function clearRegisteredSecrets(): void {
  literals.clear();
}

/** An inlined file (`data:image/jpeg;base64,...`): bytes, not text, so never masked. */
const DATA_URI = /data:[\w.+-]+\/[\w.+-]+;base64,[A-Za-z0-9+/]+=*/g;

/**
 * Returns `text` with every secret replaced by a label naming its kind. Inlined `data:` URIs
 * (photos inside a conversation rendering) are skipped: they are image bytes, and running text
 * patterns over base64 could corrupt them.
 */
export function maskSecrets(text: string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(DATA_URI)) {
    result += maskPlainText(text.slice(last, match.index)) + match[0];
    last = (match.index ?? 0) + match[0].length;
  }
  return result + maskPlainText(text.slice(last));
}

function maskPlainText(text: string): string {
  let masked = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const literal of [...literals].sort((a, b) => b.length - a.length)) {
    masked = masked.split(literal).join(MASKS.secret);
  }
  for (const { pattern, mask } of SHAPES) masked = masked.replace(pattern, mask);
  return masked;
}

/** Media types whose base64 bodies are text and must be masked too. Raster images are not. */
function isTextual(mediaType: string): boolean {
  return /^text\/|^application\/(json|xml)|\+xml$|\+json$/.test(mediaType);
}

/**
 * Masks every string inside a JSON value. A base64-encoded textual attachment body (cucumber's
 * `{ body, contentEncoding: 'BASE64', mediaType }`) is decoded, masked and re-encoded; a binary
 * body is left untouched, since running text patterns over base64 could corrupt an image.
 */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const base64Body = record.contentEncoding === 'BASE64' && typeof record.body === 'string';
  for (const [key, item] of Object.entries(record)) {
    if (key === 'body' && base64Body) {
      const mediaType = String(record.mediaType ?? '');
      out.body = isTextual(mediaType)
        ? Buffer.from(maskSecrets(Buffer.from(item as string, 'base64').toString('utf8'))).toString('base64')
        : item;
    } else {
      out[key] = maskDeep(item);
    }
  }
  return out as T;
}
