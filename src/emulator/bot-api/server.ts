import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Account, TelegramState } from '../state';
import { BotApiError, NOT_FOUND, toBotApiError, UNAUTHORIZED } from './errors';
import { fileAtPath } from './file-ids';
import { findMethod } from './methods';
import { readParams } from './params';
import { UpdateHub } from './updates';

export interface BotApiServerOptions {
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** 0 (the default) lets the OS choose. */
  port?: number;
  state: TelegramState;
  /** Where unexpected failures (answered 500) are reported; stderr by default. */
  logError?: (message: string, error: unknown) => void;
  /**
   * A request whose headers and body have not all arrived this long after it began is answered
   * 408 and its connection closed; a kept-alive connection idle between requests is closed after
   * this long too (default {@link DEFAULT_HTTP_TIMEOUT_MS}).
   */
  requestTimeoutMs?: number;
}

/** Default for {@link BotApiServerOptions.requestTimeoutMs}: Node's own headers timeout. */
export const DEFAULT_HTTP_TIMEOUT_MS = 60_000;
/** Bounds of the HTTP timeout setting. */
export const MIN_HTTP_TIMEOUT_MS = 1;
export const MAX_HTTP_TIMEOUT_MS = 3_600_000;

/** Checks an HTTP timeout setting; throws a message naming the bounds. */
export function checkHttpTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_HTTP_TIMEOUT_MS || ms > MAX_HTTP_TIMEOUT_MS) {
    throw new RangeError(`an HTTP request timeout is ${MIN_HTTP_TIMEOUT_MS} ms to ${MAX_HTTP_TIMEOUT_MS / 1000} s, not ${ms}`);
  }
  return ms;
}

export interface BotApiServer {
  /** What a bot library takes as its API root, e.g. grammY's `client.apiRoot`: `http://127.0.0.1:PORT`. */
  readonly apiRoot: string;
  readonly port: number;
  /**
   * Resolves when the bot with this id has a long poll waiting (at once if it has): the bot
   * is idle and will see the next update immediately. For tests and the settle barrier.
   */
  whenPolling(botId: number): Promise<void>;
  /** Answers waiting long polls, closes every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * The HTTP Bot API of the embedded Telegram, over the shared state.
 *
 * Routes as api.telegram.org does: `/bot<token>/<method>` and `/bot<token>/test/<method>`
 * (the test environment), files at `/file/bot<token>[/test]/<file_path>`. Parameters arrive as
 * query string, JSON, urlencoded or multipart; answers are `{ ok: true, result }` or the
 * Bot API's error shape with the same HTTP status. Every request is fenced: a failing
 * handler is a logged 500, never a crashed server.
 */
export async function startBotApiServer(options: BotApiServerOptions): Promise<BotApiServer> {
  const { state } = options;
  const host = options.host ?? '127.0.0.1';
  const logError = options.logError ?? ((message, error) => console.error(`[bot-api] ${message}`, error));
  const hub = new UpdateHub(state);
  const requestTimeout = checkHttpTimeout(options.requestTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);

  // Half-sent requests and idle connections must not pile up (each holds a socket and its
  // buffered bytes). Node enforces requestTimeout/headersTimeout only when its periodic check
  // runs (every 30 s by default), so the check runs often enough for the timeout to mean it.
  // A long poll is not affected: its request has fully arrived while the answer waits.
  const server = createServer({
    requestTimeout,
    headersTimeout: requestTimeout,
    // Not Node's 5 s: grammY (and most Node clients) keep free sockets in a keep-alive agent
    // with no idle limit of their own, so a socket the server closes at 5 s can be picked for
    // the next call in the same instant and fail with "socket hang up" — seen as grammY's
    // "Network request for 'getUpdates' failed!" from bot.stop() on a loaded machine. A longer
    // idle limit makes that race rare while still dropping connections nobody uses.
    keepAliveTimeout: requestTimeout,
    connectionsCheckingInterval: Math.max(1, Math.min(30_000, Math.floor(requestTimeout / 4))),
  }, (request, response) => {
    serve(request, response).catch((error: unknown) => {
      logError(`${request.method} ${redactToken(request.url ?? '')} failed`, error);
      if (!response.headersSent) respond(response, new BotApiError(500, 'Internal Server Error').toJSON(), 500);
      else response.destroy();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A request not fully received within the timeout is 408, as Node's own handler answers it.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = /^\/file\/bot([^/]+)(?:\/test)?\/(.+)$/.exec(url.pathname);
    if (file) {
      const [token, path] = [safeDecode(file[1]), safeDecode(file[2])];
      if (token === undefined || path === undefined || !isWellFormedToken(token)) return fail(response, NOT_FOUND());
      return serveFile(response, token, path);
    }
    const call = /^\/bot([^/]+)\/(?:test\/)?([^/]+)\/?$/.exec(url.pathname);
    if (!call) return fail(response, NOT_FOUND());
    const token = safeDecode(call[1]);
    if (token === undefined || !isWellFormedToken(token)) return fail(response, NOT_FOUND());
    const bot = findBot(token);
    if (!bot) return fail(response, UNAUTHORIZED());
    const found = findMethod(call[2]);
    if (!found) return fail(response, NOT_FOUND());

    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborted.abort();
    });
    try {
      const params = await readParams(request, url);
      state.faults.checkFloodWait(found.name);
      const result = await found.method({ state, bot, params, updates: hub.queueOf(bot), signal: aborted.signal });
      if (!response.destroyed) respond(response, { ok: true, result }, 200);
    } catch (error) {
      const apiError = toBotApiError(error);
      if (!apiError) throw error;
      if (!response.destroyed) fail(response, apiError);
    }
  }

  function findBot(token: string): Account | undefined {
    const account = state.findByToken(token);
    return account?.isBot ? account : undefined;
  }

  function serveFile(response: ServerResponse, token: string, path: string): void {
    if (!findBot(token)) return fail(response, UNAUTHORIZED());
    const file = fileAtPath(state, path);
    if (!file) return fail(response, NOT_FOUND());
    const { media, bytes } = file;
    const type = media.kind === 'photo' ? 'application/octet-stream' : media.document.mimeType;
    response.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
    response.end(bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    apiRoot: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    whenPolling(botId) {
      const bot = state.findAccount(botId);
      if (!bot?.isBot) return Promise.reject(new Error(`No bot ${botId} in the embedded Telegram: create it first (state.createBot).`));
      return hub.queueOf(bot).whenPolling();
    },
    close() {
      closing ??= (async () => {
        hub.close();
        // Let the answers to the polls just ended reach their sockets, then drop every connection.
        await new Promise((resolve) => setImmediate(resolve));
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

/**
 * Whether a token could be a bot token at all. api.telegram.org answers a token that cannot
 * be one with 404 Not Found, and a well-formed token that names no bot with 401 Unauthorized
 * (python-telegram-bot/python-telegram-bot#2162: "bot1234567:ABCDEFGHI" gets 401, a token
 * without "digits:" 404). Which tokens cannot be valid is the Bot API server's own check,
 * tdlib/telegram-bot-api ClientManager::send: not starting with '0', at most 80 characters,
 * no '/', a ':' after a bot id in 1 … 2^54 - 1 (that server, run locally, answers
 * "401 Unauthorized: invalid token specified" for them; Telegram's public endpoint, 404).
 */
export function isWellFormedToken(token: string): boolean {
  if (token === '' || token.startsWith('0') || token.length > 80 || token.includes('/')) return false;
  const match = /^(\d+):/.exec(token);
  if (!match) return false;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 && id < 2 ** 54;
}

function fail(response: ServerResponse, error: BotApiError): void {
  const headers: Record<string, string> = {};
  if (error.parameters?.retry_after !== undefined) headers['retry-after'] = String(error.parameters.retry_after);
  respond(response, error.toJSON(), error.errorCode, headers);
}

function respond(response: ServerResponse, body: unknown, status: number, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  response.end(json);
}

function safeDecode(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

/** Tokens are secrets: keep them out of logs. */
function redactToken(url: string): string {
  return url.replace(/\/bot[^/]+/, '/bot<token>');
}
