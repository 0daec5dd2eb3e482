import { initial } from './001-initial';

/** One step of the schema; `id` orders them and is recorded in `schema_migrations` once applied. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append new ones; never edit one that has shipped. */
export const migrations: readonly Migration[] = [initial];
