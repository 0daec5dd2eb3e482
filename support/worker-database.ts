/**
 * The PostgreSQL server of one worker process and a fresh schema per scenario.
 *
 * With `DATABASE_URL` the suite uses that server; without it, each worker starts its own
 * embedded PostgreSQL (data on /dev/shm when present) in BeforeAll and stops it, removing its
 * files, in AfterAll — or at exit, Ctrl-C included (see support/database/embedded-postgres.ts).
 *
 * Why per worker and not one per run: cucumber has no hook that runs once before its parallel
 * workers, so one server per run would need workers to elect an owner and agree on when it may
 * stop. A server per worker costs ~0.6 s (initdb), paid in parallel by the workers, and shares
 * nothing, so a crashed worker cannot break another.
 */
import type { Pool } from 'pg';
import {
  createSchema, dropOrphanSchemas, dropSchema, openAdminPool, poolForSchema, redact, scenarioSchemaName, startEmbeddedPostgres,
  type EmbeddedPostgresServer,
} from './database';
import { migrate } from '../src/bot/db/migrate';

/** Prefix of every scenario schema; schemas with it that a crashed run left are dropped at start. */
export const SCENARIO_SCHEMA_PREFIX = 'scn_';

export interface ScenarioSchema {
  readonly name: string;
  readonly pool: Pool;
}

/** Same prefix, so a crashed run's offline schema is dropped as an orphan too. */
function offlineName(schema: ScenarioSchema): string {
  return `${schema.name}_off`;
}

export class WorkerDatabase {
  private constructor(
    readonly url: string,
    private readonly admin: Pool,
    private readonly embedded: EmbeddedPostgresServer | undefined,
    /** Orphaned schemas dropped at start, for the log. */
    readonly droppedOrphans: string[],
  ) {}

  /** Connects to DATABASE_URL (checked: shape and reachability) or starts an embedded server. */
  static async open(env: NodeJS.ProcessEnv = process.env): Promise<WorkerDatabase> {
    const configured = env.DATABASE_URL?.trim() ? env.DATABASE_URL : undefined;
    const embedded = configured ? undefined : await startEmbeddedPostgres();
    try {
      const url = configured ?? embedded!.url;
      const admin = await openAdminPool(url, 'DATABASE_URL');
      const dropped = await dropOrphanSchemas(admin, SCENARIO_SCHEMA_PREFIX);
      return new WorkerDatabase(url, admin, embedded, dropped);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }

  get description(): string {
    return this.embedded ? `embedded PostgreSQL on port ${this.embedded.port} (${this.embedded.dataDir})` : `DATABASE_URL ${redact(this.url)}`;
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** A new, migrated schema and a pool whose connections use it. */
  async createScenarioSchema(): Promise<ScenarioSchema> {
    const name = scenarioSchemaName(SCENARIO_SCHEMA_PREFIX);
    await createSchema(this.admin, name);
    const pool = poolForSchema(this.url, name);
    await migrate(pool);
    return { name, pool };
  }

  async dropScenarioSchema(schema: ScenarioSchema, keep = false): Promise<void> {
    await schema.pool.end();
    if (keep) await this.bringOnline(schema);
    else await Promise.all([dropSchema(this.admin, schema.name), dropSchema(this.admin, offlineName(schema))]);
  }

  /**
   * Makes the schema unreachable for its pool, as a database outage would: renamed away, every
   * query of the bot fails. Reversible with {@link bringOnline}.
   */
  async takeOffline(schema: ScenarioSchema): Promise<void> {
    await this.admin.query(`ALTER SCHEMA "${schema.name}" RENAME TO "${offlineName(schema)}"`);
  }

  async bringOnline(schema: ScenarioSchema): Promise<void> {
    const { rows } = await this.admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [offlineName(schema)]);
    if (rows.length > 0) await this.admin.query(`ALTER SCHEMA "${offlineName(schema)}" RENAME TO "${schema.name}"`);
  }

  async close(): Promise<void> {
    await this.admin.end().catch(() => undefined);
    await this.embedded?.stop();
  }
}
