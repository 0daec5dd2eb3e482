import { largestSize, sizeOfType } from '../state';
import type { Document, FileMedia, Photo, PhotoSize, TelegramState } from '../state';

/**
 * Bot-side file identifiers.
 *
 * On Telegram a bot sees `file_id`s that belong to it alone (another bot, or a user's client,
 * has different ones for the same file) and a `file_unique_id` that is the same for every
 * bot but cannot be used to fetch or re-send. Each size of a photo is a file of its own, with
 * its own pair. Both are opaque base64url strings here too:
 *
 *   file_id        = base64url( version | kind | size type | media id (int64) | access hash (int64) | bot id (int64) )
 *   file_unique_id = base64url( kind | size type | media id (int64) )
 *
 * (size type: the photo size's letter, "s", "m", "x", "y" or "w"; 0 for a document). The access
 * hash makes a guessed or altered file_id fail to decode, and the bot id makes one bot's
 * file_id useless to another, as on Telegram. Any size's file_id re-sends the whole photo.
 */

const VERSION = 0x03;
const KIND_PHOTO = 0x01;
const KIND_DOCUMENT = 0x05;
const NO_SIZE = 0x00;
const FILE_ID_BYTES = 1 + 1 + 1 + 8 + 8 + 8;

/** The file_id of a document, or of one size of a photo (the largest unless named). */
export function fileIdOf(media: FileMedia, botId: number, size?: PhotoSize): string {
  const { kind, sizeType, id, accessHash } = identity(media, size);
  const buffer = Buffer.alloc(FILE_ID_BYTES);
  buffer.writeUInt8(VERSION, 0);
  buffer.writeUInt8(kind, 1);
  buffer.writeUInt8(sizeType, 2);
  buffer.writeBigInt64LE(id, 3);
  buffer.writeBigInt64LE(accessHash, 11);
  buffer.writeBigInt64LE(BigInt(botId), 19);
  return buffer.toString('base64url');
}

/** The file_unique_id of a document, or of one size of a photo (the largest unless named). */
export function fileUniqueIdOf(media: FileMedia, size?: PhotoSize): string {
  const { kind, sizeType, id } = identity(media, size);
  const buffer = Buffer.alloc(10);
  buffer.writeUInt8(kind, 0);
  buffer.writeUInt8(sizeType, 1);
  buffer.writeBigInt64LE(id, 2);
  return buffer.toString('base64url');
}

/** What a bot's file_id names: the media, and for a photo the size it was the file_id of. */
export interface NamedFile {
  readonly media: FileMedia;
  /** Photos only. */
  readonly size?: PhotoSize;
}

/** The stored photo or document a bot's file_id names, or undefined if it names nothing of this bot's. */
export function decodeFileId(state: TelegramState, fileId: string, botId: number): FileMedia | undefined {
  return decodeFile(state, fileId, botId)?.media;
}

/** Like `decodeFileId`, keeping which size of a photo the file_id names (for getFile). */
export function decodeFile(state: TelegramState, fileId: string, botId: number): NamedFile | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(fileId)) return undefined;
  const buffer = Buffer.from(fileId, 'base64url');
  if (buffer.length !== FILE_ID_BYTES || buffer.readUInt8(0) !== VERSION) return undefined;
  if (buffer.readBigInt64LE(19) !== BigInt(botId)) return undefined;
  const kind = buffer.readUInt8(1);
  const sizeType = buffer.readUInt8(2);
  const id = buffer.readBigInt64LE(3);
  const accessHash = buffer.readBigInt64LE(11);
  if (kind === KIND_PHOTO) {
    const photo = state.findPhoto(id);
    const size = photo && sizeOfType(photo, String.fromCharCode(sizeType));
    return photo && size && photo.accessHash === accessHash ? { media: { kind: 'photo', photo }, size } : undefined;
  }
  if (kind === KIND_DOCUMENT && sizeType === NO_SIZE) {
    const document = state.findDocument(id);
    return document && document.accessHash === accessHash ? { media: { kind: 'document', document } } : undefined;
  }
  return undefined;
}

function identity(media: FileMedia, size?: PhotoSize): { kind: number; sizeType: number; id: bigint; accessHash: bigint } {
  if (media.kind === 'document') return { kind: KIND_DOCUMENT, sizeType: NO_SIZE, id: media.document.id, accessHash: media.document.accessHash };
  const { type } = size ?? largestSize(media.photo);
  return { kind: KIND_PHOTO, sizeType: type.charCodeAt(0), id: media.photo.id, accessHash: media.photo.accessHash };
}

// ── file paths (getFile → /file/bot<token>/<file_path>) ─────────────────────────────────────

/** Where `getFile` says the bytes can be downloaded: a folder by kind, the media id (and photo size), an extension. */
export function filePathOf(file: NamedFile): string {
  const { media } = file;
  if (media.kind === 'photo') return `photos/file_${media.photo.id}_${(file.size ?? largestSize(media.photo)).type}.jpg`;
  const document = media.document;
  const folder = { file: 'documents', sticker: 'stickers', voice: 'voice', audio: 'music', video: 'videos', animation: 'animations', video_note: 'video_notes' }[document.kind];
  return `${folder}/file_${document.id}.${documentExtension(document)}`;
}

/** The bytes a file path from `filePathOf` names, with the media they belong to, or undefined. */
export function fileAtPath(state: TelegramState, path: string): { media: FileMedia; bytes: Buffer } | undefined {
  const photo = /^photos\/file_(\d{1,20})_([smxyw])\.jpg$/.exec(path);
  if (photo) {
    const stored: Photo | undefined = state.findPhoto(BigInt(photo[1]!));
    const size = stored && sizeOfType(stored, photo[2]!);
    return stored && size ? { media: { kind: 'photo', photo: stored }, bytes: size.bytes } : undefined;
  }
  const match = /^(documents|stickers|voice|music|videos|animations|video_notes)\/file_(\d{1,20})\.[A-Za-z0-9]+$/.exec(path);
  const document = match ? state.findDocument(BigInt(match[2]!)) : undefined;
  return document ? { media: { kind: 'document', document }, bytes: document.bytes } : undefined;
}

/** The bytes of the file a file_id names: a document, or one size of a photo. */
export function bytesOf(file: NamedFile): Buffer {
  return file.media.kind === 'photo' ? (file.size ?? largestSize(file.media.photo)).bytes : file.media.document.bytes;
}

function documentExtension(document: Document): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(document.fileName ?? '')?.[1];
  if (fromName) return fromName.toLowerCase();
  const byKind: Record<string, string> = { sticker: 'webp', voice: 'oga', audio: 'mp3', video: 'mp4', animation: 'mp4', video_note: 'mp4' };
  return byKind[document.kind] ?? (document.mimeType.split('/')[1]?.replace(/[^A-Za-z0-9]/g, '') || 'dat');
}
