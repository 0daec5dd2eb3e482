import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';
import { toNumber, type Family, type Member, type PersonName } from './types';

export type LeaveResult =
  /** A member left; they are back in a new, empty album of their own. */
  | { readonly kind: 'left'; readonly formerOwner: PersonName }
  /** The owner tried to leave while others are in the album: hand it over first. */
  | { readonly kind: 'owner-with-members'; readonly successor: PersonName }
  /** Alone in their own album: nothing to leave. */
  | { readonly kind: 'alone' };

export type HandOverResult =
  | { readonly kind: 'handed-over'; readonly newOwner: PersonName }
  | { readonly kind: 'not-owner'; readonly owner: PersonName }
  | { readonly kind: 'no-members' };

/**
 * Who is in which album, leaving and handing over.
 *
 * Rules (the product decisions, also stated in texts.ts):
 * - An owner cannot leave an album others are in. `/handover` makes the longest-standing
 *   member the owner; then the former owner is a member and may `/leave`.
 * - A member who leaves gets a new, empty album of their own; the photos they added stay with
 *   the family (they were shared with it).
 *
 * Locks are always taken people first, then albums, to rule out deadlocks between operations.
 */
export class FamiliesRepository {
  constructor(private readonly db: Pool) {}

  /** The album `personId` belongs to and everyone in it. */
  async familyOf(personId: number): Promise<Family> {
    const { rows } = await this.db.query(
      `SELECT p.id, p.first_name, p.username, p.joined_album_at, a.id AS album_id, a.owner_id
         FROM people me
         JOIN albums a ON a.id = me.album_id
         JOIN people p ON p.album_id = a.id
        WHERE me.id = $1
        ORDER BY (p.id = a.owner_id) DESC, p.joined_album_at, p.id`,
      [personId],
    );
    if (rows.length === 0) throw new Error(`familyOf: person ${personId} is not registered`);
    const members: Member[] = rows.map((row) => ({
      id: toNumber(row.id),
      firstName: row.first_name,
      username: row.username,
      isOwner: toNumber(row.id) === toNumber(row.owner_id),
      joinedAt: row.joined_album_at,
    }));
    const owner = members.find((member) => member.isOwner)!;
    return { albumId: toNumber(rows[0].album_id), owner: { id: owner.id, firstName: owner.firstName }, members };
  }

  async leave(personId: number): Promise<LeaveResult> {
    return inTransaction(this.db, async (tx) => {
      const album = await lockAlbumOf(tx, personId);
      if (album.ownerId === personId) {
        const successor = await longestStandingMember(tx, album.id, personId);
        return successor ? { kind: 'owner-with-members', successor } : { kind: 'alone' };
      }
      const { rows } = await tx.query(`SELECT id, first_name FROM people WHERE id = $1`, [album.ownerId]);
      await tx.query(
        `WITH own AS (INSERT INTO albums (owner_id) VALUES ($1) RETURNING id)
         UPDATE people SET album_id = (SELECT id FROM own), joined_album_at = clock_timestamp(), last_shown_photo_id = NULL
          WHERE id = $1`,
        [personId],
      );
      return { kind: 'left', formerOwner: { id: toNumber(rows[0].id), firstName: rows[0].first_name } };
    });
  }

  /** Makes the longest-standing member the owner of `personId`'s album. */
  async handOver(personId: number): Promise<HandOverResult> {
    return inTransaction(this.db, async (tx) => {
      const album = await lockAlbumOf(tx, personId);
      if (album.ownerId !== personId) {
        const { rows } = await tx.query(`SELECT id, first_name FROM people WHERE id = $1`, [album.ownerId]);
        return { kind: 'not-owner', owner: { id: toNumber(rows[0].id), firstName: rows[0].first_name } };
      }
      const successor = await longestStandingMember(tx, album.id, personId);
      if (!successor) return { kind: 'no-members' };
      await tx.query('UPDATE albums SET owner_id = $2 WHERE id = $1', [album.id, successor.id]);
      return { kind: 'handed-over', newOwner: successor };
    });
  }
}

/** Locks the person's row, then their album's, and returns the album. */
async function lockAlbumOf(tx: PoolClient, personId: number): Promise<{ id: number; ownerId: number }> {
  const person = await tx.query('SELECT album_id FROM people WHERE id = $1 FOR UPDATE', [personId]);
  if (person.rows.length === 0) throw new Error(`person ${personId} is not registered`);
  const album = await tx.query('SELECT id, owner_id FROM albums WHERE id = $1 FOR UPDATE', [person.rows[0].album_id]);
  return { id: toNumber(album.rows[0].id), ownerId: toNumber(album.rows[0].owner_id) };
}

async function longestStandingMember(tx: PoolClient, albumId: number, except: number): Promise<PersonName | undefined> {
  const { rows } = await tx.query(
    `SELECT id, first_name FROM people WHERE album_id = $1 AND id <> $2 ORDER BY joined_album_at, id LIMIT 1`,
    [albumId, except],
  );
  return rows[0] ? { id: toNumber(rows[0].id), firstName: rows[0].first_name } : undefined;
}
