/**
 * A parallel worker stops itself when cucumber's coordinator goes away.
 *
 * Cucumber forks each worker with an IPC channel and sends it scenarios over it, then FINALIZE.
 * If the coordinator dies (killed, or Ctrl-C sent to it alone), the channel closes: no scenario
 * and no FINALIZE will ever come, yet the worker's embedded PostgreSQL, embedded Telegram and bot
 * would keep it alive for as long as its current step takes, or for ever. The worker therefore
 * leaves at once: `process.exit` runs the synchronous cleanup of its PostgreSQL
 * (support/database/embedded-postgres.ts), and whatever else it started dies with the process.
 *
 * Loaded by worker.ts, so every process that runs scenarios has it from its first line of
 * support code; a serial run (no channel) is not concerned.
 */
if (process.env.CUCUMBER_WORKER_ID !== undefined && typeof process.send === 'function') {
  process.once('disconnect', () => {
    process.stderr.write(`cucumber worker ${process.env.CUCUMBER_WORKER_ID} (pid ${process.pid}): its coordinator went away; stopping, with its PostgreSQL and embedded Telegram.\n`);
    process.exit(1);
  });
}
