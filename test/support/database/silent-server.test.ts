/**
 * A PostgreSQL address that accepts connections and never answers (a wrong port, a proxy with
 * nothing behind it) fails the suite within DATABASE_TIMEOUT_MS, naming the settings, instead of
 * holding BeforeAll until cucumber's generic timeout; the bot's pool is bounded the same way.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { boundedWaits } from '../../../src/bot/db/connection';
import { poolForSchema } from '../../../support/database';
import { WorkerDatabase } from '../../../support/database/worker-database';

const sockets = new Set<Socket>();
const servers: Server[] = [];
/** The URL of a TCP server that accepts every connection and never says a word. */
const silentUrl = async () => {
  const server = createServer((socket) => sockets.add(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `postgres://suite:Silent-Secret-9@127.0.0.1:${(server.address() as { port: number }).port}/album`;
};
after(() => {
  sockets.forEach((socket) => socket.destroy());
  servers.forEach((server) => server.close());
});

test("the worker's database fails within DATABASE_TIMEOUT_MS, naming DATABASE_URL and the timeout", { timeout: 30_000 }, async () => {
  const url = await silentUrl();
  await assert.rejects(WorkerDatabase.open({ DATABASE_URL: url, DATABASE_TIMEOUT_MS: '300' }), (error: Error) => {
    assert.match(error.message, /^DATABASE_URL: PostgreSQL at 127\.0\.0\.1:\d+ did not answer within 300 ms \(.*timeout.*\)\. Check that DATABASE_URL points at a PostgreSQL server that is up/);
    assert.match(error.message, /raise DATABASE_TIMEOUT_MS; or unset it to let the suite start an embedded PostgreSQL/);
    assert.doesNotMatch(error.message, /Silent-Secret-9/);
    return true;
  });
});

test("the bot's pool gives up on a silent server within its bound", { timeout: 30_000 }, async () => {
  const pool = poolForSchema(await silentUrl(), 'scn_silent', boundedWaits(300));
  await assert.rejects(pool.query('SELECT 1'), /timeout/i);
  await pool.end();
});

test('a DATABASE_TIMEOUT_MS that is not a number of milliseconds is named', async () => {
  await assert.rejects(WorkerDatabase.open({ DATABASE_URL: 'postgres://u@127.0.0.1:1/x', DATABASE_TIMEOUT_MS: 'ten' }), /DATABASE_TIMEOUT_MS: is "ten"\. Use a whole number of milliseconds/);
});
