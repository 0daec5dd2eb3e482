import type { EntityType, InlineButton, KeyboardButton, MessageEntity, ReplyMarkup } from '../../state';
import { LIMITS } from '../../state';
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

const MARKUP_ERROR = "can't parse reply keyboard markup JSON object";

/** `reply_markup` as the state's ReplyMarkup; `inlineOnly` for edits, which take only inline keyboards. */
export function replyMarkup(ctx: MethodContext, inlineOnly = false): ReplyMarkup | undefined {
  const value = ctx.params.json('reply_markup', MARKUP_ERROR);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(MARKUP_ERROR);
  const markup = value as Record<string, unknown>;
  if ('inline_keyboard' in markup) return { kind: 'inline', rows: rowsOf(markup.inline_keyboard, 'InlineKeyboardMarkup', 'inline_keyboard').map((row) => row.map(inlineButton)) };
  if (inlineOnly) throw badRequest('inline keyboard expected');
  if ('keyboard' in markup) {
    return {
      kind: 'keyboard',
      rows: rowsOf(markup.keyboard, 'ReplyKeyboardMarkup', 'keyboard').map((row) => row.map(keyboardButton)),
      ...(markup.resize_keyboard === true ? { resize: true } : {}),
      ...(markup.one_time_keyboard === true ? { oneTime: true } : {}),
      ...(markup.is_persistent === true ? { persistent: true } : {}),
      ...(markup.selective === true ? { selective: true } : {}),
      ...(typeof markup.input_field_placeholder === 'string' ? { placeholder: markup.input_field_placeholder } : {}),
    };
  }
  if (markup.remove_keyboard === true) return { kind: 'remove', ...(markup.selective === true ? { selective: true } : {}) };
  if (markup.force_reply === true) {
    return {
      kind: 'force_reply',
      ...(markup.selective === true ? { selective: true } : {}),
      ...(typeof markup.input_field_placeholder === 'string' ? { placeholder: markup.input_field_placeholder } : {}),
    };
  }
  throw badRequest(MARKUP_ERROR);
}

function rowsOf(value: unknown, typeName: string, field: string): unknown[][] {
  if (!Array.isArray(value) || !value.every(Array.isArray)) throw badRequest(`field "${field}" of the ${typeName} must be an Array of Arrays`);
  return value as unknown[][];
}

function inlineButton(value: unknown): InlineButton {
  const button = value as Record<string, unknown>;
  if (typeof button !== 'object' || button === null || typeof button.text !== 'string') throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
  if (typeof button.callback_data === 'string') {
    const data = Buffer.from(button.callback_data, 'utf8');
    if (data.length === 0 || data.length > LIMITS.callbackDataBytes) throw badRequest('BUTTON_DATA_INVALID');
    return { text: button.text, callbackData: data };
  }
  if (typeof button.url === 'string') {
    if (!/^(https?|tg):\/\/\S+$/i.test(button.url)) throw badRequest('BUTTON_URL_INVALID');
    return { text: button.text, url: button.url };
  }
  const other = Object.keys(button).find((key) => key !== 'text');
  if (other) throw badRequest(`can't parse inline keyboard button: the embedded Telegram supports only callback_data and url buttons, not "${other}"`);
  throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
}

function keyboardButton(value: unknown): KeyboardButton {
  if (typeof value === 'string') return { text: value };
  const button = value as Record<string, unknown>;
  if (typeof button !== 'object' || button === null || typeof button.text !== 'string') throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
  return { text: button.text };
}

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
