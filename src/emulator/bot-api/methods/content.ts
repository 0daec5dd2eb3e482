import type { EntityType, MessageEntity } from '../../state';
import { badRequest } from '../errors';
import { parseFormatted } from '../formatting';
import type { Account } from '../../state';
import type { MethodContext } from './context';

/**
 * Reading message content from a method's parameters: text or caption with `parse_mode` or
 * explicit entities, reply markup, and what the message replies to. Everything is validated
 * before the state is touched, so a bad request changes nothing.
 */

const ENTITY_TYPES: ReadonlySet<EntityType> = new Set([
  'mention', 'hashtag', 'cashtag', 'bot_command', 'url', 'email', 'phone_number', 'bold', 'italic', 'underline',
  'strikethrough', 'spoiler', 'blockquote', 'expandable_blockquote', 'code', 'pre', 'text_link', 'text_mention', 'custom_emoji',
]);

/** Text (or caption) and its entities: explicit `entities` win over `parse_mode`. */
export function formattedText(ctx: MethodContext, textName: string, parseModeName: string, entitiesName: string, text = ctx.params.string(textName) ?? ''): { text: string; entities: MessageEntity[] } {
  const explicit = ctx.params.json(entitiesName, `can't parse entities JSON object`);
  if (explicit !== undefined) return { text, entities: parseEntities(explicit, text) };
  const parseMode = ctx.params.string(parseModeName);
  if (parseMode) return parseFormatted(text, parseMode);
  return { text, entities: [] };
}

/** Explicit entities (Bot API JSON) as the state's entities, checked against the text. */
export function parseEntities(value: unknown, text: string): MessageEntity[] {
  if (!Array.isArray(value)) throw badRequest(`can't parse entities JSON object`);
  return value.map((raw): MessageEntity => {
    const entity = raw as Record<string, unknown>;
    if (typeof entity !== 'object' || entity === null || typeof entity.type !== 'string') throw badRequest("can't parse MessageEntity: Field \"type\" must be of type String");
    if (!ENTITY_TYPES.has(entity.type as EntityType)) throw badRequest(`can't parse MessageEntity: Unsupported type specified`);
    const offset = Number(entity.offset);
    const length = Number(entity.length);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > text.length) {
      throw badRequest("can't parse MessageEntity: wrong offset or length");
    }
    const user = entity.user as { id?: unknown } | undefined;
    return {
      type: entity.type as EntityType,
      offset,
      length,
      ...(typeof entity.url === 'string' ? { url: entity.url } : {}),
      ...(user && typeof user.id === 'number' ? { userId: user.id } : {}),
      ...(typeof entity.language === 'string' ? { language: entity.language } : {}),
      ...(typeof entity.custom_emoji_id === 'string' ? { customEmojiId: entity.custom_emoji_id } : {}),
    };
  });
}

export { replyMarkup } from './reply-markup';

/**
 * What the new message replies to, as a box id in the bot's box: `reply_parameters`
 * (Bot API 7.0+) or the older `reply_to_message_id`. A missing target fails unless
 * `allow_sending_without_reply` says to send anyway.
 */
export function replyTarget(ctx: MethodContext, chat: Account): number | undefined {
  const parameters = ctx.params.json('reply_parameters', "can't parse reply parameters JSON object") as Record<string, unknown> | undefined;
  let messageId: number | undefined;
  let allowWithout = ctx.params.boolean('allow_sending_without_reply') ?? false;
  if (parameters !== undefined) {
    if (typeof parameters !== 'object' || parameters === null || typeof parameters.message_id !== 'number') throw badRequest("can't parse reply parameters JSON object");
    messageId = parameters.message_id;
    if (parameters.allow_sending_without_reply === true) allowWithout = true;
    if (parameters.chat_id !== undefined && String(parameters.chat_id) !== String(chat.id)) throw badRequest('message to be replied not found');
  } else {
    messageId = ctx.params.integer('reply_to_message_id');
  }
  if (messageId === undefined || messageId === 0) return undefined;
  const message = ctx.state.messageInBox(ctx.bot.id, messageId);
  if (message && ctx.state.peerOf(message, ctx.bot.id) === chat.id) return messageId;
  if (allowWithout) return undefined;
  throw badRequest('message to be replied not found');
}
