/**
 * How far a worker lets V8's old generation grow between full collections.
 *
 * A worker's live heap is small and flat (~50–70 MB after a full GC, at 20 as at 500
 * scenarios), but what a scenario allocates lives for the scenario (its bot, its pool, the
 * clients' updates), long enough to be promoted to the old generation. V8 only runs a full
 * collection when the old generation reaches a limit it sets at the last one: the live size
 * times a factor it picks from its own speed (up to 4×), so it varies from run to run. With
 * ~50 MB live, one run let 150 MB of dead scenarios pile up in the old space (200 MB committed)
 * before a collection, and the worker's resident set peaked at 412 MB, then stayed high until V8
 * gave the pages back (`bench/README.md`, "Memory").
 *
 * A test worker has nothing to gain from that headroom, and the suite runs workers side by side
 * on small machines: a factor of 1.5 keeps the old space under ~95 MB and the peak under 300 MB
 * for a few more full collections (500 scenarios: 30 instead of 23, 0.54 instead of 0.45 s of
 * pauses, while scavenges fell 3.8 → 3.5 s). Set here, not in NODE_OPTIONS, because Node refuses
 * this V8 flag there; a worker started with its own --heap-growing-percent keeps it.
 */
import { setFlagsFromString } from 'node:v8';

export const WORKER_HEAP_GROWING_PERCENT = 50;

if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) {
  setFlagsFromString(`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`);
}
