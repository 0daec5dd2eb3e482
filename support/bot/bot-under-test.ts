/**
 * The Family Album bot as the suite runs it: built by the bot's own factory on this scenario's
 * database pool, instrumented for the settle barrier, and started with real long polling on
 * the worker's bot token.
 *
 * Instrumentation (nothing about the bot's behaviour changes):
 * - an outermost middleware counts, per user, the updates the bot *finished*; an update that
 *   fails counts once the bot's error handler is done with it (it may still reply);
 * - an API transformer records every message the bot sent, edited or deleted, per chat;
 * - the error handler is wrapped to record unhandled errors, which the barrier rethrows at
 *   the step that caused them.
 */
import { Composer, type Bot, type BotError, type Context, type Transformer } from 'grammy';
import type { Pool } from 'pg';
import { createBot } from '../../src/bot';
import type { BotConnection } from '../backends';
import { BotLedger } from '../settle';
import { withinTimeLimit } from '../time-limit';

export interface BotUnderTest {
  readonly bot: Bot;
  readonly ledger: BotLedger;
  stop(): Promise<void>;
}

export interface BotSettings {
  /** How long invitation links work (the bot's default when absent). */
  readonly inviteTtlMs?: number;
  /** Keep counting in this ledger (a restarted bot continues its predecessor's record). */
  readonly ledger?: BotLedger;
  /** How long stop() waits for an update still being handled; default 10 s. */
  readonly stopGuardMs?: number;
}

/** `polling` once the update being handled is done; an error naming the stuck handler after `ms`. */
function stoppedWithin(polling: Promise<void>, ms: number): Promise<void> {
  return withinTimeLimit(polling, ms, () => {
    throw new Error(`The bot was still handling an update ${ms} ms after it was told to stop; a handler is stuck.`);
  });
}

export async function startBotUnderTest(connection: BotConnection, db: Pool, settings: BotSettings = {}): Promise<BotUnderTest> {
  const ledger = settings.ledger ?? new BotLedger();
  const bot = createBot({
    token: connection.token,
    db,
    apiRoot: connection.apiRoot,
    environment: connection.environment,
    logger: ledgerLogger(ledger),
    inviteTtlMs: settings.inviteTtlMs,
  }) as unknown as Bot;
  instrument(bot, ledger);

  let onStarted!: () => void;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const polling = bot.start({ drop_pending_updates: true, onStart: () => onStarted() });
  await Promise.race([
    started,
    polling.then(
      () => Promise.reject(new Error('The bot stopped before it began polling')),
      (cause: unknown) => Promise.reject(new Error(`The bot could not start on ${connection.apiRoot ?? 'api.telegram.org'} as @${connection.username}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })),
    ),
  ]);
  let stopping: Promise<void> | undefined;
  return {
    bot,
    ledger,
    stop() {
      // stop() aborts the long poll and confirms the offset; `polling` resolves once the
      // update being handled (if any) is done. A handler stuck for good must not hang the run:
      // after the guard, report it and move on (polling has stopped either way).
      stopping ??= bot.stop().then(() => stoppedWithin(polling, settings.stopGuardMs ?? 10_000));
      return stopping;
    },
  };
}

/**
 * The bot's logger: an error the bot logs (its error boundary apologises and logs) is a failure
 * the step that caused it reports; warnings are kept for the diagnostic only.
 */
export function ledgerLogger(ledger: BotLedger) {
  return {
    error(message: string, ...details: unknown[]) {
      const error = details.find((detail) => detail instanceof Error) ?? new Error(message);
      ledger.recordFailure({ error, context: `the bot logged: ${message}` });
    },
    warn(message: string) {
      ledger.recordWarning(message);
    },
  };
}

/** Adds the ledger's middleware (outermost), API transformer and error recording to `bot`. */
export function instrument(bot: Bot, ledger: BotLedger): void {
  const failed = new WeakSet<Context>();
  const outermost = new Composer<Context>();
  outermost.use(async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined) return next();
    ledger.recordStarted(userId);
    try {
      await next();
    } catch (error) {
      failed.add(ctx);
      throw error;
    } finally {
      if (!failed.has(ctx)) ledger.recordFinished(userId);
    }
  });
  const inner = bot.middleware.bind(bot);
  bot.middleware = () => new Composer<Context>(outermost, inner()).middleware();

  const handler = bot.errorHandler;
  const isDefaultHandler = /No error handler was set/.test(String(handler));
  bot.catch(async (error: BotError<Context>) => {
    const userId = error.ctx?.from?.id;
    ledger.recordFailure({ error: error.error, userId, context: `while handling ${describeUpdate(error.ctx)}` });
    try {
      if (!isDefaultHandler) await handler(error);
    } catch (handlerError) {
      ledger.recordFailure({ error: handlerError, userId, context: `in the bot's error handler, for ${describeUpdate(error.ctx)}` });
    } finally {
      if (userId !== undefined && failed.has(error.ctx)) ledger.recordFinished(userId);
    }
  });

  bot.api.config.use(recordChanges(ledger));
}

/** An API transformer recording what each successful call changed in which chat. */
export function recordChanges(ledger: BotLedger): Transformer {
  return async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (response.ok) {
      const chatId = Number((payload as { chat_id?: unknown }).chat_id);
      if (Number.isSafeInteger(chatId)) {
        const change = classify(method, payload as Record<string, unknown>, response.result);
        if (change) ledger.recordChange(chatId, change.kind, change.count);
      }
    }
    return response;
  };
}

function classify(method: string, payload: Record<string, unknown>, result: unknown): { kind: 'messages' | 'edits' | 'deletions'; count: number } | undefined {
  if (method === 'sendChatAction') return undefined;
  if (method.startsWith('send') || method.startsWith('copy') || method.startsWith('forward')) {
    return { kind: 'messages', count: Array.isArray(result) ? result.length : 1 };
  }
  if (method.startsWith('edit') || method === 'stopMessageLiveLocation' || method === 'stopPoll') {
    return { kind: 'edits', count: 1 };
  }
  if (method === 'deleteMessage') return { kind: 'deletions', count: 1 };
  if (method === 'deleteMessages') return { kind: 'deletions', count: Array.isArray(payload.message_ids) ? payload.message_ids.length : 0 };
  return undefined;
}

function describeUpdate(ctx: Context | undefined): string {
  if (!ctx) return 'an update';
  const from = ctx.from ? `${ctx.from.first_name} (${ctx.from.id})` : 'nobody';
  if (ctx.callbackQuery) return `a press of a button (${JSON.stringify(ctx.callbackQuery.data ?? '')}) by ${from}`;
  if (ctx.message?.text !== undefined) return `the message ${JSON.stringify(ctx.message.text)} from ${from}`;
  if (ctx.message?.photo) return `a photo from ${from}`;
  return `update ${ctx.update.update_id} (${Object.keys(ctx.update).filter((k) => k !== 'update_id').join(', ')}) from ${from}`;
}
