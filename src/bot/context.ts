import type { Context } from 'grammy';
import type { Repositories } from './db/repositories';
import type { Person } from './db/types';

/** Where the bot reports what went wrong; `console` fits. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
}

/**
 * The context flavor of the Family Album bot: what every handler finds on `ctx` besides
 * grammY's own properties. `repos` and `logger` are injected by {@link createBot}; `person` is
 * set before any feature runs (see `middleware/identify-person.ts`).
 */
export interface AlbumFlavor {
  /** The database, behind repositories: handlers never hold SQL. */
  repos: Repositories;
  logger: Logger;
  /** The person who sent this update, registered on first contact. */
  person: Person;
  /** True when this update registered the person. */
  isNewPerson: boolean;
}

export type AlbumContext = Context & AlbumFlavor;
