/**
 * The test-dc backend: Telegram's real test data centre. Its settings are read (and checked)
 * when it is made: see test-dc/settings.ts. The pieces it is built from live in test-dc/:
 * the test numbers (numbers.ts), the cache of sessions and bots between runs
 * (session-cache.ts), the FLOOD_WAIT policy (flood-wait.ts), @BotFather's replies
 * (botfather-reply.ts) and the servers' addresses (addresses.ts).
 */
import type { TelegramClient } from 'telegram';
import type { Backend, BotConnection, PersonSlot } from './backend';
import { readTestDcSettings, type TestDcSettings } from './test-dc/settings';

export { readTestDcSettings, type TestDcSettings } from './test-dc/settings';

export class TestDcBackend implements Backend {
  readonly name = 'test-dc' as const;
  /** Read when the backend is made, so a missing setting fails before anything starts. */
  private readonly settings: TestDcSettings;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.settings = readTestDcSettings(env);
  }

  async start(): Promise<void> {
    throw new Error('The test-dc backend is not implemented yet; run on the embedded backend: unset TELEGRAM_BACKEND or use the default profile.');
  }

  async stop(): Promise<void> {
    // nothing opened yet
  }

  async signIn(_slot: PersonSlot): Promise<TelegramClient> {
    throw new Error('The test-dc backend is not implemented yet');
  }

  bot(): BotConnection {
    if (!this.settings.bot) throw new Error('The test-dc backend is not implemented yet');
    return { ...this.settings.bot, environment: 'test' };
  }
}
