/**
 * A contract client run in a worker thread, its calls proxied over messages, so that closing it
 * ends everything its library left running (the worker is terminated).
 *
 * GramJS 2.12 needs it: after `destroy()` its update loop still sleeps out a 60 s timer it
 * never cancels (`client/updates.js` `_updateLoop`), which would hold the test process open
 * for a minute after the suite is done.
 */
import { Worker } from 'node:worker_threads';
import type { ContractClient, ContractClientFactory, ContractEndpoint } from './contract-client';

type Call = { id: number; method: string; args: unknown[] };

/** Buffers cross a thread as plain Uint8Arrays: make them Buffers again, however deep. */
function revive(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item)]));
  return value;
}
type Answer = { id: number; result?: unknown; error?: string };

/** Inside the worker: creates the client with the named factory and answers calls. */
export async function serveInWorker(): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  const { module, exportName, endpoint, session } = workerData as { module: string; exportName: string; endpoint: ContractEndpoint; session?: string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(module)[exportName] as ContractClientFactory;
  const client = factory.create(endpoint, session);
  parentPort!.on('message', ({ id, method, args }: Call) => {
    client
      .then((ready) => (ready as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args.map(revive)))
      .then((result) => parentPort!.postMessage({ id, result } satisfies Answer))
      .catch((error: Error) => parentPort!.postMessage({ id, error: `${method}: ${error.message}` } satisfies Answer));
  });
}

/** `factory` (exported as `exportName` by `module`) with its clients in worker threads. */
export function inWorker(factory: ContractClientFactory, module: string, exportName: string): ContractClientFactory {
  return {
    name: factory.name,
    layer: factory.layer,
    innerDataEncryption: factory.innerDataEncryption,
    async create(endpoint: ContractEndpoint, session?: string): Promise<ContractClient> {
      const worker = new Worker(`require('ts-node/register'); require(${JSON.stringify(__filename)}).serveInWorker();`, {
        eval: true,
        workerData: { module, exportName, endpoint, session },
      });
      const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
      let calls = 0;
      worker.on('message', ({ id, result, error }: Answer) => {
        const waiting = pending.get(id);
        pending.delete(id);
        if (error !== undefined) waiting?.reject(new Error(error));
        else waiting?.resolve(revive(result));
      });
      worker.on('error', (error) => {
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
      });
      const call = (method: string, ...args: unknown[]) => new Promise<unknown>((resolve, reject) => {
        const id = ++calls;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method, args } satisfies Call);
      });
      const proxy = new Proxy({} as ContractClient, {
        get: (_target, method: string) => {
          if (method === 'then') return undefined; // not a promise
          if (method === 'close') return async () => { await call('close').catch(() => undefined); await worker.terminate(); };
          return (...args: unknown[]) => call(method, ...args);
        },
      });
      return proxy;
    },
  };
}
