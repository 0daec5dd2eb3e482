import type { Document, FileMedia, Photo, TelegramState } from '../state';

/**
 * Bot-side file identifiers.
 *
 * On Telegram a bot sees `file_id`s that belong to it alone (another bot, or a user's client,
 * has different ones for the same file) and a `file_unique_id` that is the same for every
 * bot but cannot be used to fetch or re-send. Both are opaque base64url strings here too:
 *
 *   file_id        = base64url( version | kind | media id (int64) | access hash (int64) | bot id (int64) )
 *   file_unique_id = base64url( kind | media id (int64) )
 *
 * The access hash makes a guessed or altered file_id fail to decode, and the bot id makes
 * one bot's file_id useless to another, as on Telegram.
 */

const VERSION = 0x02;
const KIND_PHOTO = 0x01;
const KIND_DOCUMENT = 0x05;
const FILE_ID_BYTES = 1 + 1 + 8 + 8 + 8;

export function fileIdOf(media: FileMedia, botId: number): string {
  const { kind, id, accessHash } = identity(media);
  const buffer = Buffer.alloc(FILE_ID_BYTES);
  buffer.writeUInt8(VERSION, 0);
  buffer.writeUInt8(kind, 1);
  buffer.writeBigInt64LE(id, 2);
  buffer.writeBigInt64LE(accessHash, 10);
  buffer.writeBigInt64LE(BigInt(botId), 18);
  return buffer.toString('base64url');
}

export function fileUniqueIdOf(media: FileMedia): string {
  const { kind, id } = identity(media);
  const buffer = Buffer.alloc(9);
  buffer.writeUInt8(kind, 0);
  buffer.writeBigInt64LE(id, 1);
  return buffer.toString('base64url');
}

/** The stored photo or document a bot's file_id names, or undefined if it names nothing of this bot's. */
export function decodeFileId(state: TelegramState, fileId: string, botId: number): FileMedia | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(fileId)) return undefined;
  const buffer = Buffer.from(fileId, 'base64url');
  if (buffer.length !== FILE_ID_BYTES || buffer.readUInt8(0) !== VERSION) return undefined;
  if (buffer.readBigInt64LE(18) !== BigInt(botId)) return undefined;
  const id = buffer.readBigInt64LE(2);
  const accessHash = buffer.readBigInt64LE(10);
  const kind = buffer.readUInt8(1);
  if (kind === KIND_PHOTO) {
    const photo = state.findPhoto(id);
    return photo && photo.accessHash === accessHash ? { kind: 'photo', photo } : undefined;
  }
  if (kind === KIND_DOCUMENT) {
    const document = state.findDocument(id);
    return document && document.accessHash === accessHash ? { kind: 'document', document } : undefined;
  }
  return undefined;
}

function identity(media: FileMedia): { kind: number; id: bigint; accessHash: bigint } {
  const stored: Photo | Document = media.kind === 'photo' ? media.photo : media.document;
  return { kind: media.kind === 'photo' ? KIND_PHOTO : KIND_DOCUMENT, id: stored.id, accessHash: stored.accessHash };
}

// ── file paths (getFile → /file/bot<token>/<file_path>) ─────────────────────────────────────

/** Where `getFile` says the bytes can be downloaded: a folder by kind, the media id, an extension. */
export function filePathOf(media: FileMedia): string {
  if (media.kind === 'photo') return `photos/file_${media.photo.id}.${imageExtension(media.photo.bytes)}`;
  const document = media.document;
  const folder = { file: 'documents', sticker: 'stickers', voice: 'voice', audio: 'music', video: 'videos', animation: 'animations', video_note: 'video_notes' }[document.kind];
  return `${folder}/file_${document.id}.${documentExtension(document)}`;
}

/** The media a file path from `filePathOf` names, or undefined. */
export function mediaAtPath(state: TelegramState, path: string): FileMedia | undefined {
  const match = /^(photos|documents|stickers|voice|music|videos|animations|video_notes)\/file_(\d{1,20})\.[A-Za-z0-9]+$/.exec(path);
  if (!match) return undefined;
  const id = BigInt(match[2]);
  if (match[1] === 'photos') {
    const photo = state.findPhoto(id);
    return photo ? { kind: 'photo', photo } : undefined;
  }
  const document = state.findDocument(id);
  return document ? { kind: 'document', document } : undefined;
}

function imageExtension(bytes: Buffer): string {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x89504e47) return 'png';
  if (bytes.toString('ascii', 0, 3) === 'GIF') return 'gif';
  if (bytes.toString('ascii', 8, 12) === 'WEBP') return 'webp';
  return 'jpg';
}

function documentExtension(document: Document): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(document.fileName ?? '')?.[1];
  if (fromName) return fromName.toLowerCase();
  const byKind: Record<string, string> = { sticker: 'webp', voice: 'oga', audio: 'mp3', video: 'mp4', animation: 'mp4', video_note: 'mp4' };
  return byKind[document.kind] ?? (document.mimeType.split('/')[1]?.replace(/[^A-Za-z0-9]/g, '') || 'dat');
}
