/**
 * `npm start` (src/bot/main.ts) never waits without a bound and always stops on the first
 * SIGTERM. Its database and Bot API are TCP servers that accept connections and never answer
 * (the hardest case: nothing is refused, nothing times out by itself), or the real thing (the
 * embedded Telegram's Bot API and an embedded PostgreSQL). Waits are on events: a connection
 * reaching the silent server, a line on the bot's stdout, its exit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createBackend, type Backend } from '../../support/backends';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../support/database';

const ROOT = join(__dirname, '..', '..');
const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789';

/** A TCP server that accepts every connection and never says a word. */
async function silentServer(): Promise<{ server: Server; port: number; connected: Promise<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  server.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const connected = once(server, 'connection').then(([socket]) => socket as Socket);
  return { server, port: (server.address() as { port: number }).port, connected };
}

function startBot(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ['--require', 'ts-node/register', join(ROOT, 'src', 'bot', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

const silent: Array<Server> = [];
after(() => silent.forEach((server) => server.close()));

test('a database and a Bot API that accept connections but never answer: it gives up within the stated times, naming both settings', { timeout: 60_000 }, async () => {
  const database = await silentServer();
  const api = await silentServer();
  silent.push(database.server, api.server);
  const bot = startBot({
    BOT_TOKEN: TOKEN,
    DATABASE_URL: `postgres://album:Secret-Pw-123@127.0.0.1:${database.port}/album`,
    BOT_API_ROOT: `http://127.0.0.1:${api.port}`,
    DATABASE_TIMEOUT_MS: '500',
    BOT_API_TIMEOUT_MS: '500',
  });
  const { code } = await bot.exited;
  assert.equal(code, 1, bot.output());
  assert.match(bot.output(), new RegExp(`DATABASE_URL: PostgreSQL at 127\\.0\\.0\\.1:${database.port} did not answer within 500 ms .*raise DATABASE_TIMEOUT_MS`));
  assert.match(bot.output(), new RegExp(`The Bot API at http://127\\.0\\.0\\.1:${api.port} \\(BOT_API_ROOT\\) did not answer getMe within 500 ms \\(BOT_API_TIMEOUT_MS\\)`));
  assert.ok(!bot.output().includes('Secret-Pw-123'), bot.output());
});

test('the first SIGTERM stops it while it still waits for its database and the Bot API', { timeout: 60_000 }, async () => {
  const database = await silentServer();
  const api = await silentServer();
  silent.push(database.server, api.server);
  const bot = startBot({
    BOT_TOKEN: TOKEN,
    DATABASE_URL: `postgres://album:pw@127.0.0.1:${database.port}/album`,
    BOT_API_ROOT: `http://127.0.0.1:${api.port}`,
    DATABASE_TIMEOUT_MS: '600000',
    BOT_API_TIMEOUT_MS: '600000',
  });
  await Promise.all([database.connected, api.connected]);
  bot.child.kill('SIGTERM');
  const { code } = await bot.exited;
  assert.equal(code, 143, bot.output());
  assert.match(bot.output(), /SIGTERM: stopping…/);
});

let backend: Backend;
let postgres: EmbeddedPostgresServer;
before(async () => {
  backend = createBackend({ TELEGRAM_BACKEND: 'embedded' });
  [postgres] = await Promise.all([startEmbeddedPostgres(), backend.start()]);
});
after(async () => {
  await Promise.allSettled([backend.stop(), postgres.stop()]);
});

test('the first SIGTERM stops it while it polls, after the update in hand', { timeout: 60_000 }, async () => {
  const connection = backend.bot();
  const bot = startBot({
    BOT_TOKEN: connection.token,
    DATABASE_URL: postgres.url,
    BOT_API_ROOT: connection.apiRoot,
    TELEGRAM_ENV: connection.environment,
  });
  const running = new Promise<void>((resolve, reject) => {
    createInterface({ input: bot.child.stdout! }).on('line', (line) => /is running/.test(line) && resolve());
    void bot.exited.then(() => reject(new Error(`the bot exited before it ran:\n${bot.output()}`)));
  });
  await running;
  bot.child.kill('SIGTERM');
  const { code } = await bot.exited;
  assert.equal(code, 0, bot.output());
  assert.match(bot.output(), /SIGTERM: stopping…/);
});
