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
 *
 * Every scenario still gets its own fresh schema, but its DDL (create + migrate ≈ 19 ms, drop
 * ≈ 7 ms) is kept off the scenario's path: the next scenario's schema is prepared while the
 * current one runs (a pool one deep), and a finished scenario's schema is dropped in the
 * background. {@link settle} (AfterAll) drops the spare, awaits every drop and reports any that
 * failed, so no schema outlives the worker.
 */
import type { Pool } from 'pg';
import {
  createSchema, dropOrphanSchemas, dropSchema, openAdminPool, poolForSchema, redact, scenarioSchemaName, startEmbeddedPostgres,
  type EmbeddedPostgresServer,
} from './index';
import { boundedWaits, databaseTimeoutMs } from '../../src/bot/db/connection';
import { migrate } from '../../src/bot/db/migrate';

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
    /** DATABASE_TIMEOUT_MS: the bound of every wait on the server, the bot's pools' too. */
    private readonly timeoutMs: number,
  ) {}

  /** The next scenario's schema, being prepared while the current scenario runs. */
  private spare: Promise<ScenarioSchema> | undefined;
  /** Drops started by {@link dropScenarioSchemaLater}, not yet finished. */
  private readonly pendingDrops = new Set<Promise<void>>();
  /** Drops that failed, reported by {@link settle}. */
  private readonly failedDrops: string[] = [];

  /** Connects to DATABASE_URL (checked: shape and reachability) or starts an embedded server. */
  static async open(env: NodeJS.ProcessEnv = process.env): Promise<WorkerDatabase> {
    const configured = env.DATABASE_URL?.trim() ? env.DATABASE_URL : undefined;
    const timeoutMs = databaseTimeoutMs(env);
    const embedded = configured ? undefined : await startEmbeddedPostgres({ parentDir: env.EMBEDDED_POSTGRES_DIR?.trim() || undefined });
    try {
      const url = configured ?? embedded!.url;
      const admin = await openAdminPool(url, 'DATABASE_URL', timeoutMs);
      const dropped = await dropOrphanSchemas(admin, SCENARIO_SCHEMA_PREFIX);
      return new WorkerDatabase(url, admin, embedded, dropped, timeoutMs);
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

  /**
   * A new, migrated schema and a pool whose connections use it, used by no scenario before.
   * Takes the spare prepared in the background (or makes one), and starts preparing the next.
   */
  async createScenarioSchema(): Promise<ScenarioSchema> {
    const spare = this.spare;
    this.spare = undefined;
    const schema = spare ? await spare.catch(() => this.prepareSchema()) : await this.prepareSchema();
    this.prepareSpare();
    return schema;
  }

  async dropScenarioSchema(schema: ScenarioSchema, keep = false): Promise<void> {
    await schema.pool.end();
    if (keep) await this.bringOnline(schema);
    else await Promise.all([dropSchema(this.admin, schema.name), dropSchema(this.admin, offlineName(schema))]);
  }

  /**
   * Drops the schema in the background, so the next scenario need not wait for it. A failure is
   * remembered and reported by {@link settle}, never swallowed.
   */
  dropScenarioSchemaLater(schema: ScenarioSchema): void {
    const dropping = this.dropScenarioSchema(schema).catch((error: unknown) => {
      this.failedDrops.push(`"${schema.name}": ${error instanceof Error ? error.message : String(error)}`);
    });
    this.pendingDrops.add(dropping);
    void dropping.finally(() => this.pendingDrops.delete(dropping));
  }

  /**
   * Drops the spare schema and waits for every background drop; throws one error naming each
   * schema that could not be dropped. Call it before {@link close} (AfterAll does).
   */
  async settle(): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    if (spare) {
      const schema = await spare.catch(() => undefined);
      if (schema) this.dropScenarioSchemaLater(schema);
    }
    while (this.pendingDrops.size > 0) await Promise.all(this.pendingDrops);
    if (this.failedDrops.length > 0) {
      const failed = this.failedDrops.splice(0);
      throw new Error(`Could not drop ${failed.length} scenario schema(s) on ${this.description}: ${failed.join('; ')}. ` +
        'Drop them by hand (DROP SCHEMA … CASCADE); the next run drops them as orphans.');
    }
  }

  private async prepareSchema(): Promise<ScenarioSchema> {
    const name = scenarioSchemaName(SCENARIO_SCHEMA_PREFIX);
    await createSchema(this.admin, name);
    const pool = poolForSchema(this.url, name, boundedWaits(this.timeoutMs));
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      await dropSchema(this.admin, name).catch(() => undefined);
      throw error;
    }
    return { name, pool };
  }

  /**
   * Starts preparing the next scenario's schema. Its failure is not charged to the scenario
   * running meanwhile: the next scenario's Before then makes its schema itself, and an error
   * of that one fails that Before, as before the pool existed.
   */
  private prepareSpare(): void {
    const spare = this.prepareSchema();
    spare.catch(() => undefined);
    this.spare = spare;
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
