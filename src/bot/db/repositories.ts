import type { Pool } from 'pg';
import { FamiliesRepository } from './families';
import { InvitesRepository } from './invites';
import { JoinRequestsRepository } from './join-requests';
import { PeopleRepository } from './people';
import { PhotosRepository } from './photos';

/** Everything the handlers may do with the database. All SQL lives behind these. */
export interface Repositories {
  readonly people: PeopleRepository;
  readonly photos: PhotosRepository;
  readonly families: FamiliesRepository;
  readonly invites: InvitesRepository;
  readonly joinRequests: JoinRequestsRepository;
}

/** The repositories over `db`, a pool whose connections use the bot's schema (search_path). */
export function createRepositories(db: Pool, options: { inviteTtlMs?: number } = {}): Repositories {
  return {
    people: new PeopleRepository(db),
    photos: new PhotosRepository(db),
    families: new FamiliesRepository(db),
    invites: new InvitesRepository(db, options.inviteTtlMs),
    joinRequests: new JoinRequestsRepository(db),
  };
}
