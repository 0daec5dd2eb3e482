import type { Account, CallbackQuery, Document, InlineButton, Media, Message, MessageEntity, Reaction, ReplyMarkup, SwitchInlineTarget, TelegramState } from '../state';
import { contentJson, isContentMedia } from './content-json';
import { fileIdOf, fileUniqueIdOf } from './file-ids';

/**
 * The shared state, as a bot sees it through the Bot API: plain JSON with the published field
 * names. Everything is seen from one bot's side — message ids from the bot's own box, file
 * ids that belong to this bot — which is why every function takes the bot.
 */

export type Json = Record<string, unknown>;

export function userJson(account: Account): Json {
  return omitUndefined({
    id: account.id,
    is_bot: account.isBot,
    first_name: account.firstName,
    last_name: account.lastName || undefined,
    username: account.username,
  });
}

/** A private chat: Telegram names it after the other person. */
export function privateChatJson(account: Account): Json {
  return omitUndefined({
    id: account.id,
    type: 'private',
    first_name: account.firstName,
    last_name: account.lastName || undefined,
    username: account.username,
  });
}

export function entitiesJson(state: TelegramState, entities: MessageEntity[]): Json[] {
  return entities.map((entity) => {
    const user = entity.userId !== undefined ? state.findAccount(entity.userId) : undefined;
    return omitUndefined({
      type: entity.type,
      offset: entity.offset,
      length: entity.length,
      url: entity.url,
      user: user ? userJson(user) : undefined,
      language: entity.language,
      custom_emoji_id: entity.customEmojiId,
    });
  });
}

/** Only inline keyboards appear on a Message; reply keyboards live in the user's client. */
export function inlineKeyboardJson(markup: ReplyMarkup | undefined): Json | undefined {
  if (markup?.kind !== 'inline') return undefined;
  return { inline_keyboard: markup.rows.map((row) => row.map(inlineButtonJson)) };
}

/**
 * One inline button as the Bot API shows it back (tdlib/telegram-bot-api Client.cpp
 * `JsonInlineKeyboardButton`): a login button shows only its url, a game button
 * `callback_game: {}`, and a chosen-chat switch that allows every chat type is a plain
 * `switch_inline_query`.
 */
function inlineButtonJson(button: InlineButton): Json {
  const json: Json = { text: button.text };
  if (button.url !== undefined) json.url = button.url;
  else if (button.loginUrl) json.url = button.loginUrl.url;
  else if (button.callbackData) json.callback_data = button.callbackData.toString('utf8');
  else if (button.callbackGame) json.callback_game = {};
  else if (button.switchInline) Object.assign(json, switchInlineJson(button.switchInline));
  else if (button.pay) json.pay = true;
  else if (button.webAppUrl !== undefined) json.web_app = { url: button.webAppUrl };
  else if (button.copyText !== undefined) json.copy_text = { text: button.copyText };
  return json;
}

function switchInlineJson(target: SwitchInlineTarget): Json {
  if (target.currentChat) return { switch_inline_query_current_chat: target.query };
  const types = target.chatTypes;
  if (!types || (types.users && types.bots && types.groups && types.channels)) return { switch_inline_query: target.query };
  return {
    switch_inline_query_chosen_chat: {
      query: target.query,
      allow_user_chats: types.users,
      allow_bot_chats: types.bots,
      allow_group_chats: types.groups,
      allow_channel_chats: types.channels,
    },
  };
}

/**
 * A message as `bot` sees it in its chat, or undefined if the message has left the bot's box.
 * `withReply` false stops at one level, as Telegram does (a replied-to message carries no
 * reply_to_message of its own).
 */
export function messageJson(state: TelegramState, bot: Account, message: Message, withReply = true): Json | undefined {
  const boxId = state.boxIdOf(message, bot.id);
  if (boxId === undefined) return undefined;
  const sender = state.findAccount(message.senderId);
  const peer = state.findAccount(state.peerOf(message, bot.id));
  if (!sender || !peer) return undefined;
  const json: Json = {
    message_id: boxId,
    from: userJson(sender),
    chat: privateChatJson(peer),
    date: message.date,
  };
  if (message.editDate !== undefined) json.edit_date = message.editDate;
  if (message.groupedId !== undefined) json.media_group_id = message.groupedId.toString();
  if (message.forward) Object.assign(json, forwardJson(state, message.forward));
  if (withReply && message.replyToKey !== undefined) {
    const replied = findByKey(state, bot.id, peer.id, message.replyToKey);
    const repliedJson = replied && messageJson(state, bot, replied, false);
    if (repliedJson) json.reply_to_message = repliedJson;
  }
  const entities = message.entities.length > 0 ? entitiesJson(state, message.entities) : undefined;
  if (message.media) {
    Object.assign(json, mediaJson(message.media, bot.id));
    if (message.text) json.caption = message.text;
    if (entities) json.caption_entities = entities;
  } else {
    json.text = message.text;
    if (entities) json.entities = entities;
  }
  const keyboard = inlineKeyboardJson(message.replyMarkup);
  if (keyboard) json.reply_markup = keyboard;
  return json;
}

/** forward_origin (Bot API 7.0+) and the legacy forward_* fields older libraries still read. */
function forwardJson(state: TelegramState, forward: NonNullable<Message['forward']>): Json {
  const author = forward.fromId !== undefined ? state.findAccount(forward.fromId) : undefined;
  if (author) {
    return {
      forward_origin: { type: 'user', date: forward.date, sender_user: userJson(author) },
      forward_from: userJson(author),
      forward_date: forward.date,
    };
  }
  const name = forward.senderName ?? 'Deleted Account';
  return {
    forward_origin: { type: 'hidden_user', date: forward.date, sender_user_name: name },
    forward_sender_name: name,
    forward_date: forward.date,
  };
}

/** The message-content fields for a piece of media (photo, document, sticker, voice, …). */
export function mediaJson(media: Media, botId: number): Json {
  if (isContentMedia(media)) return contentJson(media);
  if (media.kind === 'photo') {
    // Every stored size, smallest first, each a file with its own ids; the stripped thumbnail
    // is left out, as the Bot API server leaves out type "i" (telegram-bot-api, JsonPhoto).
    return {
      photo: media.photo.sizes.map((size) => ({
        file_id: fileIdOf(media, botId, size),
        file_unique_id: fileUniqueIdOf(media, size),
        file_size: size.bytes.length,
        width: size.width,
        height: size.height,
      })),
    };
  }
  return documentJson(media.document, { file_id: fileIdOf(media, botId), file_unique_id: fileUniqueIdOf(media) });
}

function documentJson(document: Document, ids: { file_id: string; file_unique_id: string }): Json {
  const common = { ...ids, file_size: document.bytes.length };
  switch (document.kind) {
    case 'sticker':
      return {
        sticker: omitUndefined({
          ...common, type: 'regular', width: document.width ?? 512, height: document.height ?? 512,
          is_animated: document.mimeType === 'application/x-tgsticker', is_video: document.mimeType === 'video/webm', emoji: document.emoji,
        }),
      };
    case 'voice':
      return { voice: { ...common, duration: document.duration ?? 0, mime_type: document.mimeType } };
    case 'audio':
      return { audio: omitUndefined({ ...common, duration: document.duration ?? 0, performer: document.performer, title: document.title, mime_type: document.mimeType, file_name: document.fileName }) };
    case 'video_note':
      return { video_note: { ...common, length: document.width ?? 0, duration: document.duration ?? 0 } };
    case 'video':
      return { video: omitUndefined({ ...common, width: document.width ?? 0, height: document.height ?? 0, duration: document.duration ?? 0, mime_type: document.mimeType, file_name: document.fileName }) };
    case 'animation': {
      const animation = omitUndefined({ ...common, width: document.width ?? 0, height: document.height ?? 0, duration: document.duration ?? 0, mime_type: document.mimeType, file_name: document.fileName });
      // Telegram sends an animation also as a document, for clients that predate animations.
      return { animation, document: omitUndefined({ ...common, mime_type: document.mimeType, file_name: document.fileName }) };
    }
    default:
      return { document: omitUndefined({ ...common, file_name: document.fileName, mime_type: document.mimeType }) };
  }
}

/** A ReactionType as the Bot API shows it. */
export function reactionJson(reaction: Reaction): Json {
  if (reaction.kind === 'emoji') return { type: 'emoji', emoji: reaction.emoji };
  if (reaction.kind === 'custom_emoji') return { type: 'custom_emoji', custom_emoji_id: reaction.customEmojiId };
  return { type: 'paid' };
}

export function callbackQueryJson(state: TelegramState, bot: Account, query: CallbackQuery): Json {
  const from = state.findAccount(query.fromId);
  const message = messageJson(state, bot, query.message);
  return omitUndefined({
    id: query.id.toString(),
    from: from ? userJson(from) : { id: query.fromId, is_bot: false, first_name: 'Deleted Account' },
    // A message the bot no longer has is "inaccessible": date 0, as the Bot API shows it.
    message: message ?? inaccessibleMessage(state, query),
    chat_instance: query.chatInstance.toString(),
    data: query.data?.toString('utf8'),
  });
}

function inaccessibleMessage(state: TelegramState, query: CallbackQuery): Json | undefined {
  const user = state.findAccount(query.fromId);
  return user ? { chat: privateChatJson(user), message_id: 0, date: 0 } : undefined;
}

/** The message with internal key `key` in `ownerId`'s chat with `peerId`. */
export function findByKey(state: TelegramState, ownerId: number, peerId: number, key: number): Message | undefined {
  return state.history(ownerId, peerId).find((entry) => entry.message.key === key)?.message;
}

function omitUndefined(object: Json): Json {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}
