import type { Pool } from 'pg';
import { inTransaction } from './transaction';
import { toNumber, type StoredPhoto } from './types';

export interface NewPhoto {
  readonly uploaderId: number;
  /** The bot-side file id (what `sendPhoto` accepts) and the stable id across bots. */
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly caption?: string | null;
  readonly mediaGroupId?: string | null;
  /** Where the photo came from; a redelivered update is recognised by these and stored once. */
  readonly chatId: number;
  readonly messageId: number;
}

export interface SavedPhoto {
  /** Photos in the album now, this one included. Exact: uploads to one album are serialised. */
  readonly albumTotal: number;
  /** True when this exact message was stored before (Telegram redelivered the update). */
  readonly duplicate: boolean;
  /** Present for a photo of a media group. */
  readonly group?: {
    /** Photos of this media group stored so far. */
    readonly count: number;
    /** True for the first photo of the group to arrive: it alone gets a reply. */
    readonly isFirst: boolean;
    /** The reply to edit, once the first photo's reply has been recorded. */
    readonly replyMessageId: number | null;
  };
}

export interface AlbumStats {
  readonly photos: number;
  /** Members who added at least one of those photos. */
  readonly contributors: number;
  readonly members: number;
}

/**
 * Photos of albums.
 *
 * Uploads to one album take that album's row lock, so concurrent uploads are serialised per
 * album and the counts they report are exact (1, 2, … N, no two alike). The uploader's row is
 * share-locked first, so a join or leave that moves them waits and the photo lands in exactly
 * one album.
 */
export class PhotosRepository {
  constructor(private readonly db: Pool) {}

  async add(photo: NewPhoto): Promise<SavedPhoto> {
    return inTransaction(this.db, async (tx) => {
      const uploader = await tx.query('SELECT album_id FROM people WHERE id = $1 FOR SHARE', [photo.uploaderId]);
      if (uploader.rows.length === 0) throw new Error(`photos.add: person ${photo.uploaderId} is not registered`);
      const albumId = toNumber(uploader.rows[0].album_id);
      await tx.query('SELECT id FROM albums WHERE id = $1 FOR UPDATE', [albumId]);
      const inserted = await tx.query(
        `INSERT INTO photos (album_id, uploader_id, file_id, file_unique_id, caption, media_group_id, source_chat_id, source_message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (source_chat_id, source_message_id) DO NOTHING RETURNING id`,
        [albumId, photo.uploaderId, photo.fileId, photo.fileUniqueId, photo.caption ?? null, photo.mediaGroupId ?? null, photo.chatId, photo.messageId],
      );
      const total = await tx.query('SELECT count(*) AS n FROM photos WHERE album_id = $1', [albumId]);
      const saved = { albumTotal: toNumber(total.rows[0].n), duplicate: inserted.rows.length === 0 };
      if (!photo.mediaGroupId) return saved;

      const claimed = await tx.query(
        `INSERT INTO media_group_replies (chat_id, media_group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING chat_id`,
        [photo.chatId, photo.mediaGroupId],
      );
      const group = await tx.query(
        `SELECT (SELECT count(*) FROM photos WHERE source_chat_id = $1 AND media_group_id = $2) AS count,
                (SELECT reply_message_id FROM media_group_replies WHERE chat_id = $1 AND media_group_id = $2) AS reply_message_id`,
        [photo.chatId, photo.mediaGroupId],
      );
      const replyMessageId = group.rows[0].reply_message_id;
      return {
        ...saved,
        group: {
          count: toNumber(group.rows[0].count),
          isFirst: claimed.rows.length === 1,
          replyMessageId: replyMessageId === null ? null : toNumber(replyMessageId),
        },
      };
    });
  }

  /** Records the reply the first photo of a media group got, so later photos edit it. */
  async rememberGroupReply(chatId: number, mediaGroupId: string, replyMessageId: number): Promise<void> {
    await this.db.query('UPDATE media_group_replies SET reply_message_id = $3 WHERE chat_id = $1 AND media_group_id = $2', [
      chatId,
      mediaGroupId,
      replyMessageId,
    ]);
  }

  /**
   * A random photo of `personId`'s album, never the one shown to them last time when there is
   * another; remembers it as shown. Undefined when the album is empty.
   */
  async showRandom(personId: number): Promise<StoredPhoto | undefined> {
    return inTransaction(this.db, async (tx) => {
      const me = await tx.query('SELECT album_id, last_shown_photo_id FROM people WHERE id = $1 FOR UPDATE', [personId]);
      if (me.rows.length === 0) throw new Error(`photos.showRandom: person ${personId} is not registered`);
      const { rows } = await tx.query(
        `SELECT p.id, p.file_id, p.caption, p.created_at, u.id AS uploader_id, u.first_name AS uploader_name
           FROM photos p JOIN people u ON u.id = p.uploader_id
          WHERE p.album_id = $1
          ORDER BY (p.id IS NOT DISTINCT FROM $2), random()
          LIMIT 1`,
        [me.rows[0].album_id, me.rows[0].last_shown_photo_id],
      );
      const row = rows[0];
      if (!row) return undefined;
      await tx.query('UPDATE people SET last_shown_photo_id = $2 WHERE id = $1', [personId, row.id]);
      return {
        id: toNumber(row.id),
        fileId: row.file_id,
        caption: row.caption,
        uploader: { id: toNumber(row.uploader_id), firstName: row.uploader_name },
        sentAt: row.created_at,
      };
    });
  }

  /** Photos in `personId`'s album, how many members added them, and how many members it has. */
  async stats(personId: number): Promise<AlbumStats> {
    const { rows } = await this.db.query(
      `SELECT (SELECT count(*) FROM photos WHERE album_id = me.album_id) AS photos,
              (SELECT count(DISTINCT uploader_id) FROM photos WHERE album_id = me.album_id) AS contributors,
              (SELECT count(*) FROM people WHERE album_id = me.album_id) AS members
         FROM people me WHERE me.id = $1`,
      [personId],
    );
    if (rows.length === 0) throw new Error(`photos.stats: person ${personId} is not registered`);
    return { photos: toNumber(rows[0].photos), contributors: toNumber(rows[0].contributors), members: toNumber(rows[0].members) };
  }
}
