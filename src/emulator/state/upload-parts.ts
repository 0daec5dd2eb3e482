import { BadRequestError } from '../errors';

/**
 * Default for {@link UploadPartsOptions.ttlMs}: 10 minutes. Telegram keeps uploaded parts
 * "between several minutes and several hours (depending on how busy the storage area is).
 * After this time, the file part will become unavailable" (core.telegram.org/api/files,
 * "Uploading files"); the emulator takes the short end, which no client relies on.
 */
export const DEFAULT_UPLOAD_PARTS_TTL_MS = 10 * 60_000;
/** Bounds of the TTL setting. */
export const MIN_UPLOAD_PARTS_TTL_MS = 1;
export const MAX_UPLOAD_PARTS_TTL_MS = 24 * 3_600_000;

export interface UploadPartsOptions {
  /** An upload none of whose parts arrived for this long is forgotten (ms). */
  ttlMs?: number;
  /**
   * The bytes unfinished uploads may hold together ("how busy the storage area is"): past it,
   * the uploads touched least recently are forgotten first, never the one being written.
   */
  budgetBytes?: number;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
}

interface Upload {
  readonly parts: Buffer[];
  bytes: number;
  touchedAt: number;
}

/**
 * Parts of files clients are uploading (MTProto `upload.saveFilePart` / `saveBigFilePart`),
 * kept until a send uses them (`take`) or they expire: after {@link UploadPartsOptions.ttlMs}
 * without a new part, or when unfinished uploads pass their byte budget. Expiry is checked
 * whenever parts are saved or taken and by {@link sweep} (the emulator calls it now and then),
 * so abandoned uploads never accumulate. A send naming expired parts gets FILE_PARTS_INVALID,
 * as one naming parts never sent does.
 */
export class UploadParts {
  readonly ttlMs: number;
  readonly budgetBytes: number;
  private readonly now: () => number;
  /** By `accountId:fileId`, least recently touched first. */
  private readonly uploads = new Map<string, Upload>();
  private bytes = 0;

  constructor(options: UploadPartsOptions = {}) {
    this.ttlMs = checkUploadPartsTtl(options.ttlMs ?? DEFAULT_UPLOAD_PARTS_TTL_MS);
    this.budgetBytes = options.budgetBytes ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
  }

  /** Keeps one part; FILE_PART_INVALID when its number is out of Telegram's range. */
  save(accountId: number, fileId: bigint, part: number, bytes: Buffer): void {
    if (part < 0 || part > 3999) throw new BadRequestError('FILE_PART_INVALID', `part ${part} is out of range`);
    this.sweep();
    const key = `${accountId}:${fileId}`;
    const upload = this.uploads.get(key) ?? { parts: [], bytes: 0, touchedAt: 0 };
    this.uploads.delete(key);
    this.uploads.set(key, upload);
    upload.touchedAt = this.now();
    const replaced = upload.parts[part]?.length ?? 0;
    upload.parts[part] = bytes;
    upload.bytes += bytes.length - replaced;
    this.bytes += bytes.length - replaced;
    for (const [otherKey, other] of this.uploads) {
      if (this.bytes <= this.budgetBytes) break;
      if (otherKey !== key) this.forget(otherKey, other);
    }
  }

  /** Joins an upload's parts, checking that all `totalParts` arrived, and forgets them. */
  take(accountId: number, fileId: bigint, totalParts: number): Buffer {
    const bytes = this.read(accountId, fileId, totalParts);
    const key = `${accountId}:${fileId}`;
    this.forget(key, this.uploads.get(key)!);
    return bytes;
  }

  /**
   * Joins an upload's parts, checking that all `totalParts` arrived, and keeps them (a photo is
   * checked before its upload is taken: a refused image leaves the upload as it was).
   */
  read(accountId: number, fileId: bigint, totalParts: number): Buffer {
    this.sweep();
    const upload = this.uploads.get(`${accountId}:${fileId}`);
    if (!upload) throw new BadRequestError('FILE_PARTS_INVALID', `no parts were uploaded for file ${fileId} (or they expired)`);
    for (let i = 0; i < totalParts; i++) {
      if (!upload.parts[i]) throw new BadRequestError(`FILE_PART_${i}_MISSING`, `part ${i} of ${totalParts} never arrived`);
    }
    return Buffer.concat(upload.parts.slice(0, totalParts));
  }

  /** Forgets uploads untouched for longer than the TTL. */
  sweep(): void {
    const oldest = this.now() - this.ttlMs;
    for (const [key, upload] of this.uploads) {
      // Least recently touched first: the first one still fresh ends the sweep.
      if (upload.touchedAt > oldest) return;
      this.forget(key, upload);
    }
  }

  /** Unfinished uploads and the bytes their parts hold. */
  usage(): { uploads: number; bytes: number } {
    return { uploads: this.uploads.size, bytes: this.bytes };
  }

  clear(): void {
    this.uploads.clear();
    this.bytes = 0;
  }

  private forget(key: string, upload: Upload): void {
    this.uploads.delete(key);
    this.bytes -= upload.bytes;
  }
}

/** Checks an upload-parts TTL; throws a message naming the bounds. */
export function checkUploadPartsTtl(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_UPLOAD_PARTS_TTL_MS || ms > MAX_UPLOAD_PARTS_TTL_MS) {
    throw new RangeError(`an upload parts TTL is ${MIN_UPLOAD_PARTS_TTL_MS} ms to ${MAX_UPLOAD_PARTS_TTL_MS / 3_600_000} h, not ${ms}`);
  }
  return ms;
}
