/**
 * A real PostgreSQL for the bot's tests: one embedded server per test file (`before`/`after`),
 * one fresh, migrated schema per test (`freshSchema()`).
 */
import { after, before } from 'node:test';
import type { Pool } from 'pg';
import { startEmbeddedPostgres, openAdminPool, createSchema, dropSchema, poolForSchema, scenarioSchemaName } from '../../support/database';
import type { EmbeddedPostgresServer } from '../../support/database';
import { migrate } from '../../src/bot/db/migrate';
import { createRepositories, type Repositories } from '../../src/bot/db/repositories';

export interface TestDatabase {
  /** Fresh, migrated schema with its own pool and repositories; dropped when the file ends. */
  freshSchema(options?: { inviteTtlMs?: number; max?: number }): Promise<{ pool: Pool; repos: Repositories; schema: string }>;
  /** The server's URL, for tests that need their own connections. */
  url(): string;
  admin(): Pool;
}

export function useTestDatabase(): TestDatabase {
  let server: EmbeddedPostgresServer | undefined;
  let admin: Pool | undefined;
  const opened: Array<{ pool: Pool; schema: string }> = [];

  before(async () => {
    server = await startEmbeddedPostgres();
    admin = await openAdminPool(server.url);
  });
  after(async () => {
    for (const { pool, schema } of opened) {
      await pool.end();
      await dropSchema(admin!, schema);
    }
    await admin?.end();
    await server?.stop();
  });

  return {
    async freshSchema(options = {}) {
      const schema = scenarioSchemaName('test_');
      await createSchema(admin!, schema);
      const pool = poolForSchema(server!.url, schema, { max: options.max ?? 10 });
      opened.push({ pool, schema });
      await migrate(pool);
      return { pool, repos: createRepositories(pool, { inviteTtlMs: options.inviteTtlMs }), schema };
    },
    url: () => server!.url,
    admin: () => admin!,
  };
}
