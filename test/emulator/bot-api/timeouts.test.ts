import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Bot } from 'grammy';
import { TelegramState } from '../../../src/emulator/state';
import { type BotApiServer, startBotApiServer } from '../../../src/emulator/bot-api/server';

/**
 * Half-sent HTTP requests and idle kept-alive connections are dropped by the Bot API server
 * after its request timeout, through real sockets; a long poll (whose request has arrived)
 * and a real grammY bot are not disturbed by it.
 */
describe('Bot API connections time out', () => {
  const TIMEOUT_MS = 300;
  let state: TelegramState;
  let server: BotApiServer;
  let token: string;
  let port: number;

  before(async () => {
    state = new TelegramState();
    server = await startBotApiServer({ state, logError: () => {}, requestTimeoutMs: TIMEOUT_MS });
    token = state.createBot({ username: 'timeouts_bot' }).botToken!;
    port = Number(new URL(server.apiRoot).port);
  });
  after(() => server.close());

  /** Opens a socket, writes `bytes`, and resolves with what the server sent before it closed the connection. */
  async function sendAndWaitForClose(bytes: string): Promise<string> {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(bytes);
    // A failure guard only: the server's own timeout is what must close the socket.
    const guard = setTimeout(() => socket.destroy(new Error('guard')), 20_000);
    try {
      const closedByServer = await new Promise<boolean>((resolve) => {
        socket.once('end', () => resolve(true));
        socket.once('close', (hadError) => resolve(!hadError));
      });
      assert.ok(closedByServer, 'the Bot API server never closed the half-sent request (requestTimeoutMs)');
      return received;
    } finally {
      clearTimeout(guard);
      socket.destroy();
    }
  }

  it('drops a request whose headers never finish, answering 408', async () => {
    const received = await sendAndWaitForClose(`POST /bot${token}/getMe HTTP/1.1\r\nHost: localhost\r\nContent-Type: appl`);
    assert.match(received, /^HTTP\/1\.1 408/);
  });

  it('drops a request whose body never finishes, answering 408', async () => {
    const received = await sendAndWaitForClose(
      `POST /bot${token}/sendMessage HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"chat_id": 1`,
    );
    assert.match(received, /^HTTP\/1\.1 408/);
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const received = await sendAndWaitForClose(`GET /bot${token}/getMe HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
    assert.match(received, /^HTTP\/1\.1 200/);
    assert.match(received, /"username":"timeouts_bot"/);
  });

  it('a long poll longer than the timeout still gets its answer, and grammY works as usual', async () => {
    const bot = new Bot(token, { client: { apiRoot: server.apiRoot } });
    // A poll cut by the timeout would reject (an HttpError); an answered one is an empty list.
    assert.deepEqual(await bot.api.getUpdates({ timeout: 1 }), []);
    assert.equal((await bot.api.getMe()).username, 'timeouts_bot');
  });
});
