import { encodePng } from '../../../scripts/png';
import { Bot, GrammyError } from 'grammy';
import { type Account, type BoxEvent, TelegramState } from '../../../src/emulator/state';
import { type BotApiServer, startBotApiServer } from '../../../src/emulator/bot-api/server';

/**
 * A fresh embedded Telegram (state + Bot API server), one bot, and a real grammY `Bot`
 * pointed at it. The user side is simulated by calling the state directly, as the MTProto
 * side would on a GramJS client's behalf.
 */
export interface Harness {
  state: TelegramState;
  server: BotApiServer;
  botAccount: Account;
  token: string;
  bot: Bot;
  createUser(firstName: string): Account;
  /** A user who has pressed Start, so the bot may write to them. */
  startedUser(firstName: string): Account;
  close(): Promise<void>;
}

let phones = 0;

export async function startHarness(options: { environment?: 'prod' | 'test' } = {}): Promise<Harness> {
  const state = new TelegramState();
  const server = await startBotApiServer({ state, logError: () => {} });
  const botAccount = state.createBot({ username: 'family_album_bot', firstName: 'Family Album' });
  const token = botAccount.botToken!;
  const bot = new Bot(token, { client: { apiRoot: server.apiRoot, environment: options.environment ?? 'prod' } });
  const createUser = (firstName: string) => state.createUser({ phone: `99966${String(++phones).padStart(5, '0')}`, firstName });
  return {
    state,
    server,
    botAccount,
    token,
    bot,
    createUser,
    startedUser(firstName) {
      const user = createUser(firstName);
      state.sendMessage(user.id, botAccount.id, { text: '/start' });
      return user;
    },
    async close() {
      await server.close();
    },
  };
}

/** The next message that arrives in `userId`'s box from someone else. */
export function nextIncoming(state: TelegramState, userId: number): Promise<BoxEvent> {
  return new Promise((resolve) => {
    const listener = (event: BoxEvent) => {
      if (event.ownerId !== userId || event.outgoing) return;
      state.off('message', listener);
      resolve(event);
    };
    state.on('message', listener);
  });
}

/** Runs `call` and returns the GrammyError it must fail with. */
export async function grammyError(call: () => Promise<unknown>): Promise<GrammyError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a GrammyError, but it succeeded');
}

/** True if the promise has not settled after the event loop has had a few turns to settle it. */
export async function stillPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

/** A real, decodable PNG of the given size (one colour per column, varied by `seed`), so photos have true dimensions. */
export function makePng(width: number, height: number, seed = 0): Buffer {
  return encodePng(width, height, (x) => [(seed * 37) & 255, (x * 5) & 255, 128]);
}
