import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Pool } from 'pg';
import type { AlbumContext, Logger } from './context';
import { createRepositories } from './db/repositories';
import { family } from './features/family';
import { fallback } from './features/fallback';
import { photos } from './features/photos';
import { start } from './features/start';
import { apologize } from './middleware/apologize';
import { identifyPerson } from './middleware/identify-person';

export interface CreateBotOptions {
  /** The bot token from @BotFather (the test DC's @BotFather for `environment: 'test'`). */
  token: string;
  /**
   * The database: a pool whose connections use the bot's schema (`search_path`), already
   * migrated (`migrate(db)` from `db/migrate.ts`). The acceptance suite passes one per scenario.
   */
  db: Pool;
  /** Bot API server, without a trailing slash; default `https://api.telegram.org`. */
  apiRoot?: string;
  /** `'test'` for Telegram's test DC (`…/bot<token>/test/<method>`); default `'prod'`. */
  environment?: 'prod' | 'test';
  /** Where errors go; default `console`. */
  logger?: Logger;
  /** The bot's own user, if known: skips `getMe` (`bot.init()`), e.g. in unit tests. */
  botInfo?: UserFromGetMe;
  /** How long `/invite` links work; default 7 days. */
  inviteTtlMs?: number;
}

/**
 * Builds the Family Album bot on its dependencies; starting it is the caller's business
 * (`bot.start()` for long polling, `bot.handleUpdate()` in tests).
 *
 * Composition, outermost first: inject the repositories and logger → private chats only →
 * error boundary (log + apology) → identify the sender → features: start, family, photos,
 * fallback. Every handler awaits every call it makes, and no timers exist: when the
 * middleware returns, the update is completely handled (the acceptance suite's settle barrier
 * counts on it).
 */
export function createBot(options: CreateBotOptions): Bot<AlbumContext> {
  const bot = new Bot<AlbumContext>(options.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.apiRoot, environment: options.environment ?? 'prod' },
  });
  const repos = createRepositories(options.db, { inviteTtlMs: options.inviteTtlMs });
  const logger = options.logger ?? console;

  bot.use(async (ctx, next) => {
    ctx.repos = repos;
    ctx.logger = logger;
    await next();
  });
  bot
    .filter((ctx) => ctx.chat?.type === 'private')
    .errorBoundary(apologize(logger), identifyPerson, start, family, photos, fallback);

  // Last resort, used by bot.start(): the boundary handles errors, so this sees only failures
  // of the outermost middleware.
  bot.catch((error) => logger.error(`Update ${error.ctx.update.update_id} failed outside the error boundary: ${String(error.error)}`, error.error));
  return bot;
}
