/**
 * Brings a schema up to date with {@link migrations}.
 *
 * Why hand-written and not node-pg-migrate or similar: the acceptance suite migrates a fresh
 * schema for every scenario (thousands of times per run, within a ~3.5 ms budget), from inside
 * the test process, against whichever schema the pool's `search_path` names. What that needs —
 * an ordered list of SQL steps, a record of applied ids, one transaction, an advisory lock — is
 * forty lines here; a tool would add a dependency, a CLI-shaped API, file-system discovery of
 * migration files, and its own lock/table conventions to learn, for no capability we use.
 *
 * Safe to run concurrently (parallel workers, two bot instances): a transaction-scoped advisory
 * lock keyed by the schema name serialises runners, and the second finds nothing to do.
 * Idempotent: applied ids are recorded in `schema_migrations`. All-or-nothing: pending steps run
 * in one transaction (PostgreSQL DDL is transactional).
 */
import type { Pool } from 'pg';
import { migrations as allMigrations, type Migration } from './migrations';
import { inTransaction } from './transaction';

/** Namespace of our advisory locks (first key), so they never meet another application's. */
const LOCK_NAMESPACE = 0x4641_4d31; // "FAM1"

export interface MigrateOptions {
  /** Schema to migrate, created if missing; default: the pool's `current_schema()`. */
  schema?: string;
  /** For tests of the runner itself. */
  migrations?: readonly Migration[];
}

/** Applies pending migrations and returns the ids it applied (empty when up to date). */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<string[]> {
  return inTransaction(pool, (client) => migrateInTransaction(client, options));
}

async function migrateInTransaction(
  client: { query: Pool['query'] },
  { schema: requested, migrations = allMigrations }: MigrateOptions,
): Promise<string[]> {
  if (requested !== undefined) {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, requested]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(requested)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdentifier(requested)}`);
  }
  const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new Error('migrate: the connection\'s search_path names no existing schema; create the schema first or pass { schema }');
  }
  if (requested === undefined) {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, schema]);
  }
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
  const pending = migrations.filter((migration) => !done.has(migration.id));
  for (const migration of pending) {
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
  }
  return pending.map((migration) => migration.id);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
