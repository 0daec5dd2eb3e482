/**
 * upload.*: files in and out. Parts are kept per account and file id until a
 * messages.sendMedia / uploadMedia joins them; downloads return stored bytes sliced by offset
 * and limit: a document's own bytes, or the JPEG of the photo size named by `thumb_size`.
 */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { sizeOfType } from '../../state';
import { fromLong, storageFileType } from '../convert';
import { redirectUnlessHere } from '../dcs';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';

/** Telegram's limits: parts up to 512 KB, downloads up to 1 MB per request. */
const MAX_PART_BYTES = 512 * 1024;
const MAX_GET_FILE_LIMIT = 1024 * 1024;

function checkPart(bytes: Buffer | undefined): Buffer {
  if (!bytes || bytes.length === 0) throw new BadRequestError('FILE_PART_EMPTY', 'the part has no bytes');
  if (bytes.length > MAX_PART_BYTES) throw new BadRequestError('FILE_PART_TOO_BIG', `a part has at most ${MAX_PART_BYTES} bytes`);
  return Buffer.from(bytes);
}

function saveFilePart(ctx: RequestContext, request: Api.upload.SaveFilePart): boolean {
  const account = signedInAccount(ctx);
  ctx.state.saveFilePart(account.id, fromLong(request.fileId), request.filePart, checkPart(request.bytes));
  return true;
}

function saveBigFilePart(ctx: RequestContext, request: Api.upload.SaveBigFilePart): boolean {
  const account = signedInAccount(ctx);
  if (request.fileTotalParts <= 0 || request.fileTotalParts > 8000) {
    throw new BadRequestError('FILE_PARTS_INVALID', `${request.fileTotalParts} is not a valid number of parts`);
  }
  if (request.filePart >= request.fileTotalParts) {
    throw new BadRequestError('FILE_PART_INVALID', `part ${request.filePart} is beyond the ${request.fileTotalParts} announced`);
  }
  ctx.state.saveFilePart(account.id, fromLong(request.fileId), request.filePart, checkPart(request.bytes));
  return true;
}

/**
 * A slice of a stored document, or of one size of a stored photo. Without `precise`, offset and
 * limit must be multiples of 1 KB, as Telegram requires. A file stored on another DC answers
 * FILE_MIGRATE_X: GramJS then downloads it through that DC.
 */
function getFile(ctx: RequestContext, request: Api.upload.GetFile): Api.upload.File {
  signedInAccount(ctx);
  const file = locate(ctx, request.location);
  redirectUnlessHere(ctx.server, 'FILE', file.dcId);
  const offset = Number(request.offset.toString());
  const limit = request.limit;
  if (!Number.isSafeInteger(offset) || offset < 0 || (!request.precise && offset % 1024 !== 0)) {
    throw new BadRequestError('OFFSET_INVALID', `offset ${offset} must be a non-negative multiple of 1024`);
  }
  if (!(limit > 0) || limit > MAX_GET_FILE_LIMIT || (!request.precise && limit % 1024 !== 0)) {
    throw new BadRequestError('LIMIT_INVALID', `limit ${limit} must be a multiple of 1024 up to ${MAX_GET_FILE_LIMIT}`);
  }
  const bytes = file.bytes.subarray(offset, offset + limit);
  return new Api.upload.File({
    type: offset === 0 ? storageFileType(file.bytes) : new Api.storage.FilePartial(),
    mtime: file.date,
    bytes: Buffer.from(bytes),
  });
}

/** The bytes a file location names, with the date and DC of the photo or document they belong to. */
function locate(ctx: RequestContext, location: Api.TypeInputFileLocation): { bytes: Buffer; date: number; dcId: number } {
  if (location instanceof Api.InputPhotoFileLocation) {
    const photo = ctx.state.findPhoto(fromLong(location.id));
    if (!photo || fromLong(location.accessHash) !== photo.accessHash) throw new BadRequestError('LOCATION_INVALID', 'no photo with this id and access hash');
    const size = sizeOfType(photo, location.thumbSize);
    if (!size) {
      const types = photo.sizes.map((stored) => stored.type).join(', ');
      throw new BadRequestError('LOCATION_INVALID', `the photo has no size "${location.thumbSize}" to download (it has ${types}; "i" travels inside the message)`);
    }
    return { bytes: size.bytes, date: photo.date, dcId: photo.dcId };
  }
  if (location instanceof Api.InputDocumentFileLocation) {
    const document = ctx.state.findDocument(fromLong(location.id));
    if (!document || fromLong(location.accessHash) !== document.accessHash) throw new BadRequestError('LOCATION_INVALID', 'no document with this id and access hash');
    return document;
  }
  throw new BadRequestError('LOCATION_INVALID', `${location?.className ?? 'no location'} is not supported: download photos and documents`);
}

export const uploadHandlers: HandlerRegistry = {
  'upload.SaveFilePart': saveFilePart,
  'upload.SaveBigFilePart': saveBigFilePart,
  'upload.GetFile': getFile,
};
