/**
 * Telegram's domain rules, decided once here for both protocols. The state applies them;
 * a protocol handler may call one early (before it consumes an upload, say) but never
 * restates it. Each throws a TelegramError with Telegram's RPC name; MTProto sends that name,
 * the Bot API translates it into its own description (bot-api/errors.ts).
 */
import { BadRequestError } from '../errors';
import type { MessageEntity, ReplyMarkup } from './types';

/** Telegram's limits, enforced here so both protocols reject the same things. */
export const LIMITS = {
  textLength: 4096,
  captionLength: 1024,
  callbackDataBytes: 64,
  /** How long a pressed button waits for the bot's answer before BOT_RESPONSE_TIMEOUT. */
  callbackAnswerTimeoutMs: 15_000,
} as const;

// ── usernames ───────────────────────────────────────────────────────────────────────────────

/**
 * The shape of an existing username: 4–32 letters, digits or _, starting with a letter (the
 * 4-character ones are Telegram's collectible usernames). Exported as source so the mention
 * and bot-command patterns of entity detection use the same rule.
 */
export const USERNAME_PATTERN = '[A-Za-z][A-Za-z0-9_]{3,31}';
const USERNAME_SHAPE = new RegExp(`^${USERNAME_PATTERN}$`);

/** The name without a leading "@", as clients may send it either way. */
export function withoutAt(username: string): string {
  return username.replace(/^@/, '');
}

/** True when `username` (without "@") has a username's shape; enough to look one up. */
export function isUsernameShaped(username: string): boolean {
  return USERNAME_SHAPE.test(username);
}

/**
 * A username an account may take: the shape, at least 5 characters ("Minimum length is 5
 * characters", as Telegram's apps say), and neither a trailing "_" nor "__".
 * USERNAME_INVALID otherwise (account.updateUsername / account.checkUsername, bots too).
 */
export function checkNewUsername(username: string): void {
  if (!isUsernameShaped(username) || username.length < 5 || username.endsWith('_') || username.includes('__')) {
    throw new BadRequestError('USERNAME_INVALID', 'a username is 5–32 letters, digits or _, starting with a letter');
  }
}

/** A bot's username: at least 5 characters of a username's shape, ending in "bot" (any case), as @BotFather requires. */
export function checkBotUsername(username: string): void {
  if (!isUsernameShaped(username) || username.length < 5 || !/bot$/i.test(username)) {
    throw new BadRequestError('USERNAME_INVALID', 'a bot username is 5–32 letters, digits or _ and ends in "bot"');
  }
}

// ── message content ─────────────────────────────────────────────────────────────────────────

/** A caption's length: MEDIA_CAPTION_TOO_LONG above the limit. */
export function checkCaption(caption: string): void {
  if (caption.length > LIMITS.captionLength) {
    throw new BadRequestError('MEDIA_CAPTION_TOO_LONG', `a caption has at most ${LIMITS.captionLength} characters`);
  }
}

/** A message's text (or, with media, its caption): MESSAGE_EMPTY, MESSAGE_TOO_LONG, MEDIA_CAPTION_TOO_LONG. */
export function checkMessageText(text: string, hasMedia: boolean): void {
  if (hasMedia) return checkCaption(text);
  if (text.trim() === '') throw new BadRequestError('MESSAGE_EMPTY', 'the message has no text');
  if (text.length > LIMITS.textLength) throw new BadRequestError('MESSAGE_TOO_LONG', `a message has at most ${LIMITS.textLength} characters`);
}

/** What an edit compares: the text (or caption), its entities and the reply markup. */
export interface MessageContent {
  text: string;
  entities: MessageEntity[];
  replyMarkup?: ReplyMarkup;
}

/**
 * MESSAGE_NOT_MODIFIED when an edit would leave text, entities and markup as they are, as
 * Telegram refuses such an edit. Compared by value: an absent field equals an undefined one,
 * key order does not matter, and callback data compares by bytes.
 */
export function checkModified(before: MessageContent, after: MessageContent): void {
  if (before.text === after.text && sameValue(before.entities, after.entities) && sameValue(before.replyMarkup, after.replyMarkup)) {
    throw new BadRequestError('MESSAGE_NOT_MODIFIED', 'the new content is the same as the old');
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    return [...new Set([...Object.keys(left), ...Object.keys(right)])].every((key) => sameValue(left[key], right[key]));
  }
  return false;
}
