import type { IncomingMessage } from 'node:http';
import { badRequest, BotApiError, missingParameter } from './errors';
import { boundaryOf, type FormFile, MultipartError, parseMultipart } from './multipart';

export type { FormFile } from './multipart';

/** Bot uploads may be up to 50 MB; leave room for the multipart framing. */
export const MAX_BODY_BYTES = 52 * 1024 * 1024;

/** A file given to a method: uploaded in this request, a file_id, or a URL to fetch. */
export type InputFile =
  | { kind: 'upload'; file: FormFile }
  | { kind: 'file_id'; fileId: string }
  | { kind: 'url'; url: string };

/**
 * A method's parameters, however they arrived: JSON body, urlencoded body, query string or
 * multipart form. Values are JSON values (from a JSON body) or strings (from the rest); the
 * accessors accept both, as the real API does — `reply_markup` may be an object in JSON or a
 * JSON-serialized string in a form, `chat_id` a number or a numeric string.
 */
export class Params {
  constructor(
    private readonly values: Map<string, unknown>,
    private readonly files: Map<string, FormFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.values.get(name);
    return (value !== undefined && value !== null && value !== '') || this.files.has(name);
  }

  raw(name: string): unknown {
    return this.values.get(name);
  }

  string(name: string): string | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  /** A required string; `onMissing` gives the real API's wording for its absence. */
  requireString(name: string, onMissing: () => BotApiError = () => missingParameter(name)): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw onMissing();
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number)) throw badRequest(`field "${name}" must be of type Integer`);
    return number;
  }

  /**
   * An integer attribute read as Telegram's server reads it (Client::get_integer_arg):
   * `td::to_integer` takes an optional sign and the leading digits, so "12abc" is 12 and
   * "many" is 0; the result is clamped to [min, max]. Absent or empty: `fallback`. Never an error.
   */
  clampedInteger(name: string, min: number, max: number, fallback = 0): number {
    const value = this.values.get(name);
    if (value === undefined || value === null || value === '') return Math.min(Math.max(fallback, min), max);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const match = /^\s*(-?)(\d*)/.exec(text)!;
    const parsed = match[2] === '' ? 0 : Number(match[1] + match[2]);
    return Math.min(Math.max(Number.isFinite(parsed) ? parsed : 0, min), max);
  }

  requireInteger(name: string, onMissing: () => BotApiError = () => missingParameter(name)): number {
    const value = this.integer(name);
    if (value === undefined) throw onMissing();
    return value;
  }

  /**
   * A Boolean parameter, read as Telegram's server reads it: the value, trimmed and in any
   * case, is true when it is "true", "yes" or "1", and false otherwise — never an error, so a
   * library that sends "True" (Python's str(True)) works. A JSON body's non-string values
   * arrive as their JSON text (`true`, `1`), as the server keeps them. Absent or empty:
   * undefined, so a method can apply its default.
   *
   * Source: tdlib/telegram-bot-api, telegram-bot-api/Client.cpp `Client::to_bool`
   * (to_lower_inplace, trim, == "true" || "yes" || "1"); td/tdnet/td/net/HttpReader.cpp
   * `parse_json_parameters` keeps a non-string JSON value as its raw text. Booleans nested
   * inside a JSON object (reply_markup…) are strict there, and stay strict here.
   */
  boolean(name: string): boolean | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === '') return undefined;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return isTelegramTrue(text);
  }

  /**
   * A JSON-typed field (reply_markup, entities, media, commands, scope, allowed_updates): an
   * object in a JSON body, or a JSON-serialized string in a form or query string.
   * `unparsable` is the real API's description for a value that is not valid JSON.
   */
  json(name: string, unparsable: string = `can't parse ${name} JSON object`): unknown {
    const value = this.values.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(unparsable);
    }
  }

  /**
   * A file parameter: a part uploaded under this very name, `attach://<part>` naming an
   * uploaded part, an http(s) URL, or else a file_id.
   */
  inputFile(name: string, value: unknown = this.values.get(name)): InputFile | undefined {
    const direct = this.files.get(name);
    if (direct && (value === undefined || value === '')) return { kind: 'upload', file: direct };
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw badRequest(`field "${name}" must be of type String`);
    return this.resolveFileReference(value);
  }

  /** Resolves a string naming a file: `attach://part`, a URL, or a file_id. */
  resolveFileReference(value: string): InputFile {
    if (value.startsWith('attach://')) {
      const file = this.files.get(value.slice('attach://'.length));
      if (!file) throw badRequest(`can't parse InputMedia: media not found`);
      return { kind: 'upload', file };
    }
    if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
    return { kind: 'file_id', fileId: value };
  }
}

/** Telegram's reading of a Boolean parameter's text (see `Params.boolean`). */
export function isTelegramTrue(text: string): boolean {
  const value = text.trim().toLowerCase();
  return value === 'true' || value === 'yes' || value === '1';
}

/**
 * Reads a request's parameters: query string, then the body by its content type. Invalid
 * JSON or a broken multipart body is a 400 naming the problem; nothing is guessed.
 */
export async function readParams(request: IncomingMessage, url: URL): Promise<Params> {
  const values = new Map<string, unknown>();
  for (const [key, value] of url.searchParams) values.set(key, value);
  const body = await readBody(request);
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  if (body.length === 0) return new Params(values);

  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest("can't parse JSON object");
    for (const [key, value] of Object.entries(parsed)) values.set(key, value);
    return new Params(values);
  }
  if (contentType.startsWith('multipart/form-data')) {
    const boundary = boundaryOf(request.headers['content-type'] ?? '');
    if (!boundary) throw badRequest('multipart/form-data request has no boundary');
    try {
      const form = parseMultipart(body, boundary);
      for (const [key, value] of form.fields) values.set(key, value);
      return new Params(values, form.files);
    } catch (error) {
      if (error instanceof MultipartError) throw badRequest(`can't parse multipart/form-data: ${error.message}`);
      throw error;
    }
  }
  // application/x-www-form-urlencoded, and bodies sent without a content type.
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) values.set(key, value);
  return new Params(values);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, keep draining (so the answer can still be sent) but keep nothing.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => (size > MAX_BODY_BYTES ? reject(new BotApiError(413, 'Request Entity Too Large')) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}
