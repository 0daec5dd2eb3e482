/**
 * Errors of the embedded Telegram, shaped like Telegram's own RPC errors.
 *
 * The state and the MTProto handlers throw these with Telegram's real error names
 * (`PHONE_CODE_INVALID`, `PEER_ID_INVALID`, …) and codes (400, 401, 403, 420, 500), so a
 * GramJS client sees exactly what the real test DC would send. The Bot API layer translates
 * them into its own descriptions ("Bad Request: chat not found").
 */
export class TelegramError extends Error {
  /**
   * @param code the RPC error code Telegram uses for this class of error (400, 401, …)
   * @param errorMessage Telegram's error name, e.g. `PHONE_CODE_INVALID` or `FLOOD_WAIT_3`
   * @param hint what a person reading a log should do about it (never sent to clients)
   */
  constructor(
    readonly code: number,
    readonly errorMessage: string,
    readonly hint?: string,
  ) {
    super(hint ? `${code} ${errorMessage}: ${hint}` : `${code} ${errorMessage}`);
    this.name = new.target.name;
  }
}

/** 400: the request is wrong (bad argument, unknown peer, empty message…). */
export class BadRequestError extends TelegramError {
  constructor(errorMessage: string, hint?: string) {
    super(400, errorMessage, hint);
  }
}

/** 401: the auth key is not bound to an account, or a password is required. */
export class UnauthorizedError extends TelegramError {
  constructor(errorMessage: string, hint?: string) {
    super(401, errorMessage, hint);
  }
}

/** 403: the account may not do this (e.g. a bot writing to a user who never started it). */
export class ForbiddenError extends TelegramError {
  constructor(errorMessage: string, hint?: string) {
    super(403, errorMessage, hint);
  }
}

/** 420: flood control. `seconds` is also encoded in the name, as Telegram does. */
export class FloodWaitError extends TelegramError {
  constructor(readonly seconds: number) {
    super(420, `FLOOD_WAIT_${seconds}`, `wait ${seconds} s before calling this method again`);
  }
}

/** 500: the emulator failed; the message names what broke. */
export class InternalServerError extends TelegramError {
  constructor(errorMessage: string, hint?: string) {
    super(500, errorMessage, hint);
  }
}
