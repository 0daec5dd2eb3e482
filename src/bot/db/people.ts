import type { Pool } from 'pg';
import { toNumber, type Person } from './types';

export interface Profile {
  readonly id: number;
  readonly firstName: string;
  readonly username?: string | null;
}

/** People and their own albums. */
export class PeopleRepository {
  constructor(private readonly db: Pool) {}

  /**
   * Registers `profile` or refreshes the name of a known person. A new person gets their own
   * empty album, of which they are the owner. One statement, so it is atomic and two updates
   * from the same new person at once still create one person and one album.
   */
  async register(profile: Profile): Promise<{ person: Person; isNew: boolean }> {
    const { rows } = await this.db.query(
      `WITH upserted AS (
         INSERT INTO people (id, first_name, username, album_id)
         VALUES ($1, $2, $3, nextval(pg_get_serial_sequence('albums', 'id')))
         ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, username = EXCLUDED.username
         RETURNING id, first_name, username, album_id, (xmax = 0) AS inserted
       ), own_album AS (
         INSERT INTO albums (id, owner_id) SELECT album_id, id FROM upserted WHERE inserted
       )
       SELECT * FROM upserted`,
      [profile.id, profile.firstName, profile.username ?? null],
    );
    const row = rows[0];
    return { person: toPerson(row), isNew: row.inserted === true };
  }

  /** The person with this Telegram id, if they ever talked to the bot. */
  async find(id: number): Promise<Person | undefined> {
    const { rows } = await this.db.query('SELECT id, first_name, username, album_id FROM people WHERE id = $1', [id]);
    return rows[0] ? toPerson(rows[0]) : undefined;
  }
}

function toPerson(row: Record<string, unknown>): Person {
  return {
    id: toNumber(row.id),
    firstName: String(row.first_name),
    username: (row.username as string | null) ?? null,
    albumId: toNumber(row.album_id),
  };
}
