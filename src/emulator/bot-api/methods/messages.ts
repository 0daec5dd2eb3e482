import { copyPoll, randomLong, type Account, type Message, type NewMessage } from '../../state';
import { messageJson } from '../convert';
import { badRequest, type MessageRole, withRole } from '../errors';
import { type Method, type MethodContext, refuseInlineMessage, requireChat, requireMessage } from './context';
import { formattedText, replyMarkup, replyTarget } from './content';

/** Sending, forwarding, copying, editing and deleting messages in the bot's private chats. */

export const sendMessage: Method = (ctx) => {
  const chat = requireChat(ctx);
  const raw = ctx.params.string('text');
  if (raw === undefined || raw === '') throw badRequest('message text is empty');
  const { text, entities } = formattedText(ctx, 'text', 'parse_mode', 'entities');
  return send(ctx, chat, { text, entities, replyMarkup: replyMarkup(ctx), replyToBoxId: replyTarget(ctx, chat) });
};

/** Puts a message from the bot in the chat and answers it as the bot sees it. */
export function send(ctx: MethodContext, chat: Account, content: NewMessage, role: MessageRole = 'reply'): Record<string, unknown> {
  const message = withRole(role, () => ctx.state.sendMessage(ctx.bot.id, chat.id, content));
  return messageJson(ctx.state, ctx.bot, message)!;
}

export const forwardMessage: Method = (ctx) => {
  const chat = requireChat(ctx);
  const from = requireChat(ctx, 'from_chat_id');
  const original = requireMessage(ctx, from, ctx.params.integer('message_id'), 'forward');
  const boxId = ctx.state.boxIdOf(original, ctx.bot.id)!;
  const [forwarded] = withRole('forward', () => ctx.state.forwardMessages(ctx.bot.id, from.id, [boxId], chat.id, original.groupedId !== undefined ? randomLong() : undefined));
  return messageJson(ctx.state, ctx.bot, forwarded);
};

/**
 * Forwards 1–100 messages of one chat, in the order given; ids that name no message are
 * skipped, as Telegram skips them. Albums stay albums (each with a new grouped id). Answers MessageId[].
 */
export const forwardMessages: Method = (ctx) => {
  const ids = messageIds(ctx, 'message_ids');
  const chat = requireChat(ctx);
  const from = requireChat(ctx, 'from_chat_id');
  withRole('forward', () => ctx.state.checkCanWrite(ctx.bot.id, chat.id));
  const albums = new Map<bigint, bigint>();
  return existing(ctx, from, ids).map((original) => {
    const groupedId = original.groupedId === undefined ? undefined : albums.get(original.groupedId) ?? albums.set(original.groupedId, randomLong()).get(original.groupedId);
    const [forwarded] = withRole('forward', () => ctx.state.forwardMessages(ctx.bot.id, from.id, [ctx.state.boxIdOf(original, ctx.bot.id)!], chat.id, groupedId));
    return { message_id: ctx.state.boxIdOf(forwarded, ctx.bot.id) };
  });
};

/** Copies 1–100 messages (no link to the originals); `remove_caption` drops media captions. Answers MessageId[]. */
export const copyMessages: Method = (ctx) => {
  const ids = messageIds(ctx, 'message_ids');
  const chat = requireChat(ctx);
  const from = requireChat(ctx, 'from_chat_id');
  const removeCaption = ctx.params.boolean('remove_caption') ?? false;
  withRole('copy', () => ctx.state.checkCanWrite(ctx.bot.id, chat.id));
  const albums = new Map<bigint, bigint>();
  return existing(ctx, from, ids).map((original) => {
    const dropCaption = removeCaption && original.media !== undefined;
    const groupedId = original.groupedId === undefined ? undefined : albums.get(original.groupedId) ?? albums.set(original.groupedId, randomLong()).get(original.groupedId);
    const copy = withRole('copy', () => ctx.state.sendMessage(ctx.bot.id, chat.id, {
      text: dropCaption ? '' : original.text,
      entities: dropCaption ? [] : original.entities,
      media: copiedMedia(original),
      replyMarkup: original.replyMarkup?.kind === 'inline' ? original.replyMarkup : undefined,
      groupedId,
    }));
    return { message_id: ctx.state.boxIdOf(copy, ctx.bot.id) };
  });
};

/**
 * Deletes 1–100 messages of the bot's chat; ids that name no message are skipped (the server
 * checks them with allow_empty). Answers true.
 */
export const deleteMessages: Method = (ctx) => {
  const ids = messageIds(ctx, 'message_ids');
  const chat = requireChat(ctx);
  const boxIds = existing(ctx, chat, ids).map((message) => ctx.state.boxIdOf(message, ctx.bot.id)!);
  if (boxIds.length > 0) withRole('delete', () => ctx.state.deleteMessages(ctx.bot.id, boxIds, true));
  return true;
};

/**
 * A list of message ids as tdlib/telegram-bot-api Client::get_message_ids reads it: a JSON
 * array of at most 100 numbers (or numeric strings), each a positive 32-bit integer.
 */
function messageIds(ctx: MethodContext, name: string): number[] {
  const raw = ctx.params.raw(name);
  if (raw === undefined || raw === null || raw === '') throw badRequest('message identifiers are not specified');
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }
  if (!Array.isArray(value)) throw badRequest('expected an Array of message identifiers');
  if (value.length > 100) throw badRequest('too many message identifiers specified');
  const ids = value.map((id) => {
    if (typeof id !== 'number' && typeof id !== 'string') throw badRequest('message identifier must be a Number');
    const number = typeof id === 'number' ? id : /^-?\d+$/.test(id) ? Number(id) : NaN;
    if (!Number.isInteger(number) || number > 2 ** 31 - 1 || number < -(2 ** 31)) throw badRequest("can't parse message identifier as a Number");
    if (number <= 0) throw badRequest('invalid message identifier specified');
    return number;
  });
  if (ids.length === 0) throw badRequest('message identifiers are not specified');
  return ids;
}

/** The messages of the bot's chat with `chat` that these ids name, in the order given; the rest are skipped. */
function existing(ctx: MethodContext, chat: Account, ids: number[]): Message[] {
  return ids
    .map((id) => ctx.state.messageInBox(ctx.bot.id, id))
    .filter((message): message is Message => message !== undefined && ctx.state.peerOf(message, ctx.bot.id) === chat.id);
}

/** A copy of a poll is a new poll (no votes); a forward shows the same one. */
function copiedMedia(original: Message): Message['media'] {
  return original.media?.kind === 'poll' ? { kind: 'poll', poll: copyPoll(original.media.poll) } : original.media;
}

/** A copy carries no link to the original; media may get a new caption. Answers a MessageId. */
export const copyMessage: Method = (ctx) => {
  const chat = requireChat(ctx);
  const from = requireChat(ctx, 'from_chat_id');
  const original = requireMessage(ctx, from, ctx.params.integer('message_id'), 'copy');
  const captionGiven = original.media !== undefined && ctx.params.raw('caption') !== undefined;
  const caption = captionGiven ? formattedText(ctx, 'caption', 'parse_mode', 'caption_entities') : { text: original.text, entities: original.entities };
  const markup = replyMarkup(ctx) ?? (original.replyMarkup?.kind === 'inline' ? original.replyMarkup : undefined);
  const copy = withRole('copy', () => ctx.state.sendMessage(ctx.bot.id, chat.id, {
    text: caption.text,
    entities: caption.entities,
    media: copiedMedia(original),
    replyMarkup: markup,
    replyToBoxId: replyTarget(ctx, chat),
  }));
  return { message_id: ctx.state.boxIdOf(copy, ctx.bot.id) };
};

export const editMessageText: Method = (ctx) => {
  refuseInlineMessage(ctx);
  const chat = requireChat(ctx);
  const message = requireMessage(ctx, chat, ctx.params.integer('message_id'), 'edit');
  const raw = ctx.params.string('text');
  if (raw === undefined || raw === '') throw badRequest('message text is empty');
  if (message.media) throw badRequest('there is no text in the message to edit');
  const { text, entities } = formattedText(ctx, 'text', 'parse_mode', 'entities');
  // As on Telegram, an edit without reply_markup removes the inline keyboard.
  return edit(ctx, message, { text, entities }, replyMarkup(ctx, true) ?? null);
};

export const editMessageCaption: Method = (ctx) => {
  refuseInlineMessage(ctx);
  const chat = requireChat(ctx);
  const message = requireMessage(ctx, chat, ctx.params.integer('message_id'), 'edit');
  if (!message.media) throw badRequest('there is no caption in the message to edit');
  const caption = formattedText(ctx, 'caption', 'parse_mode', 'caption_entities');
  return edit(ctx, message, caption, replyMarkup(ctx, true) ?? null);
};

export const editMessageReplyMarkup: Method = (ctx) => {
  refuseInlineMessage(ctx);
  const chat = requireChat(ctx);
  const message = requireMessage(ctx, chat, ctx.params.integer('message_id'), 'edit');
  return edit(ctx, message, { text: message.text, entities: message.entities }, replyMarkup(ctx, true) ?? null);
};

/** Edits through the state, which refuses an edit that changes nothing (MESSAGE_NOT_MODIFIED). */
function edit(ctx: MethodContext, message: Message, content: { text: string; entities: Message['entities'] }, markup: Extract<Message['replyMarkup'], object> | null): unknown {
  if (message.senderId !== ctx.bot.id) throw badRequest("message can't be edited");
  const boxId = ctx.state.boxIdOf(message, ctx.bot.id)!;
  const edited = withRole('edit', () => ctx.state.editMessage(ctx.bot.id, boxId, { text: content.text, entities: content.entities, replyMarkup: markup }));
  return messageJson(ctx.state, ctx.bot, edited);
}

export const deleteMessage: Method = (ctx) => {
  const chat = requireChat(ctx);
  const message = requireMessage(ctx, chat, ctx.params.integer('message_id'), 'delete');
  withRole('delete', () => ctx.state.deleteMessages(ctx.bot.id, [ctx.state.boxIdOf(message, ctx.bot.id)!], true));
  return true;
};

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** Accepted and checked like Telegram does; the user's client is not shown a typing status. */
export const sendChatAction: Method = (ctx) => {
  const chat = requireChat(ctx);
  const action = ctx.params.string('action');
  if (!action || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
  withRole('reply', () => ctx.state.checkCanWrite(ctx.bot.id, chat.id));
  return true;
};
