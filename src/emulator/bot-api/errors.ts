import { TelegramError } from '../errors';

/** The `parameters` a Bot API error may carry (ResponseParameters). */
export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/**
 * An error answered to a bot exactly as the real Bot API does:
 * `{ ok: false, error_code, description[, parameters] }`, with the same HTTP status.
 * Methods throw it with Telegram's own wording ("Bad Request: chat not found"), because bot
 * code and libraries match on those strings.
 */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(`${errorCode} ${description}`);
    this.name = 'BotApiError';
  }

  toJSON(): { ok: false; error_code: number; description: string; parameters?: ResponseParameters } {
    return { ok: false, error_code: this.errorCode, description: this.description, ...(this.parameters ? { parameters: this.parameters } : {}) };
  }
}

/** 400 "Bad Request: …" */
export function badRequest(reason: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${reason}`);
}

/** 400 for a required parameter that is absent, in the real API's generic wording. */
export function missingParameter(name: string): BotApiError {
  return badRequest(`parameter "${name}" is required`);
}

export const UNAUTHORIZED = (): BotApiError => new BotApiError(401, 'Unauthorized');
export const NOT_FOUND = (): BotApiError => new BotApiError(404, 'Not Found');
export const CHAT_NOT_FOUND = (): BotApiError => badRequest('chat not found');

/** What a state error means for the method being served, when the RPC name alone is ambiguous. */
export type MessageRole = 'edit' | 'delete' | 'forward' | 'copy' | 'reply';

const MESSAGE_NOT_FOUND: Record<MessageRole, string> = {
  edit: 'message to edit not found',
  delete: 'message to delete not found',
  forward: 'message to forward not found',
  copy: 'message to copy not found',
  reply: 'message to be replied not found',
};

export function messageNotFound(role: MessageRole): BotApiError {
  return badRequest(MESSAGE_NOT_FOUND[role]);
}

/** Telegram's Bot API descriptions for the RPC errors the shared state throws. */
const DESCRIPTIONS: Record<string, [number, string]> = {
  PEER_ID_INVALID: [400, 'Bad Request: chat not found'],
  // tdlib/telegram-bot-api Client::fail_query_with_error: USER_IS_BLOCKED is "bot was blocked by the user".
  USER_IS_BLOCKED: [403, 'Forbidden: bot was blocked by the user'],
  // The state's refusal of a bot writing first; TDLib words it this way (403) before asking Telegram.
  CHAT_WRITE_FORBIDDEN: [403, "Forbidden: bot can't initiate conversation with a user"],
  USER_IS_BOT: [403, "Forbidden: bot can't send messages to bots"],
  MESSAGE_EMPTY: [400, 'Bad Request: message text is empty'],
  MESSAGE_TOO_LONG: [400, 'Bad Request: message is too long'],
  MEDIA_CAPTION_TOO_LONG: [400, 'Bad Request: message caption is too long'],
  MESSAGE_NOT_MODIFIED: [400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message'],
  MESSAGE_AUTHOR_REQUIRED: [400, "Bad Request: message can't be edited"],
  REPLY_TO_MSG_ID_INVALID: [400, 'Bad Request: message to be replied not found'],
  QUERY_ID_INVALID: [400, 'Bad Request: query is too old and response timeout expired or query ID is invalid'],
  BUTTON_DATA_INVALID: [400, 'Bad Request: BUTTON_DATA_INVALID'],
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * Translates an error of the shared state (Telegram RPC names) into what the Bot API answers.
 * `role` disambiguates MESSAGE_ID_INVALID ("message to edit not found" vs "… to delete …").
 * Unknown RPC names pass through as the real API does: "Bad Request: SOME_RPC_NAME".
 */
export function fromTelegramError(error: TelegramError, role?: MessageRole): BotApiError {
  const name = error.errorMessage;
  const flood = /^FLOOD_WAIT_(\d+)$/.exec(name);
  if (flood) {
    const seconds = Number(flood[1]);
    return new BotApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
  }
  if (name === 'MESSAGE_ID_INVALID' && role) return messageNotFound(role);
  const known = DESCRIPTIONS[name];
  if (known) return new BotApiError(known[0], known[1]);
  const code = error.code === 420 ? 429 : error.code;
  return new BotApiError(code, `${STATUS_TEXT[code] ?? 'Bad Request'}: ${name}`);
}

/** Any thrown value as a Bot API error; anything unexpected is a 500 (and the caller logs it). */
export function toBotApiError(error: unknown, role?: MessageRole): BotApiError | undefined {
  if (error instanceof BotApiError) return error;
  if (error instanceof TelegramError) return fromTelegramError(error, role);
  return undefined;
}

/** Runs a state call, translating its TelegramErrors with the given message role. */
export function withRole<T>(role: MessageRole, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof TelegramError) throw fromTelegramError(error, role);
    throw error;
  }
}
