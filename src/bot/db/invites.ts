import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { toNumber } from './types';

/** How long an invitation link works. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Codes are URL-safe base64 (a deep-link payload allows A–Z, a–z, 0–9, _ and -). */
const CODE_SHAPE = /^[A-Za-z0-9_-]{1,32}$/;

export type InviteLookup =
  | { readonly kind: 'valid'; readonly albumId: number }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

/** Invitation codes for `/invite` deep links. */
export class InvitesRepository {
  constructor(
    private readonly db: Pool,
    private readonly ttlMs = INVITE_TTL_MS,
  ) {}

  /** A new code for `albumId`, valid for the configured time. */
  async create(albumId: number, createdBy: number): Promise<{ code: string; expiresAt: Date }> {
    const code = randomBytes(9).toString('base64url');
    const { rows } = await this.db.query(
      `INSERT INTO invites (code, album_id, created_by, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') RETURNING expires_at`,
      [code, albumId, createdBy, this.ttlMs],
    );
    return { code, expiresAt: rows[0].expires_at };
  }

  /** What a code from a deep link leads to; garbage is simply unknown. */
  async lookUp(code: string): Promise<InviteLookup> {
    if (!CODE_SHAPE.test(code)) return { kind: 'unknown' };
    const { rows } = await this.db.query('SELECT album_id, expires_at <= now() AS expired FROM invites WHERE code = $1', [code]);
    if (rows.length === 0) return { kind: 'unknown' };
    return rows[0].expired ? { kind: 'expired' } : { kind: 'valid', albumId: toNumber(rows[0].album_id) };
  }
}
