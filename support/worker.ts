/**
 * What one worker process keeps across scenarios: the backend (Telegram), the database server
 * and the logged-in people. Started in BeforeAll, stopped in AfterAll (see hooks.ts).
 */
import { Cast } from './actors/cast';
import { createBackend, type Backend } from './backends';
import { defaultSettleTimeoutMs } from './settle';
import { WorkerDatabase } from './worker-database';

export interface Worker {
  readonly backend: Backend;
  readonly database: WorkerDatabase;
  readonly cast: Cast;
  readonly settleTimeoutMs: number;
  readonly keepFailedSchemas: boolean;
}

let current: Worker | undefined;

/** Checks every setting first, then starts the database and the backend. */
export async function startWorker(env: NodeJS.ProcessEnv = process.env): Promise<Worker> {
  const settleTimeoutMs = defaultSettleTimeoutMs(env);
  const backend = createBackend(env);
  const database = await WorkerDatabase.open(env);
  try {
    await backend.start();
  } catch (error) {
    await backend.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
  current = { backend, database, cast: new Cast(backend), settleTimeoutMs, keepFailedSchemas: env.KEEP_FAILED_SCHEMAS === '1' };
  return current;
}

export function worker(): Worker {
  if (!current) throw new Error('The worker is not started (the BeforeAll hook in support/hooks.ts starts it; did it fail?)');
  return current;
}

export async function stopWorker(): Promise<void> {
  const stopping = current;
  current = undefined;
  if (!stopping) return;
  await stopping.cast.disconnectEveryone();
  await stopping.backend.stop().catch(() => undefined);
  await stopping.database.close();
}
