/**
 * Isolation: what it costs to give one scenario a clean database, three ways, with the bot's
 * real migration (`src/bot/db/migrate.ts`) each time:
 *
 * - schema per scenario (ours): CREATE SCHEMA + migrate into it + DROP SCHEMA CASCADE, on a
 *   connection the worker already holds;
 * - database per scenario: CREATE DATABASE + connect to it + migrate + disconnect + DROP DATABASE;
 * - database from a template: the template is migrated once; per scenario CREATE DATABASE …
 *   TEMPLATE + connect + disconnect + DROP DATABASE.
 *
 * - for reference, not a contender: one migrated schema per worker, emptied between scenarios
 *   with TRUNCATE … RESTART IDENTITY. It shows what the DDL of create + migrate + drop costs.
 *
 * A database variant must open a connection (a connection belongs to one database); a schema
 * does not, which is part of why it is cheaper. For transparency we also time the schema variant
 * with its own fresh pool, the way a bot gets `poolForSchema(url, schema)`.
 *
 * The three are interleaved round-robin on one embedded PostgreSQL (data on /dev/shm), after a
 * warm-up, so drift in the machine's load hits all of them alike.
 */
import { Pool } from 'pg';
import { startEmbeddedPostgres, createSchema, dropSchema, poolForSchema } from '../support/database';
import { migrate } from '../src/bot/db/migrate';
import type { BenchOptions, BenchResult } from './report';
import { summarize, timeMs, type Summary } from './stats';

const TEMPLATE = 'bench_template';

export async function runIsolation({ quick, log }: BenchOptions): Promise<BenchResult> {
  const rounds = quick ? 30 : 200;
  const warmUp = quick ? 5 : 20;
  const server = await startEmbeddedPostgres();
  const admin = new Pool({ connectionString: server.url, max: 1 });
  admin.on('error', () => undefined); // the server going away at the end is expected
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    await withDatabase(server.url, TEMPLATE, (pool) => migrate(pool));
    const reused = 'bench_worker';
    await migrate(admin, { schema: reused });
    const { rows } = await admin.query<{ name: string }>(
      `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1`, [reused]);
    const truncateAll = `TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`;

    let serial = 0;
    const name = (prefix: string) => `${prefix}_${process.pid}_${serial++}`;
    const variants: Record<string, () => Promise<unknown>> = {
      schema: async () => {
        const schema = name('bench_scn');
        await createSchema(admin, schema);
        await migrate(admin, { schema });
        await dropSchema(admin, schema);
      },
      schemaWithPool: async () => {
        const schema = name('bench_scp');
        await createSchema(admin, schema);
        const pool = poolForSchema(server.url, schema, { max: 1 });
        await migrate(pool);
        await pool.end();
        await dropSchema(admin, schema);
      },
      database: async () => {
        const database = name('bench_db');
        await admin.query(`CREATE DATABASE ${database}`);
        await withDatabase(server.url, database, (pool) => migrate(pool));
        await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
      },
      template: async () => {
        const database = name('bench_tpl');
        await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE}`);
        await withDatabase(server.url, database, (pool) => pool.query('SELECT 1'));
        await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
      },
      truncate: () => admin.query(truncateAll),
    };

    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((key) => [key, []]));
    for (let round = 0; round < warmUp + rounds; round++) {
      for (const [key, run] of Object.entries(variants)) {
        const ms = await timeMs(run);
        if (round >= warmUp) samples[key]!.push(ms);
      }
    }
    const stats = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, summarize(values)])) as Record<string, Summary>;
    log(`isolation: ${rounds} rounds of ${Object.keys(variants).join(', ')}`);
    const schema = stats.schema!.p50;
    return {
      name: 'isolation',
      figures: [
        { key: 'isolation_schema_p50_ms', label: 'schema per scenario p50', value: schema, unit: 'ms', target: { op: '<=', value: 5 } },
        { key: 'isolation_database_p50_ms', label: 'database per scenario p50', value: stats.database!.p50, unit: 'ms' },
        { key: 'isolation_template_p50_ms', label: 'database from template p50', value: stats.template!.p50, unit: 'ms' },
        { key: 'isolation_database_ratio', label: 'database ÷ schema', value: stats.database!.p50 / schema, unit: '×', target: { op: '>=', value: 4 } },
        { key: 'isolation_template_ratio', label: 'template ÷ schema', value: stats.template!.p50 / schema, unit: '×', target: { op: '>=', value: 4 } },
        { key: 'isolation_schema_own_pool_p50_ms', label: 'schema + its own fresh pool p50', value: stats.schemaWithPool!.p50, unit: 'ms' },
        { key: 'isolation_truncate_p50_ms', label: 'reference: reused schema, TRUNCATE p50', value: stats.truncate!.p50, unit: 'ms' },
      ],
      details: { rounds, warmUp, stats },
    };
  } finally {
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}

/** Connects to `database` on the server of `url`, runs `work` on a one-connection pool, disconnects. */
async function withDatabase(url: string, database: string, work: (pool: Pool) => Promise<unknown>): Promise<void> {
  const target = new URL(url);
  target.pathname = `/${database}`;
  const pool = new Pool({ connectionString: target.toString(), max: 1 });
  // DROP DATABASE … WITH (FORCE) may still find the backend exiting and terminate it: expected.
  pool.on('error', () => undefined);
  try {
    await work(pool);
  } finally {
    await pool.end();
  }
}
