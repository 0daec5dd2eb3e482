import type { Document, FileMedia, Photo } from './types';

/** Default for {@link MediaStoreOptions.budgetBytes}: 64 MB, about 18 000 of the suite's photos as the emulator keeps them (≈ 3.6 KB each: JPEG sizes and a stripped thumbnail). */
export const DEFAULT_MEDIA_BUDGET_BYTES = 64 * 1024 * 1024;

export interface MediaStoreOptions {
  /**
   * How many bytes of files no message holds may stay stored for bots' file_ids (see
   * {@link MediaStore}); files that messages hold are never evicted, whatever their size.
   */
  budgetBytes?: number;
}

/** What the store holds, for tests, the bench and `control.snapshot()`. */
export interface MediaUsage {
  /** Bytes of every stored photo and document. */
  storedBytes: number;
  /** Of those, the bytes of files no message holds (kept for bots' file_ids, evicted first). */
  unheldBytes: number;
  photos: number;
  documents: number;
  budgetBytes: number;
}

interface Entry {
  readonly media: FileMedia;
  readonly bytes: number;
  /** Messages (in at least one box) that carry this file. */
  holders: number;
  /** A bot was handed a file_id for it (the file was in a message in a bot's box). */
  knownToBot: boolean;
}

/**
 * The stored photos and documents, with a bound on what no message still references.
 *
 * What keeps a file fetchable, as on Telegram:
 * - **A message in any box** (a user's or a bot's, a forward's copy too) holds its file:
 *   users download it and re-send it with the file reference they got from that message
 *   (core.telegram.org/api/file_reference: a reference is refreshed from the message it came
 *   from; once the message is gone it cannot be). A held file is never evicted.
 * - **A bot's file_id**: a bot may re-send or `getFile` a file_id it was handed long after the
 *   message left every box (the Family Album keeps them in its database). So a file a bot has
 *   seen stays stored when its last message goes, and is evicted only when the unheld files'
 *   bytes pass the budget: least recently released first. A file_id of an evicted file then
 *   answers as a wrong file identifier does.
 * - **Nothing else**: a file no bot has seen leaves the store as soon as its last message
 *   does; one stored but never sent (a send refused after its upload) is evicted first.
 *   There are no profile photos or sticker sets in the emulator to hold files.
 *
 * "Held" counts messages, not boxes: a message is one holder while it is in at least one box
 * (the state calls {@link hold} when it enters its first box and {@link release} when it
 * leaves its last). Clearing history with revoke, as the suite does per scenario, therefore
 * releases what only those messages held.
 */
export class MediaStore {
  readonly budgetBytes: number;
  private readonly entries = new Map<bigint, Entry>();
  /** Unheld entries, least recently released (or stored) first: the eviction order. */
  private readonly unheld = new Map<bigint, Entry>();
  private storedBytes = 0;
  private unheldBytes = 0;

  constructor(options: MediaStoreOptions = {}) {
    this.budgetBytes = checkMediaBudget(options.budgetBytes ?? DEFAULT_MEDIA_BUDGET_BYTES);
  }

  /** Keeps a new file; it is unheld until a message carries it. */
  add(media: FileMedia): void {
    const id = idOf(media);
    if (this.entries.has(id)) return;
    const entry: Entry = { media, bytes: bytesOf(media), holders: 0, knownToBot: false };
    this.entries.set(id, entry);
    this.storedBytes += entry.bytes;
    this.markUnheld(id, entry);
    this.evictOverBudget(id);
  }

  findPhoto(id: bigint): Photo | undefined {
    const media = this.entries.get(id)?.media;
    return media?.kind === 'photo' ? media.photo : undefined;
  }

  findDocument(id: bigint): Document | undefined {
    const media = this.entries.get(id)?.media;
    return media?.kind === 'document' ? media.document : undefined;
  }

  /**
   * A message carrying `media` entered its first box; `toBot` when that box (or another it
   * enters) is a bot's, which hands the bot a file_id. A file evicted meanwhile (stored, then
   * evicted before its message was sent) is stored again: its bytes were still in hand.
   */
  hold(media: FileMedia, toBot: boolean): void {
    const id = idOf(media);
    if (!this.entries.has(id)) this.add(media);
    const entry = this.entries.get(id)!;
    entry.knownToBot ||= toBot;
    if (entry.holders++ === 0) {
      this.unheld.delete(id);
      this.unheldBytes -= entry.bytes;
    }
  }

  /** A bot was handed a file_id for `media` (its message entered a bot's box). */
  handedToBot(media: FileMedia): void {
    const entry = this.entries.get(idOf(media));
    if (entry) entry.knownToBot = true;
  }

  /** A message carrying `media` left its last box. */
  release(media: FileMedia): void {
    const id = idOf(media);
    const entry = this.entries.get(id);
    if (!entry || entry.holders === 0) return;
    if (--entry.holders > 0) return;
    if (!entry.knownToBot) {
      this.remove(id, entry);
      return;
    }
    this.markUnheld(id, entry);
    this.evictOverBudget();
  }

  usage(): MediaUsage {
    let photos = 0;
    for (const entry of this.entries.values()) if (entry.media.kind === 'photo') photos++;
    return {
      storedBytes: this.storedBytes,
      unheldBytes: this.unheldBytes,
      photos,
      documents: this.entries.size - photos,
      budgetBytes: this.budgetBytes,
    };
  }

  clear(): void {
    this.entries.clear();
    this.unheld.clear();
    this.storedBytes = 0;
    this.unheldBytes = 0;
  }

  private markUnheld(id: bigint, entry: Entry): void {
    this.unheld.delete(id);
    this.unheld.set(id, entry);
    this.unheldBytes += entry.bytes;
  }

  /** Evicts unheld files, oldest first, until their bytes fit the budget; never `keep` (the file just stored). */
  private evictOverBudget(keep?: bigint): void {
    for (const [id, entry] of this.unheld) {
      if (this.unheldBytes <= this.budgetBytes) return;
      if (id !== keep) this.remove(id, entry);
    }
  }

  private remove(id: bigint, entry: Entry): void {
    this.entries.delete(id);
    this.storedBytes -= entry.bytes;
    if (this.unheld.delete(id)) this.unheldBytes -= entry.bytes;
  }
}

/** Checks a media budget; throws a message naming the bounds. */
export function checkMediaBudget(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`a media budget is 0 bytes or more, not ${bytes}`);
  return bytes;
}

function idOf(media: FileMedia): bigint {
  return media.kind === 'photo' ? media.photo.id : media.document.id;
}

/** The bytes a stored file keeps in memory: a document's own, or a photo's JPEG sizes and stripped thumbnail. */
export function bytesOf(media: FileMedia): number {
  if (media.kind === 'document') return media.document.bytes.length;
  return media.photo.sizes.reduce((sum, size) => sum + size.bytes.length, media.photo.stripped.length);
}
