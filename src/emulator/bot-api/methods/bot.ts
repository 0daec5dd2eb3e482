import { type BotCommand, commandScopeKey, type CommandScope } from '../../state';
import { privateChatJson } from '../convert';
import { badRequest } from '../errors';
import { type Method, type MethodContext, requireChat } from './context';

/** About the bot itself: identity, session, commands, and the chats it can look up. */

export const getMe: Method = ({ bot }) => ({
  id: bot.id,
  is_bot: true,
  first_name: bot.firstName,
  ...(bot.lastName ? { last_name: bot.lastName } : {}),
  username: bot.username,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

/** There is no cloud session to leave or local server to move from: both just succeed. */
export const logOut: Method = () => true;
export const close: Method = () => true;

export const getChat: Method = (ctx) => {
  const chat = requireChat(ctx);
  const isSelf = chat.id === ctx.bot.id;
  if (!isSelf && !ctx.state.hasConversation(chat.id, ctx.bot.id)) {
    // A bot knows only the people who have written to it.
    throw badRequest('chat not found');
  }
  return { ...privateChatJson(chat), accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
};

// ── commands ──────────────────────────────────────────────────────────────────────────────

export const setMyCommands: Method = (ctx) => {
  const value = ctx.params.json('commands', "can't parse commands JSON object");
  if (value === undefined) throw badRequest('parameter "commands" is required');
  if (!Array.isArray(value)) throw badRequest('field "commands" must be an Array');
  if (value.length > 100) throw badRequest('too many commands specified');
  const commands = value.map(commandOf);
  const key = scopeKey(ctx);
  if (commands.length === 0) ctx.bot.botCommands.delete(key);
  else ctx.bot.botCommands.set(key, commands);
  return true;
};

export const getMyCommands: Method = (ctx) => (ctx.bot.botCommands.get(scopeKey(ctx)) ?? []).map((c) => ({ ...c }));

export const deleteMyCommands: Method = (ctx) => {
  ctx.bot.botCommands.delete(scopeKey(ctx));
  return true;
};

function commandOf(value: unknown): BotCommand {
  const entry = value as Record<string, unknown>;
  if (typeof entry !== 'object' || entry === null) throw badRequest("can't parse BotCommand: BotCommand must be an Object");
  const command = typeof entry.command === 'string' ? entry.command.replace(/^\//, '') : '';
  const description = typeof entry.description === 'string' ? entry.description.trim() : '';
  if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
  if (description.length === 0 || description.length > 256) throw badRequest('command description must be non-empty');
  return { command, description };
}

function scopeKey(ctx: MethodContext): string {
  const language = ctx.params.string('language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  return commandScopeKey(scopeOf(ctx.params.json('scope', "can't parse BotCommandScope JSON object")), language);
}

function scopeOf(value: unknown): CommandScope {
  if (value === undefined) return { kind: 'default' };
  const scope = value as Record<string, unknown>;
  if (typeof scope !== 'object' || scope === null || typeof scope.type !== 'string') throw badRequest("can't parse BotCommandScope JSON object");
  switch (scope.type) {
    case 'default':
    case 'all_private_chats':
    case 'all_group_chats':
    case 'all_chat_administrators':
      return { kind: scope.type };
    case 'chat':
    case 'chat_administrators':
      return { kind: scope.type, chatId: idOf(scope.chat_id) };
    case 'chat_member':
      return { kind: 'chat_member', chatId: idOf(scope.chat_id), userId: idOf(scope.user_id) };
    default:
      throw badRequest('unsupported bot command scope type specified');
  }
}

function idOf(value: unknown): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw badRequest('chat not found');
  return id;
}
