import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { processPhoto } from '../../state';
import type { Document, DocumentKind, Media, Photo, PhotoSize, TelegramState } from '../../state';
import { contentFromTl, contentToTl } from './content-media';
import { fromLong, toLong } from './long';

/**
 * Media between the state and TL, both ways.
 *
 * A photo lists its sizes as Telegram sends them to user clients: the stripped thumbnail
 * first (`photoStrippedSize`, type "i"), then each stored size smallest first, the largest
 * as `photoSizeProgressive` (it is a progressive JPEG) and the others as `photoSize`. GramJS
 * downloads the largest (upload.getFile with its type as `thumb_size`). Its `dcId` is where it
 * is stored: GramJS downloads it from there (FILE_MIGRATE elsewhere).
 */
export function photoToTl(photo: Photo): Api.Photo {
  const largest = photo.sizes.length - 1;
  return new Api.Photo({
    id: toLong(photo.id),
    accessHash: toLong(photo.accessHash),
    fileReference: photo.fileReference,
    date: photo.date,
    sizes: [
      new Api.PhotoStrippedSize({ type: 'i', bytes: photo.stripped }),
      ...photo.sizes.map((size, index) => photoSizeToTl(size, index === largest)),
    ],
    dcId: photo.dcId,
  });
}

function photoSizeToTl(size: PhotoSize, largest: boolean): Api.TypePhotoSize {
  const { type, width: w, height: h } = size;
  if (largest && size.progressiveSizes) return new Api.PhotoSizeProgressive({ type, w, h, sizes: [...size.progressiveSizes] });
  return new Api.PhotoSize({ type, w, h, size: size.bytes.length });
}


export function documentToTl(document: Document): Api.Document {
  return new Api.Document({
    id: toLong(document.id),
    accessHash: toLong(document.accessHash),
    fileReference: document.fileReference,
    date: document.date,
    mimeType: document.mimeType,
    size: toLong(document.bytes.length),
    dcId: document.dcId,
    attributes: documentAttributes(document),
  });
}

function documentAttributes(document: Document): Api.TypeDocumentAttribute[] {
  const attributes: Api.TypeDocumentAttribute[] = [];
  const w = document.width ?? 0;
  const h = document.height ?? 0;
  const duration = document.duration ?? 0;
  switch (document.kind) {
    case 'sticker':
      attributes.push(new Api.DocumentAttributeImageSize({ w, h }));
      attributes.push(new Api.DocumentAttributeSticker({ alt: document.emoji ?? '', stickerset: new Api.InputStickerSetEmpty() }));
      break;
    case 'voice':
      attributes.push(new Api.DocumentAttributeAudio({ voice: true, duration }));
      break;
    case 'audio':
      attributes.push(new Api.DocumentAttributeAudio({ duration, title: document.title, performer: document.performer }));
      break;
    case 'video_note':
      attributes.push(new Api.DocumentAttributeVideo({ roundMessage: true, duration, w, h }));
      break;
    case 'animation':
      attributes.push(new Api.DocumentAttributeAnimated());
      attributes.push(new Api.DocumentAttributeVideo({ duration, w, h }));
      break;
    case 'video':
      attributes.push(new Api.DocumentAttributeVideo({ duration, w, h }));
      break;
    case 'file':
      break;
  }
  if (document.fileName) attributes.push(new Api.DocumentAttributeFilename({ fileName: document.fileName }));
  return attributes;
}

/** Media as `viewerId` sees it (a poll shows the viewer's own votes). */
export function mediaToTl(media: Media, viewerId = 0): Api.TypeMessageMedia {
  if (media.kind === 'photo') return new Api.MessageMediaPhoto({ photo: photoToTl(media.photo) });
  if (media.kind !== 'document') return contentToTl(media, viewerId);
  const kind = media.document.kind;
  return new Api.MessageMediaDocument({
    document: documentToTl(media.document),
    voice: kind === 'voice' || undefined,
    video: kind === 'video' || kind === 'video_note' || undefined,
    round: kind === 'video_note' || undefined,
  });
}

/** Media that passed every check and is ready to be stored: calling it changes the state. */
export type PreparedMedia = () => Media;

/**
 * The media a client attaches (`InputMedia`), checked and prepared without changing the state:
 * uploaded photos are joined from their parts and processed as Telegram stores photos
 * (IMAGE_PROCESS_FAILED / PHOTO_INVALID_DIMENSIONS for an image it refuses); photos and
 * documents sent by id must exist with the given access hash; locations, venues, contacts,
 * dice and polls are read by content-media.ts; anything else is MEDIA_INVALID. The returned
 * function stores the media (taking the upload) on `dcId`, the DC it was uploaded to. An album prepares every item first, so one refused photo
 * sends — and stores — nothing.
 */
export async function prepareMedia(state: TelegramState, accountId: number, media: Api.TypeInputMedia | undefined, dcId: number): Promise<PreparedMedia> {
  if (media instanceof Api.InputMediaUploadedPhoto) {
    const processed = await processPhoto(readUploadedFile(state, accountId, media.file));
    return () => {
      takeUploadedFile(state, accountId, media.file);
      return { kind: 'photo', photo: state.storePhoto(processed, dcId) };
    };
  }
  if (media instanceof Api.InputMediaPhoto) {
    const input = media.id;
    const photo = input instanceof Api.InputPhoto ? state.findPhoto(fromLong(input.id)) : undefined;
    if (!photo || !(input instanceof Api.InputPhoto) || fromLong(input.accessHash) !== photo.accessHash) {
      throw new BadRequestError('PHOTO_INVALID', 'no photo with this id and access hash');
    }
    return () => ({ kind: 'photo', photo });
  }
  if (media instanceof Api.InputMediaUploadedDocument) {
    readUploadedFile(state, accountId, media.file);
    return () => {
      const bytes = takeUploadedFile(state, accountId, media.file);
      return { kind: 'document', document: state.storeDocument({ bytes, mimeType: media.mimeType || 'application/octet-stream', ...fromAttributes(media.attributes), dcId }) };
    };
  }
  if (media instanceof Api.InputMediaDocument) {
    const input = media.id;
    const document = input instanceof Api.InputDocument ? state.findDocument(fromLong(input.id)) : undefined;
    if (!document || !(input instanceof Api.InputDocument) || fromLong(input.accessHash) !== document.accessHash) {
      throw new BadRequestError('DOCUMENT_INVALID', 'no document with this id and access hash');
    }
    return () => ({ kind: 'document', document });
  }
  const content = contentFromTl(state, media);
  if (content) return () => content;
  throw new BadRequestError('MEDIA_INVALID', `${media?.className ?? 'no media'} is not supported: send photos, documents, locations, venues, contacts, dice or polls`);
}

function takeUploadedFile(state: TelegramState, accountId: number, file: Api.TypeInputFile): Buffer {
  const { id, parts } = uploadedFile(file);
  return state.takeUpload(accountId, id, parts);
}

/** The joined bytes of an upload, which stays available (to be taken once the photo is accepted). */
function readUploadedFile(state: TelegramState, accountId: number, file: Api.TypeInputFile): Buffer {
  const { id, parts } = uploadedFile(file);
  return state.readUpload(accountId, id, parts);
}

function uploadedFile(file: Api.TypeInputFile): { id: bigint; parts: number } {
  if (file instanceof Api.InputFile || file instanceof Api.InputFileBig) {
    if (file.parts <= 0) throw new BadRequestError('FILE_PARTS_INVALID', `an upload has at least one part, not ${file.parts}`);
    return { id: fromLong(file.id), parts: file.parts };
  }
  throw new BadRequestError('FILE_PARTS_INVALID', `${file.className} is not an uploaded file`);
}

/**
 * What a document is, from its attributes, in Telegram's order of precedence: a sticker, an
 * animation, a (round) video, then a voice note or music — clients add an audio attribute to
 * videos too (GramJS does), and that does not make a video music.
 */
function fromAttributes(attributes: Api.TypeDocumentAttribute[]): {
  kind: DocumentKind; fileName?: string; duration?: number; width?: number; height?: number; emoji?: string; title?: string; performer?: string;
} {
  const found: ReturnType<typeof fromAttributes> = { kind: 'file' };
  let sticker = false;
  let animated = false;
  let video: Api.DocumentAttributeVideo | undefined;
  let audio: Api.DocumentAttributeAudio | undefined;
  for (const attribute of attributes) {
    if (attribute instanceof Api.DocumentAttributeFilename) found.fileName = attribute.fileName;
    else if (attribute instanceof Api.DocumentAttributeImageSize) Object.assign(found, { width: attribute.w, height: attribute.h });
    else if (attribute instanceof Api.DocumentAttributeSticker) {
      sticker = true;
      if (attribute.alt) found.emoji = attribute.alt;
    } else if (attribute instanceof Api.DocumentAttributeAnimated) animated = true;
    else if (attribute instanceof Api.DocumentAttributeVideo) video = attribute;
    else if (attribute instanceof Api.DocumentAttributeAudio) audio = attribute;
  }
  if (video) Object.assign(found, { width: video.w, height: video.h, duration: Math.round(video.duration) });
  if (sticker) found.kind = 'sticker';
  else if (animated) found.kind = 'animation';
  else if (video) found.kind = video.roundMessage ? 'video_note' : 'video';
  else if (audio) {
    found.kind = audio.voice ? 'voice' : 'audio';
    found.duration = audio.duration;
    if (!audio.voice && audio.title) found.title = audio.title;
    if (!audio.voice && audio.performer) found.performer = audio.performer;
  }
  return found;
}

/** The `storage.FileType` of a file's first bytes, as upload.getFile reports it. */
export function storageFileType(bytes: Buffer): Api.storage.TypeFileType {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return new Api.storage.FileJpeg();
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return new Api.storage.FilePng();
  if (bytes.length >= 3 && bytes.toString('ascii', 0, 3) === 'GIF') return new Api.storage.FileGif();
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return new Api.storage.FileWebp();
  if (bytes.length >= 4 && bytes.toString('ascii', 0, 4) === '%PDF') return new Api.storage.FilePdf();
  if (bytes.length >= 8 && bytes.toString('ascii', 4, 8) === 'ftyp') return new Api.storage.FileMp4();
  return new Api.storage.FileUnknown();
}
