/**
 * What one worker process keeps across scenarios: the backend (Telegram), the database server
 * and the logged-in people. Started in BeforeAll, stopped in AfterAll (see ../hooks.ts).
 */
// First: caps V8's old-space growth in this worker before the scenarios allocate (see heap.ts).
import './heap';
// A worker whose coordinator went away stops at once (see orphan-guard.ts).
import './orphan-guard';
import type { Cast } from '../actors/cast';
import type { Backend } from '../backends';
import { defaultSettleTimeoutMs } from '../settle';
import type { WorkerDatabase } from '../database/worker-database';

export interface Worker {
  readonly backend: Backend;
  readonly database: WorkerDatabase;
  readonly cast: Cast;
  readonly settleTimeoutMs: number;
  readonly keepFailedSchemas: boolean;
}

let current: Worker | undefined;

/**
 * Checks every setting first, then starts the database and the backend side by side: the
 * database is a child process (initdb + start ≈ 0.6 s) and the backend mostly waits on ports and
 * the thread pool, so neither needs the other's time. When either fails, whatever did start is
 * stopped and the first failure (the database's before the backend's) is thrown as it was.
 */
export async function startWorker(env: NodeJS.ProcessEnv = process.env): Promise<Worker> {
  const settleTimeoutMs = defaultSettleTimeoutMs(env);
  // Loaded here rather than at the top: cucumber's coordinator loads this file with the step
  // definitions before it starts its workers, and in a --parallel run it never starts a worker;
  // the backend (the emulator, GramJS), the database (pg) and the people cost it ~1.2 s of CPU.
  const [{ createBackend }, { WorkerDatabase }, { Cast }] = await Promise.all([
    import('../backends'), import('../database/worker-database'), import('../actors/cast'),
  ]);
  const backend = createBackend(env);
  const [opened, started] = await Promise.allSettled([WorkerDatabase.open(env), backend.start()]);
  if (opened.status === 'rejected' || started.status === 'rejected') {
    await Promise.allSettled([
      backend.stop(),
      opened.status === 'fulfilled' ? opened.value.close() : undefined,
    ]);
    throw opened.status === 'rejected' ? opened.reason : (started as PromiseRejectedResult).reason;
  }
  const database = opened.value;
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
  // Every scenario schema is gone before the server stops; a failed drop is thrown after it.
  const leftSchemas = await stopping.database.settle().then(() => undefined, (error: unknown) => error);
  await stopping.cast.disconnectEveryone();
  await stopping.backend.stop().catch(() => undefined);
  await stopping.database.close();
  if (leftSchemas) throw leftSchemas;
}
