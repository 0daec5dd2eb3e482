import { TelegramError } from '../../errors';
import { processPhoto, randomLong, type Account, type DocumentKind, type FileMedia, type MessageEntity } from '../../state';
import { badRequest, fromTelegramError, withRole } from '../errors';
import { bytesOf, decodeFile, decodeFileId, fileIdOf, filePathOf, fileUniqueIdOf } from '../file-ids';
import { parseFormatted } from '../formatting';
import type { InputFile } from '../params';
import { messageJson } from '../convert';
import { type Method, type MethodContext, refuseInlineMessage, requireChat, requireMessage } from './context';
import { formattedText, parseEntities, replyMarkup, replyTarget } from './content';
import { send } from './messages';

/** Photos, documents, albums and downloads. */

/** Telegram serves bots files of at most 20 MB through getFile. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export const sendPhoto: Method = async (ctx) => {
  const chat = requireChat(ctx);
  const input = ctx.params.inputFile('photo');
  if (!input) throw badRequest('there is no photo in the request');
  const caption = formattedText(ctx, 'caption', 'parse_mode', 'caption_entities');
  const replyToBoxId = replyTarget(ctx, chat);
  const markup = replyMarkup(ctx);
  checkCanWrite(ctx, chat);
  const media = (await photoMedia(ctx, input)).store();
  return send(ctx, chat, { text: caption.text, entities: caption.entities, media, replyMarkup: markup, replyToBoxId });
};

export const sendDocument: Method = (ctx) => sendFile(ctx, 'document', 'file');

/**
 * The sendX methods for files of one kind: voice notes, videos, music, animations, stickers
 * and round video notes. Each takes its file under its own name ("There is no voice in the
 * request" when absent), reads its integer attributes leniently as Telegram does (durations,
 * sizes: clamped, never an error), and checks a file_id's kind ("can't use file of type Audio
 * as Voice"). Stickers and video notes take no caption. tdlib/telegram-bot-api Client.cpp
 * process_send_{voice,video,audio,animation,sticker,video_note}_query.
 */
export const sendVoice: Method = (ctx) => sendFile(ctx, 'voice', 'voice', (p) => ({ duration: p.clampedInteger('duration', 0, MAX_DURATION) }));
export const sendAudio: Method = (ctx) => sendFile(ctx, 'audio', 'audio', (p) => ({
  duration: p.clampedInteger('duration', 0, MAX_DURATION),
  ...(p.string('title') ? { title: p.string('title') } : {}),
  ...(p.string('performer') ? { performer: p.string('performer') } : {}),
}));
export const sendVideo: Method = (ctx) => sendFile(ctx, 'video', 'video', visualAttributes);
export const sendAnimation: Method = (ctx) => sendFile(ctx, 'animation', 'animation', visualAttributes);
export const sendSticker: Method = (ctx) => sendFile(ctx, 'sticker', 'sticker', (p) => (p.string('emoji') ? { emoji: p.string('emoji') } : {}));
export const sendVideoNote: Method = (ctx) => sendFile(ctx, 'video_note', 'video_note', (p) => {
  const length = p.clampedInteger('length', 0, MAX_LENGTH);
  return { duration: p.clampedInteger('duration', 0, MAX_DURATION), width: length, height: length };
});

/** Telegram's MAX_DURATION and MAX_LENGTH for these attributes (Client.h). */
const MAX_DURATION = 24 * 60 * 60;
const MAX_LENGTH = 10000;

function visualAttributes(params: MethodContext['params']): DocumentAttributes {
  return {
    duration: params.clampedInteger('duration', 0, MAX_DURATION),
    width: params.clampedInteger('width', 0, MAX_LENGTH),
    height: params.clampedInteger('height', 0, MAX_LENGTH),
  };
}

type DocumentAttributes = { duration?: number; width?: number; height?: number; emoji?: string; title?: string; performer?: string };

/** What each kind is called in its parameter and in Telegram's messages, and its default MIME type. */
const FILE_KINDS: Record<DocumentKind, { noun: string; typeName: string; mimeType?: string; caption: boolean }> = {
  file: { noun: 'document', typeName: 'Document', caption: true },
  voice: { noun: 'voice', typeName: 'VoiceNote', mimeType: 'audio/ogg', caption: true },
  audio: { noun: 'audio', typeName: 'Audio', mimeType: 'audio/mpeg', caption: true },
  video: { noun: 'video', typeName: 'Video', mimeType: 'video/mp4', caption: true },
  animation: { noun: 'animation', typeName: 'Animation', mimeType: 'video/mp4', caption: true },
  sticker: { noun: 'sticker', typeName: 'Sticker', mimeType: 'image/webp', caption: false },
  video_note: { noun: 'video note', typeName: 'VideoNote', mimeType: 'video/mp4', caption: false },
};

function sendFile(ctx: MethodContext, parameter: string, kind: DocumentKind, attributes: (params: MethodContext['params']) => DocumentAttributes = () => ({})): unknown {
  const chat = requireChat(ctx);
  const input = ctx.params.inputFile(parameter);
  if (!input) throw badRequest(`there is no ${FILE_KINDS[kind].noun} in the request`);
  const caption = FILE_KINDS[kind].caption ? formattedText(ctx, 'caption', 'parse_mode', 'caption_entities') : { text: '', entities: [] };
  const replyToBoxId = replyTarget(ctx, chat);
  const markup = replyMarkup(ctx);
  checkCanWrite(ctx, chat);
  const media = documentMedia(ctx, input, kind, attributes(ctx.params)).store();
  return send(ctx, chat, { text: caption.text, entities: caption.entities, media, replyMarkup: markup, replyToBoxId });
}

/**
 * An album of 2–10 photos and videos, of audio files, or of documents: every item is read and
 * checked first (Telegram's mixing rules: "document can't be mixed with other media types",
 * "audio can't be mixed …"), then every file is resolved (photos processed: one refused image
 * stores nothing), then the messages are sent together under one grouped id. Answers Message[].
 */
export const sendMediaGroup: Method = async (ctx) => {
  const chat = requireChat(ctx);
  const value = ctx.params.json('media', "can't parse media JSON object");
  if (value === undefined) throw badRequest('parameter "media" is required');
  if (!Array.isArray(value)) throw badRequest("can't parse media JSON object");
  if (value.length < 2 || value.length > 10) throw badRequest('media group must include 2-10 items');
  const items = value.map((raw) => inputMedia(ctx, raw, true));
  for (const only of ['document', 'audio'] as const) {
    if (items.some((item) => item.type === only) && items.some((item) => item.type !== only)) throw badRequest(`${only} can't be mixed with other media types`);
  }
  const replyToBoxId = replyTarget(ctx, chat);
  checkCanWrite(ctx, chat);
  const prepared = await Promise.all(items.map((item) => resolveInputMedia(ctx, item)));
  const media = prepared.map((item) => item.store());
  const groupedId = randomLong();
  return items.map((item, index) => send(ctx, chat, {
    text: item.caption.text,
    entities: item.caption.entities,
    media: media[index],
    groupedId,
    replyToBoxId: index === 0 ? replyToBoxId : undefined,
  }));
};

/**
 * Replaces the photo, video, animation, audio or document of a message the bot sent (the new
 * caption with it; none when the InputMedia has none). A message without such media: "there is
 * no media in the message to edit" (TDLib's MessagesManager::edit_message_media).
 */
export const editMessageMedia: Method = async (ctx) => {
  refuseInlineMessage(ctx);
  const chat = requireChat(ctx);
  const message = requireMessage(ctx, chat, ctx.params.integer('message_id'), 'edit');
  const raw = ctx.params.json('media', "can't parse input media JSON object");
  if (raw === undefined) throw badRequest('parameter "media" is required');
  const item = inputMedia(ctx, raw, false);
  const markup = replyMarkup(ctx, true);
  if (message.senderId !== ctx.bot.id) throw badRequest("message can't be edited");
  if (!message.media || (message.media.kind !== 'photo' && message.media.kind !== 'document') || (message.media.kind === 'document' && ['sticker', 'voice', 'video_note'].includes(message.media.document.kind))) {
    throw badRequest('there is no media in the message to edit');
  }
  const media = (await resolveInputMedia(ctx, item)).store();
  const boxId = ctx.state.boxIdOf(message, ctx.bot.id)!;
  const edited = withRole('edit', () => ctx.state.editMessage(ctx.bot.id, boxId, { media, text: item.caption.text, entities: item.caption.entities, replyMarkup: markup ?? null }));
  return messageJson(ctx.state, ctx.bot, edited);
};

/** One InputMedia, read but not yet stored: nothing is kept until every item of a request is known good. */
interface InputMediaItem {
  type: 'photo' | 'video' | 'animation' | 'audio' | 'document';
  input: InputFile;
  caption: { text: string; entities: MessageEntity[] };
  attributes: DocumentAttributes;
}

/**
 * An InputMedia object as tdlib/telegram-bot-api Client::get_input_media reads it: caption
 * (parse_mode or caption_entities), type, media (attach://, URL or file_id), and the kind's
 * attributes, clamped. Its errors are "can't parse InputMedia: …".
 */
function inputMedia(ctx: MethodContext, raw: unknown, forAlbum: boolean): InputMediaItem {
  const fail = (reason: string) => badRequest(`can't parse InputMedia: ${reason}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('expected an Object');
  const item = raw as Record<string, unknown>;
  const stringField = (name: string): string | undefined => {
    const value = item[name];
    if (value === undefined) return undefined;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw fail(`Field "${name}" must be of type String`);
    return value;
  };
  const intField = (name: string, max: number): number => {
    const value = item[name];
    if (value === undefined) return 0;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(number)) throw fail(typeof value === 'string' ? `Field "${name}" must be a valid Number` : `Field "${name}" must be a Number`);
    return Math.min(Math.max(number, 0), max);
  };
  const text = stringField('caption') ?? '';
  const parseMode = stringField('parse_mode') ?? '';
  let caption: InputMediaItem['caption'] = { text, entities: [] };
  if (item.caption_entities !== undefined) caption = { text, entities: parseEntities(item.caption_entities, text) };
  else if (parseMode !== '') caption = parseFormatted(text, parseMode);
  const type = stringField('type');
  if (type === undefined) throw fail('Can\'t find field "type"');
  const media = stringField('media') ?? '';
  if (media === '') throw fail('media not found');
  let input: InputFile;
  try {
    input = ctx.params.resolveFileReference(media);
  } catch {
    throw fail('media not found');
  }
  switch (type) {
    case 'photo':
    case 'document':
      return { type, input, caption, attributes: {} };
    case 'video':
      return { type, input, caption, attributes: { width: intField('width', MAX_LENGTH), height: intField('height', MAX_LENGTH), duration: intField('duration', MAX_DURATION) } };
    case 'animation':
      if (forAlbum) throw fail(`type "${type}" can't be used in sendMediaGroup`);
      return { type, input, caption, attributes: { width: intField('width', MAX_LENGTH), height: intField('height', MAX_LENGTH), duration: intField('duration', MAX_DURATION) } };
    case 'audio':
      return { type, input, caption, attributes: { duration: intField('duration', MAX_DURATION), title: stringField('title'), performer: stringField('performer') } };
    default:
      throw fail(`type "${type}" is unsupported`);
  }
}

async function resolveInputMedia(ctx: MethodContext, item: InputMediaItem): Promise<PreparedMedia> {
  if (item.type === 'photo') return photoMedia(ctx, item.input);
  return documentMedia(ctx, item.input, item.type === 'document' ? 'file' : item.type, item.attributes);
}

/**
 * Media that passed every check: `store()` keeps it (a new upload) and returns it. Checking
 * comes first so that an album with one bad item stores nothing.
 */
interface PreparedMedia {
  store(): FileMedia;
}

const existing = (media: FileMedia): PreparedMedia => ({ store: () => media });

/**
 * An uploaded image becomes a new stored photo, processed as Telegram stores photos. A bad
 * image answers "Bad Request: IMAGE_PROCESS_FAILED" (no readable image) or "Bad Request:
 * PHOTO_INVALID_DIMENSIONS" (beyond width + height 10000 or a ratio of 20): Telegram's RPC
 * errors, which the Bot API server passes through after "Bad Request: " when they are upper
 * case (tdlib/telegram-bot-api, telegram-bot-api/Client.cpp, Client::fail_query_with_error).
 * A file_id must name one of this bot's photos (any of its sizes: each re-sends the whole photo).
 */
async function photoMedia(ctx: MethodContext, input: InputFile): Promise<PreparedMedia> {
  if (input.kind === 'url') throw noNetwork(input.url);
  if (input.kind === 'file_id') {
    const media = decodeFileId(ctx.state, input.fileId, ctx.bot.id);
    if (!media) throw badRequest('wrong file identifier/HTTP URL specified');
    if (media.kind !== 'photo') throw badRequest(`can't use file of type ${FILE_KINDS[media.document.kind].typeName} as Photo`);
    return existing(media);
  }
  if (input.file.bytes.length === 0) throw badRequest('file must be non-empty');
  try {
    const processed = await processPhoto(input.file.bytes);
    return { store: () => ({ kind: 'photo', photo: ctx.state.storePhoto(processed) }) };
  } catch (error) {
    if (error instanceof TelegramError) throw fromTelegramError(error);
    throw error;
  }
}

/**
 * A file of the given kind: uploaded now (stored with the kind's attributes), or a file_id of
 * this bot's that is a file of that kind. sendDocument takes any file; the others only their own kind.
 */
function documentMedia(ctx: MethodContext, input: InputFile, kind: DocumentKind = 'file', attributes: DocumentAttributes = {}): PreparedMedia {
  if (input.kind === 'url') throw noNetwork(input.url);
  if (input.kind === 'file_id') {
    const media = decodeFileId(ctx.state, input.fileId, ctx.bot.id);
    if (!media) throw badRequest('wrong file identifier/HTTP URL specified');
    const actual = media.kind === 'photo' ? 'Photo' : FILE_KINDS[media.document.kind].typeName;
    if (media.kind !== 'document' || (kind !== 'file' && media.document.kind !== kind)) throw badRequest(`can't use file of type ${actual} as ${FILE_KINDS[kind].typeName}`);
    return existing(media);
  }
  if (input.file.bytes.length === 0) throw badRequest('file must be non-empty');
  const { bytes, filename, contentType } = input.file;
  const given = contentType === 'application/octet-stream' ? guessMime(filename) : contentType;
  const mimeType = given === 'application/octet-stream' ? FILE_KINDS[kind].mimeType ?? given : given;
  const defined = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined && value !== ''));
  return { store: () => ({ kind: 'document', document: ctx.state.storeDocument({ bytes, fileName: filename, mimeType, kind, ...defined }) }) };
}

/**
 * Telegram would download the URL; the embedded Telegram has no network, so it refuses at
 * once with Telegram's own wording for an unreachable URL, rather than hanging.
 */
function noNetwork(url: string) {
  void url;
  return badRequest('failed to get HTTP URL content');
}

/** Checked before storing anything, so a refused send leaves no orphan uploads behind. */
export function checkCanWrite(ctx: MethodContext, chat: Account): void {
  withRole('reply', () => ctx.state.checkCanWrite(ctx.bot.id, chat.id));
}

function guessMime(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const known: Record<string, string> = { pdf: 'application/pdf', txt: 'text/plain', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', zip: 'application/zip', json: 'application/json' };
  return known[ext] ?? 'application/octet-stream';
}

/** Where to download a file (a document, or the photo size the file_id names): `{apiRoot}/file/bot<token>/<file_path>`. */
export const getFile: Method = (ctx) => {
  const fileId = ctx.params.string('file_id');
  if (!fileId) throw badRequest('file_id is empty');
  const file = decodeFile(ctx.state, fileId, ctx.bot.id);
  if (!file) throw badRequest('invalid file_id');
  const size = bytesOf(file).length;
  if (size > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
  return { file_id: fileIdOf(file.media, ctx.bot.id, file.size), file_unique_id: fileUniqueIdOf(file.media, file.size), file_size: size, file_path: filePathOf(file) };
};
