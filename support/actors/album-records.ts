/**
 * The ability to read the Family Album's own records: the scenario's schema, through the
 * bot's repositories (read-only use). No person can do this in Telegram; a scenario's "Then"
 * may still ask what the bot stored ("Alice and Bob are in the same family"), and this is the
 * one way it does, so steps never reach into the database themselves.
 */
import type { Pool } from 'pg';
import { createRepositories, type Repositories } from '../../src/bot/db/repositories';
import type { Family } from '../../src/bot/db/types';
import type { AlbumStats } from '../../src/bot/db/photos';

export class AlbumRecords {
  private readonly repositories: Repositories;

  /** @param pool the scenario's pool, whose connections use its schema. */
  constructor(pool: Pool) {
    this.repositories = createRepositories(pool);
  }

  /** The family (album and members, owner first) the person with this Telegram id belongs to. */
  familyOf(userId: number): Promise<Family> {
    return this.repositories.families.familyOf(userId);
  }

  /** How many photos the album of this person holds, from how many members. */
  albumStatsOf(userId: number): Promise<AlbumStats> {
    return this.repositories.photos.stats(userId);
  }
}
