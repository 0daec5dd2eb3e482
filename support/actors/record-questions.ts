/**
 * What the Family Album's records say about a person (read through their {@link AlbumRecords}
 * ability): the facts a "Then" checks when no message shows them.
 */
import type { AlbumStats } from '../../src/bot/db/photos';
import type { Family } from '../../src/bot/db/types';
import type { Question } from './actor';

/** The family the person belongs to: its album, its owner, its members (owner first). */
export const theirFamily = (): Question<Family> => ({
  description: 'their family',
  answeredBy: (actor) => actor.records.familyOf(actor.userId),
});

/** Their family album's photo count, contributors and members. */
export const theirAlbum = (): Question<AlbumStats> => ({
  description: 'their family album',
  answeredBy: (actor) => actor.records.albumStatsOf(actor.userId),
});
