import { Api } from 'telegram';
import { detectEntities, type MessageEntity, type TelegramState } from '../../state';
import { resolveInputUser } from './peers';
import { fromLong, toLong } from './long';

type Range = { offset: number; length: number };

/** A state entity (Bot API vocabulary) as TL `MessageEntity`. */
export function entityToTl(entity: MessageEntity): Api.TypeMessageEntity {
  const range: Range = { offset: entity.offset, length: entity.length };
  switch (entity.type) {
    case 'mention': return new Api.MessageEntityMention(range);
    case 'hashtag': return new Api.MessageEntityHashtag(range);
    case 'cashtag': return new Api.MessageEntityCashtag(range);
    case 'bot_command': return new Api.MessageEntityBotCommand(range);
    case 'url': return new Api.MessageEntityUrl(range);
    case 'email': return new Api.MessageEntityEmail(range);
    case 'phone_number': return new Api.MessageEntityPhone(range);
    case 'bold': return new Api.MessageEntityBold(range);
    case 'italic': return new Api.MessageEntityItalic(range);
    case 'underline': return new Api.MessageEntityUnderline(range);
    case 'strikethrough': return new Api.MessageEntityStrike(range);
    case 'spoiler': return new Api.MessageEntitySpoiler(range);
    case 'blockquote': return new Api.MessageEntityBlockquote(range);
    case 'expandable_blockquote': return new Api.MessageEntityBlockquote({ ...range, collapsed: true });
    case 'code': return new Api.MessageEntityCode(range);
    case 'pre': return new Api.MessageEntityPre({ ...range, language: entity.language ?? '' });
    case 'text_link': return new Api.MessageEntityTextUrl({ ...range, url: entity.url ?? '' });
    case 'text_mention': return new Api.MessageEntityMentionName({ ...range, userId: toLong(entity.userId ?? 0) });
    case 'custom_emoji': return new Api.MessageEntityCustomEmoji({ ...range, documentId: toLong(BigInt(entity.customEmojiId ?? '0')) });
  }
}

/**
 * Entities a client sent (TL) in the state's vocabulary. Mentions by user are resolved (and
 * dropped when they name nobody); kinds the emulator has no name for are dropped, as Telegram
 * drops entities it does not accept.
 */
export function entitiesFromTl(state: TelegramState, viewerId: number, entities: Api.TypeMessageEntity[]): MessageEntity[] {
  const result: MessageEntity[] = [];
  for (const entity of entities) {
    const range = { offset: entity.offset, length: entity.length };
    const simple = SIMPLE_TYPES[entity.className];
    if (simple) result.push({ type: simple, ...range });
    else if (entity instanceof Api.MessageEntityBlockquote) result.push({ type: entity.collapsed ? 'expandable_blockquote' : 'blockquote', ...range });
    else if (entity instanceof Api.MessageEntityPre) result.push({ type: 'pre', ...range, language: entity.language || undefined });
    else if (entity instanceof Api.MessageEntityTextUrl) result.push({ type: 'text_link', ...range, url: entity.url });
    else if (entity instanceof Api.MessageEntityCustomEmoji) result.push({ type: 'custom_emoji', ...range, customEmojiId: fromLong(entity.documentId).toString() });
    else if (entity instanceof Api.MessageEntityMentionName) {
      const user = state.findAccount(Number(entity.userId.toString()));
      if (user) result.push({ type: 'text_mention', ...range, userId: user.id });
    } else if (entity instanceof Api.InputMessageEntityMentionName) {
      try {
        result.push({ type: 'text_mention', ...range, userId: resolveInputUser(state, viewerId, entity.userId).id });
      } catch {
        // A mention of nobody is dropped, not an error.
      }
    }
  }
  return result;
}

const SIMPLE_TYPES: Readonly<Record<string, MessageEntity['type']>> = {
  MessageEntityMention: 'mention',
  MessageEntityHashtag: 'hashtag',
  MessageEntityCashtag: 'cashtag',
  MessageEntityBotCommand: 'bot_command',
  MessageEntityUrl: 'url',
  MessageEntityEmail: 'email',
  MessageEntityPhone: 'phone_number',
  MessageEntityBold: 'bold',
  MessageEntityItalic: 'italic',
  MessageEntityUnderline: 'underline',
  MessageEntityStrike: 'strikethrough',
  MessageEntitySpoiler: 'spoiler',
  MessageEntityCode: 'code',
};

/**
 * The entities of a user's text as Telegram's server stores them: the formatting the client
 * sent, plus what the server detects itself (bot commands, mentions, URLs…) where it does not
 * overlap that formatting. Returns undefined when the client sent none, so the state detects.
 */
export function userEntities(state: TelegramState, viewerId: number, text: string, sent: Api.TypeMessageEntity[] | undefined): MessageEntity[] | undefined {
  if (!sent || sent.length === 0) return undefined;
  const given = entitiesFromTl(state, viewerId, sent);
  const detected = detectEntities(text).filter((d) => !given.some((g) => overlaps(d, g)));
  return [...given, ...detected].sort((a, b) => a.offset - b.offset);
}

function overlaps(a: Range, b: Range): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}
