/**
 * One PostgreSQL schema per scenario: the cheapest isolation we measured (CREATE SCHEMA +
 * migration + DROP SCHEMA CASCADE ≈ 3.5 ms, against ≈ 20 ms for a database per scenario).
 *
 * ```ts
 * const admin = await openAdminPool(process.env.DATABASE_URL ?? server.url);
 * await dropOrphanSchemas(admin, 'scn_');          // left by a crashed run
 * const schema = scenarioSchemaName('scn_');       // scn_<time>_<random>
 * await createSchema(admin, schema);
 * const db = poolForSchema(url, schema);           // every connection: search_path=<schema>
 * await migrate(db);                               // src/bot/db/migrate.ts
 * // … run the scenario …
 * await db.end();
 * await dropSchema(admin, schema);
 * ```
 *
 * Each schema carries a comment `{"createdAt", "pid", "hostname"}` so that
 * {@link dropOrphanSchemas} can tell a crashed run's schemas from a live worker's.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Pool, type PoolConfig } from 'pg';
import { boundedWaits, DEFAULT_DATABASE_TIMEOUT_MS, openCheckedPool, parseDatabaseUrl } from '../../src/bot/db/connection';
import { isRunning } from './processes';

export { DatabaseSettingError, parseDatabaseUrl, redact } from '../../src/bot/db/connection';

/** Anything that runs a query: a `pg.Pool` or a `pg.Client`. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool for administrative work (creating and dropping schemas) and checks the server
 * answers; a malformed or unreachable URL throws a `DatabaseSettingError` naming `setting`.
 */
export function openAdminPool(url: string | undefined, setting = 'DATABASE_URL', timeoutMs = DEFAULT_DATABASE_TIMEOUT_MS): Promise<Pool> {
  return openCheckedPool(url, { max: 4, ...boundedWaits(timeoutMs) }, setting, 'or unset it to let the suite start an embedded PostgreSQL');
}

/** A fresh schema name: `<prefix><base36 time>_<random>`, e.g. `scn_m3x9k2_a1b2c3`. */
export function scenarioSchemaName(prefix: string): string {
  assertSchemaName(`${prefix}x`);
  return `${prefix}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * Creates `name` (lower-case letters, digits, `_`) and marks it with its creator for
 * {@link dropOrphanSchemas}, in one transaction: no other session ever sees the schema unmarked,
 * so another worker's start-up sweep on a shared `DATABASE_URL` cannot take it for a crashed
 * run's and drop it (it did when the two statements committed apart). Both statements go in one
 * simple-protocol query, which PostgreSQL runs as a single implicit transaction
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-MULTI-STATEMENT),
 * on one connection even when `admin` is a pool.
 */
export async function createSchema(admin: Queryable, name: string): Promise<void> {
  const schema = quoteSchema(name);
  const owner = JSON.stringify({ createdAt: new Date().toISOString(), pid: process.pid, hostname: hostname() });
  await admin.query(`CREATE SCHEMA ${schema}; COMMENT ON SCHEMA ${schema} IS ${quoteLiteral(owner)}`);
}

/** Drops `name` and everything in it; a missing schema is not an error. */
export async function dropSchema(admin: Queryable, name: string): Promise<void> {
  await admin.query(`DROP SCHEMA IF EXISTS ${quoteSchema(name)} CASCADE`);
}

/**
 * Drops schemas named `<prefix>…` that a crashed run left behind, and returns their names.
 *
 * A schema counts as orphaned when it has no creator comment, or its creator ran on this host
 * and is no longer alive, or (when `olderThanMs` is given) it is older than that. A schema of a
 * live process on this host younger than `olderThanMs` is never dropped, so parallel workers
 * sharing one database can all call this at start-up.
 */
export async function dropOrphanSchemas(admin: Queryable, prefix: string, olderThanMs?: number): Promise<string[]> {
  assertSchemaName(`${prefix}x`);
  const { rows } = await admin.query<{ name: string; comment: string | null }>(
    `SELECT nspname AS name, obj_description(oid, 'pg_namespace') AS comment
       FROM pg_namespace WHERE starts_with(nspname, $1)`,
    [prefix],
  );
  const dropped: string[] = [];
  for (const { name, comment } of rows) {
    if (!isOrphan(comment, olderThanMs)) continue;
    await dropSchema(admin, name);
    dropped.push(name);
  }
  return dropped;
}

/**
 * A pool whose every connection uses `schema` (`search_path=<schema>`), for the bot under test.
 * Its waits are bounded like the admin pool's (DATABASE_TIMEOUT_MS; `config` may say otherwise).
 * Throws a `DatabaseSettingError` when `url` is malformed; reachability shows at the first query
 * (use {@link openAdminPool} first to fail early).
 */
export function poolForSchema(url: string, schema: string, config: PoolConfig = {}): Pool {
  parseDatabaseUrl(url);
  assertSchemaName(schema);
  const pool = new Pool({ max: 5, ...boundedWaits(DEFAULT_DATABASE_TIMEOUT_MS), ...config, connectionString: url, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined); // an idle client lost its server; the next query reports it
  return pool;
}

function isOrphan(comment: string | null, olderThanMs: number | undefined): boolean {
  let owner: { createdAt?: string; pid?: number; hostname?: string };
  try {
    owner = JSON.parse(comment ?? '') as typeof owner;
  } catch {
    return true;
  }
  const age = Date.now() - Date.parse(owner.createdAt ?? '');
  if (olderThanMs !== undefined && !(age <= olderThanMs)) return true;
  return owner.hostname === hostname() && typeof owner.pid === 'number' && !isRunning(owner.pid);
}

function assertSchemaName(name: string): void {
  if (!SCHEMA_NAME.test(name)) {
    throw new Error(`Invalid schema name "${name}": use at most 63 lower-case letters, digits and "_", not starting with a digit`);
  }
}

function quoteSchema(name: string): string {
  assertSchemaName(name);
  return `"${name}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
