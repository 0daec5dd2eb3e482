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
 *
 * No false green: every call the bot makes is tagged with the handler it came from (an
 * AsyncLocalStorage opened by the outermost middleware, which timers and promises started in
 * the handler inherit). What it sends after the barrier last closed is named by
 * {@link lateReplies}, which the After hook turns into the scenario's failure; once stopped, the
 * bot cannot reach Telegram at all: its calls are refused and reported (see {@link refuseWhenStopped}).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Composer, type Bot, type BotError, type Context, type Transformer } from 'grammy';
import type { Pool } from 'pg';
import { createBot } from '../../src/bot';
import type { BotConnection } from '../backends';
import { BotLedger, type ChangeRecord } from '../settle';
import { withinTimeLimit } from '../time-limit';

export interface BotUnderTest {
  readonly bot: Bot;
  readonly ledger: BotLedger;
  /** Stops polling, waits for the update in hand, and from then on refuses every call of the bot. */
  stop(): Promise<void>;
  /**
   * The scenario is over (its After hook has reported what it could): a call refused from now
   * on is kept for the worker's AfterAll, named after `scenario` (see {@link takeCallsOfRetiredBots}).
   */
  retire(scenario: string): void;
}

/** Which update the code running now handles, for calls made by it (timers included). */
const handling = new AsyncLocalStorage<string>();
const OUTSIDE_ANY_HANDLER = 'outside any update handler';

/** Calls of bots whose scenario was over, refused; reported once by the worker's AfterAll. */
const callsOfRetiredBots: string[] = [];

/** Takes (and forgets) the calls refused to bots of scenarios that were already over. */
export function takeCallsOfRetiredBots(): string[] {
  return callsOfRetiredBots.splice(0);
}

/** The calls refused to bots of scenarios that were already over, not yet taken. */
export function pendingCallsOfRetiredBots(): readonly string[] {
  return callsOfRetiredBots;
}

export interface BotSettings {
  /** How long invitation links work (the bot's default when absent). */
  readonly inviteTtlMs?: number;
  /** Builds another bot than the Family Album (for the harness's own tests), from the same options. */
  readonly createBot?: (options: Parameters<typeof createBot>[0]) => unknown;
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
  const options = {
    token: connection.token,
    db,
    apiRoot: connection.apiRoot,
    environment: connection.environment,
    logger: ledgerLogger(ledger),
    inviteTtlMs: settings.inviteTtlMs,
  };
  const bot = (settings.createBot ?? createBot)(options) as unknown as Bot;
  instrument(bot, ledger);
  const state: StopState = { stopped: false };
  bot.api.config.use(refuseWhenStopped(state, ledger));

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
      // after the guard, report it and move on (polling has stopped either way). From then on
      // the bot's calls are refused.
      stopping ??= bot
        .stop()
        .then(() => stoppedWithin(polling, settings.stopGuardMs ?? 10_000))
        .finally(() => (state.stopped = true));
      return stopping;
    },
    retire(scenario) {
      state.retiredAfter = scenario;
    },
  };
}

interface StopState {
  stopped: boolean;
  /** Set once the scenario's After hook is done: the scenario that can no longer fail. */
  retiredAfter?: string;
}

/**
 * An API transformer that lets nothing through once the bot is stopped. A stopped bot that still
 * calls (a reply from a timer its handler left behind) would reach the next scenario's chat, or
 * a Telegram that has already shut down, and its error would crash the worker outside any step.
 * The call is recorded instead — as a failure of the scenario while its After hook still runs,
 * or for the worker's AfterAll once the scenario is over — and answered with a promise that
 * never settles: rejecting it would crash the worker the same way, through the bot's own
 * unhandled promise.
 */
export function refuseWhenStopped(state: { stopped: boolean; retiredAfter?: string }, ledger: BotLedger): Transformer {
  return (prev, method, payload, signal) => {
    if (!state.stopped) return prev(method, payload, signal);
    const call = `${method} ${summarize(method, payload as Record<string, unknown>)} ${handling.getStore() ?? OUTSIDE_ANY_HANDLER}`;
    const error = new Error(`The bot called ${call} after it was stopped; the call was refused (it never reached Telegram).`);
    if (state.retiredAfter === undefined) ledger.recordFailure({ error, context: 'after the bot was stopped' });
    else {
      callsOfRetiredBots.push(`after the scenario "${state.retiredAfter}" was over, its bot called ${call}; refused`);
      ledger.emit('change'); // nothing the barrier counts, but whoever waits on the bot hears of it
    }
    return new Promise<never>(() => undefined);
  };
}

/** What the bot sent, edited or deleted after the barrier last closed; a scenario with any is not green. */
export class LateRepliesError extends Error {
  constructor(readonly replies: readonly ChangeRecord[], nameOf: (chatId: number) => string = String) {
    super(
      `The bot ${describeCount(replies)} after the scenario's last step had settled: nothing waited for ` +
        `${replies.length === 1 ? 'it' : 'them'}, so a "Then" step may have passed without seeing ${replies.length === 1 ? 'it' : 'them'}` +
        ` (a reply from a timer or a promise its handler did not wait for?):\n` +
        replies.map((reply) => `  - ${reply.method} to ${nameOf(reply.chatId)}: ${reply.summary}, ${reply.origin}`).join('\n'),
    );
    this.name = 'LateRepliesError';
  }
}

function describeCount(replies: readonly ChangeRecord[]): string {
  const counts = { messages: 0, edits: 0, deletions: 0 };
  for (const reply of replies) counts[reply.change] += reply.count;
  const parts = [
    counts.messages && `sent ${counts.messages} message${counts.messages === 1 ? '' : 's'}`,
    counts.edits && `made ${counts.edits} edit${counts.edits === 1 ? '' : 's'}`,
    counts.deletions && `deleted ${counts.deletions} message${counts.deletions === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return parts.join(' and ') || 'changed a chat';
}

/**
 * After `stop()`: the error to fail the scenario with when the bot sent, edited or deleted
 * anything after the barrier last closed, naming each call, its content and the handler that
 * made it; undefined when nothing was late.
 */
export function lateReplies(underTest: BotUnderTest, nameOf?: (chatId: number) => string): LateRepliesError | undefined {
  const late = underTest.ledger.changesSinceSettled();
  return late.length > 0 ? new LateRepliesError(late, nameOf) : undefined;
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
    const origin = `while handling ${describeUpdate(ctx)}`;
    if (userId === undefined) return handling.run(origin, next);
    ledger.recordStarted(userId);
    try {
      await handling.run(origin, next);
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
    const origin = handling.getStore() ?? OUTSIDE_ANY_HANDLER;
    const response = await prev(method, payload, signal);
    if (response.ok) {
      const chatId = Number((payload as { chat_id?: unknown }).chat_id);
      if (Number.isSafeInteger(chatId)) {
        const change = classify(method, payload as Record<string, unknown>, response.result);
        if (change) ledger.recordChange(chatId, change.kind, change.count, { method, summary: summarize(method, payload as Record<string, unknown>), origin });
      }
    }
    return response;
  };
}

/** A call's content in a few words: its text or caption, quoted and cut, or what it carries. */
function summarize(method: string, payload: Record<string, unknown>): string {
  const text = payload.text ?? payload.caption;
  const quoted = typeof text === 'string' ? JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text) : undefined;
  if (method === 'sendPhoto') return quoted ? `a photo with the caption ${quoted}` : 'a photo';
  if (method === 'sendMediaGroup') return `an album of ${Array.isArray(payload.media) ? payload.media.length : 'several'} items`;
  if (method.startsWith('delete')) return `message ${String(payload.message_id ?? payload.message_ids ?? '')}`;
  return quoted ?? `(${Object.keys(payload).filter((key) => key !== 'chat_id').join(', ') || 'no parameters'})`;
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
