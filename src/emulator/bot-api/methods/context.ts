import type { Account, Message, TelegramState } from '../../state';
import { badRequest, CHAT_NOT_FOUND, type MessageRole, messageNotFound } from '../errors';
import type { Params } from '../params';
import type { BotUpdateQueue } from '../updates';

/** Everything a Bot API method sees: the state, the calling bot, its parameters, its update queue. */
export interface MethodContext {
  readonly state: TelegramState;
  readonly bot: Account;
  readonly params: Params;
  readonly updates: BotUpdateQueue;
  /** Aborted when the client's connection closes before the answer (matters to long polls). */
  readonly signal: AbortSignal;
}

/** A method: `(context) → result`, the `result` of `{ ok: true, result }`. Throw BotApiError to fail. */
export type Method = (ctx: MethodContext) => unknown | Promise<unknown>;

/**
 * The private chat named by `chat_id` (a user id, or "@username"). Only private chats exist
 * here, so a chat id is the other account's id.
 */
export function requireChat(ctx: MethodContext, name = 'chat_id'): Account {
  const raw = ctx.params.raw(name);
  if (raw === undefined || raw === null || raw === '') throw badRequest(`${name} is empty`);
  const chat = findChat(ctx, raw);
  if (!chat) throw CHAT_NOT_FOUND();
  return chat;
}

function findChat(ctx: MethodContext, raw: unknown): Account | undefined {
  if (typeof raw === 'number') return ctx.state.findAccount(raw);
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  if (/^-?\d+$/.test(value)) return ctx.state.findAccount(Number(value));
  if (value.startsWith('@')) return ctx.state.findByUsername(value);
  return undefined;
}

/** A message of the bot's chat with `chat`, by the bot's own message id. */
export function requireMessage(ctx: MethodContext, chat: Account, messageId: number | undefined, role: MessageRole): Message {
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const message = ctx.state.messageInBox(ctx.bot.id, messageId);
  if (!message || ctx.state.peerOf(message, ctx.bot.id) !== chat.id) throw messageNotFound(role);
  return message;
}

/** Inline messages (sent via inline mode) do not exist in the embedded Telegram. */
export function refuseInlineMessage(ctx: MethodContext): void {
  if (ctx.params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
}
