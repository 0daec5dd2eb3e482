/**
 * PostgreSQL for tests and the acceptance suite: an embedded server and one schema per scenario.
 * See `embedded-postgres.ts` and `schema.ts` for the why; the bot's migrations are in
 * `src/bot/db/migrate.ts`.
 */
export { startEmbeddedPostgres, findFreePort, EmbeddedPostgresError } from './embedded-postgres';
export type { EmbeddedPostgresOptions, EmbeddedPostgresServer } from './embedded-postgres';
export {
  openAdminPool,
  createSchema,
  dropSchema,
  dropOrphanSchemas,
  poolForSchema,
  scenarioSchemaName,
  DatabaseSettingError,
  parseDatabaseUrl,
  redact,
} from './schema';
export type { Queryable } from './schema';
