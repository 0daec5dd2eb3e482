/**
 * The one seam between the suite and "which Telegram": everything else (World, actors, steps,
 * features) talks to a {@link Backend} and never asks which one it is.
 *
 * A backend lives for one worker process (`start` in BeforeAll, `stop` in AfterAll). It logs
 * people in with test phone numbers and hands out the worker's bot token: on the real test DC
 * one token allows one long-polling consumer, so each parallel worker needs its own.
 */
import type { TelegramClient } from 'telegram';

export type BackendName = 'embedded' | 'test-dc' | 'test-dc-twin';

/** Who to log in: a stable slot (decides the test phone number) and the name to sign up with. */
export interface PersonSlot {
  /** 1, 2, 3 … per distinct person of this worker; with the worker index it picks the phone number. */
  readonly index: number;
  readonly firstName: string;
}

/** What grammY needs to run the bot under test against this backend. */
export interface BotConnection {
  readonly token: string;
  /** Without "@"; deep links and users' chats with the bot use it. */
  readonly username: string;
  /** Bot API root; undefined means Telegram's own (https://api.telegram.org). */
  readonly apiRoot?: string;
  /** 'test' for Telegram's test environment (`/bot<token>/test/<method>`). */
  readonly environment?: 'prod' | 'test';
}

export interface Backend {
  readonly name: BackendName;
  /** Connects to (or starts) Telegram for this worker. Throws a `ConfigurationError` on bad settings. */
  start(): Promise<void>;
  /** Disconnects everything this backend opened; safe to call after a failed start. */
  stop(): Promise<void>;
  /** A connected GramJS client logged in as the person in `slot` (signed up on first use). */
  signIn(slot: PersonSlot): Promise<TelegramClient>;
  /** This worker's bot. */
  bot(): BotConnection;
}

/** A setting is missing or wrong; the message names it and says how to fix it. */
export class ConfigurationError extends Error {
  constructor(readonly setting: string, problem: string, fix: string) {
    super(`${setting} ${problem}. ${fix}`);
    this.name = 'ConfigurationError';
  }
}

/** Which parallel worker this process is (0 when not parallel), from cucumber's CUCUMBER_WORKER_ID. */
export function workerIndex(env: NodeJS.ProcessEnv = process.env): number {
  const index = Number.parseInt(env.CUCUMBER_WORKER_ID ?? '0', 10);
  return Number.isInteger(index) && index >= 0 ? index : 0;
}
