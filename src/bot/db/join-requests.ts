import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';
import { toNumber, type PersonName } from './types';

export type JoinVia = 'invite' | 'forward';
export type JoinDecision = 'allow' | 'deny';
export type RequestStatus = 'pending' | 'allowed' | 'denied' | 'cancelled';

export type OpenResult =
  /** A new pending request: tell `owner`. */
  | { readonly kind: 'created'; readonly requestId: number; readonly owner: PersonName; readonly requester: PersonName }
  /** The requester is already in that album (their own included). */
  | { readonly kind: 'already-member'; readonly owner: PersonName }
  /** The requester shares an album with others: they must `/leave` first (owners: `/handover`). */
  | { readonly kind: 'must-leave-first'; readonly owner: PersonName; readonly isOwner: boolean }
  /** The same request is still waiting for the owner. */
  | { readonly kind: 'already-pending'; readonly owner: PersonName }
  /** The album no longer exists (its owner joined another family). */
  | { readonly kind: 'album-gone' };

export type DecideResult =
  | { readonly kind: 'allowed'; readonly requester: PersonName; readonly owner: PersonName; readonly movedPhotos: number }
  | { readonly kind: 'denied'; readonly requester: PersonName; readonly owner: PersonName }
  | { readonly kind: 'already-decided'; readonly status: RequestStatus; readonly requester: PersonName }
  | { readonly kind: 'not-found' }
  /** Someone other than the owner who got the buttons pressed one. */
  | { readonly kind: 'not-approver' }
  /** The approver handed the album over since; the request is cancelled. */
  | { readonly kind: 'no-longer-owner'; readonly requester: PersonName }
  /** The requester joined another family meanwhile; the request is cancelled. */
  | { readonly kind: 'requester-in-other-family'; readonly requester: PersonName };

/**
 * Requests to join an album, by invitation link or by forwarding a member's message.
 *
 * Rules (the product decisions, also stated in texts.ts):
 * - Only someone alone in their own album may ask to join another; someone sharing an album
 *   must `/leave` it first (an owner with members: `/handover`, then `/leave`).
 * - On "Allow" the requester's own photos move with them into the family album, and their old,
 *   now empty album is deleted (with its invitations and requests to join it).
 * - A request is decided once, by the owner who received it, while they still own the album.
 *
 * Locks: the requester's people row first, then the request, then albums (in id order).
 */
export class JoinRequestsRepository {
  constructor(private readonly db: Pool) {}

  async open(input: { requesterId: number; albumId: number; via: JoinVia }): Promise<OpenResult> {
    return inTransaction(this.db, async (tx) => {
      const requester = await lockPerson(tx, input.requesterId);
      const target = await tx.query(
        `SELECT a.id, o.id AS owner_id, o.first_name AS owner_name
           FROM albums a JOIN people o ON o.id = a.owner_id WHERE a.id = $1 FOR SHARE OF a`,
        [input.albumId],
      );
      if (target.rows.length === 0) return { kind: 'album-gone' };
      const owner = { id: toNumber(target.rows[0].owner_id), firstName: target.rows[0].owner_name as string };
      if (requester.albumId === input.albumId) return { kind: 'already-member', owner };

      const current = await tx.query(
        `SELECT o.id AS owner_id, o.first_name AS owner_name, (SELECT count(*) FROM people WHERE album_id = a.id) AS size
           FROM albums a JOIN people o ON o.id = a.owner_id WHERE a.id = $1`,
        [requester.albumId],
      );
      if (toNumber(current.rows[0].size) > 1) {
        const currentOwner = { id: toNumber(current.rows[0].owner_id), firstName: current.rows[0].owner_name as string };
        return { kind: 'must-leave-first', owner: currentOwner, isOwner: currentOwner.id === requester.id };
      }

      const pending = await tx.query(
        `SELECT id, approver_id FROM join_requests WHERE requester_id = $1 AND album_id = $2 AND status = 'pending' FOR UPDATE`,
        [input.requesterId, input.albumId],
      );
      if (pending.rows[0]) {
        if (toNumber(pending.rows[0].approver_id) === owner.id) return { kind: 'already-pending', owner };
        // Its approver handed the album over: that request can no longer be decided.
        await setStatus(tx, toNumber(pending.rows[0].id), 'cancelled');
      }
      const created = await tx.query(
        `INSERT INTO join_requests (album_id, requester_id, approver_id, via) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.albumId, input.requesterId, owner.id, input.via],
      );
      return {
        kind: 'created',
        requestId: toNumber(created.rows[0].id),
        owner,
        requester: { id: requester.id, firstName: requester.firstName },
      };
    });
  }

  /** Withdraws a pending request (e.g. the owner could not be told about it). */
  async cancel(requestId: number): Promise<void> {
    await this.db.query(`UPDATE join_requests SET status = 'cancelled', decided_at = now() WHERE id = $1 AND status = 'pending'`, [requestId]);
  }

  /** The current status of a request, for tests and diagnostics. */
  async status(requestId: number): Promise<RequestStatus | undefined> {
    const { rows } = await this.db.query('SELECT status FROM join_requests WHERE id = $1', [requestId]);
    return rows[0]?.status;
  }

  async decide(requestId: number, deciderId: number, decision: JoinDecision): Promise<DecideResult> {
    return inTransaction(this.db, async (tx) => {
      const peek = await tx.query('SELECT requester_id FROM join_requests WHERE id = $1', [requestId]);
      if (peek.rows.length === 0) return { kind: 'not-found' };
      const requesterRow = await lockPerson(tx, toNumber(peek.rows[0].requester_id));
      const requester = { id: requesterRow.id, firstName: requesterRow.firstName };

      const found = await tx.query(
        `SELECT r.album_id, r.approver_id, r.status, a.owner_id, o.first_name AS owner_name
           FROM join_requests r JOIN albums a ON a.id = r.album_id JOIN people o ON o.id = a.owner_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [requestId],
      );
      const request = found.rows[0];
      if (!request) return { kind: 'not-found' };
      if (request.status !== 'pending') return { kind: 'already-decided', status: request.status, requester };
      if (toNumber(request.approver_id) !== deciderId) return { kind: 'not-approver' };
      if (toNumber(request.owner_id) !== deciderId) {
        await setStatus(tx, requestId, 'cancelled');
        return { kind: 'no-longer-owner', requester };
      }
      const owner = { id: deciderId, firstName: request.owner_name as string };
      if (decision === 'deny') {
        await setStatus(tx, requestId, 'denied');
        return { kind: 'denied', requester, owner };
      }

      const familyAlbumId = toNumber(request.album_id);
      const ownAlbumId = requesterRow.albumId;
      await tx.query('SELECT id FROM albums WHERE id = ANY($1) ORDER BY id FOR UPDATE', [[familyAlbumId, ownAlbumId]]);
      const size = await tx.query('SELECT count(*) AS size FROM people WHERE album_id = $1', [ownAlbumId]);
      if (toNumber(size.rows[0].size) > 1) {
        await setStatus(tx, requestId, 'cancelled');
        return { kind: 'requester-in-other-family', requester };
      }
      const moved = await tx.query('UPDATE photos SET album_id = $2 WHERE album_id = $1', [ownAlbumId, familyAlbumId]);
      await tx.query(
        `UPDATE people SET album_id = $2, joined_album_at = clock_timestamp(), last_shown_photo_id = NULL WHERE id = $1`,
        [requester.id, familyAlbumId],
      );
      await tx.query('DELETE FROM albums WHERE id = $1', [ownAlbumId]);
      await setStatus(tx, requestId, 'allowed');
      return { kind: 'allowed', requester, owner, movedPhotos: moved.rowCount ?? 0 };
    });
  }
}

async function lockPerson(tx: PoolClient, id: number): Promise<{ id: number; firstName: string; albumId: number }> {
  const { rows } = await tx.query('SELECT id, first_name, album_id FROM people WHERE id = $1 FOR UPDATE', [id]);
  if (rows.length === 0) throw new Error(`person ${id} is not registered`);
  return { id: toNumber(rows[0].id), firstName: rows[0].first_name, albumId: toNumber(rows[0].album_id) };
}

async function setStatus(tx: PoolClient, requestId: number, status: RequestStatus): Promise<void> {
  await tx.query('UPDATE join_requests SET status = $2, decided_at = now() WHERE id = $1', [requestId, status]);
}
