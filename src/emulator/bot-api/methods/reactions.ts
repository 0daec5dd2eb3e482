import type { Reaction } from '../../state';
import { badRequest, withRole } from '../errors';
import { type Method, type MethodContext, requireChat } from './context';

/**
 * setMessageReaction: the bot's reaction to a message of its chat (an empty list removes it).
 * Read as tdlib/telegram-bot-api Client.cpp reads it (process_set_message_reaction_query,
 * get_reaction_types: its error words); the person's client sees it as updateMessageReactions.
 */
export const setMessageReaction: Method = (ctx) => {
  // The reactions are read before the chat is looked up, as the real server does.
  const reactions = reactionsOf(ctx);
  const chat = requireChat(ctx);
  const big = ctx.params.boolean('is_big') ?? false;
  const messageId = ctx.params.integer('message_id') ?? 0;
  const message = messageId > 0 ? ctx.state.messageInBox(ctx.bot.id, messageId) : undefined;
  if (!message || ctx.state.peerOf(message, ctx.bot.id) !== chat.id) throw badRequest('message to react not found');
  withRole('edit', () => ctx.state.setReactions(ctx.bot.id, messageId, reactions, big));
  return true;
};

function reactionsOf(ctx: MethodContext): Reaction[] {
  const raw = ctx.params.raw('reaction');
  if (raw === undefined || raw === null || raw === '') return [];
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw badRequest("Can't parse reaction types JSON object");
    }
  }
  if (!Array.isArray(value)) throw badRequest('Expected an Array of ReactionType');
  return value.map((item): Reaction => {
    const fail = (reason: string) => badRequest(`Can't parse ReactionType: ${reason}`);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw fail('expected an Object');
    const object = item as Record<string, unknown>;
    const field = (name: string): string => {
      if (!(name in object)) throw fail(`Can't find field "${name}"`);
      const value = object[name];
      if (typeof value === 'number') return String(value);
      if (typeof value !== 'string') throw fail(`Field "${name}" must be of type String`);
      return value;
    };
    const type = field('type');
    if (type === 'emoji') return { kind: 'emoji', emoji: field('emoji') };
    if (type === 'custom_emoji') return { kind: 'custom_emoji', customEmojiId: field('custom_emoji_id') };
    throw fail('invalid reaction type specified');
  });
}
