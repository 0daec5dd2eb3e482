/**
 * The settle barrier: waits, without sleeping, until the bot has finished everything the users
 * caused and every user has received everything the bot sent them.
 *
 * Two ledgers feed it, both counting events, never guessing at time:
 * - the bot's {@link BotLedger}, filled by an outermost middleware (updates *finished*, per user)
 *   and an API transformer (messages sent, edited and deleted, per chat) — see `bot/bot-under-test.ts`;
 * - each person's {@link Participant}: updates they *caused* (one per message they sent, one
 *   per photo of an album, one per button press) and what *arrived* in their chat with the bot;
 *   also what they wrote to each other directly, which passes no bot.
 *
 * `settle()` re-checks its condition on every recorded event and resolves the moment it holds:
 *
 *     for every participant p:
 *       bot.finished(p) ≥ p.caused                       (the bot is done with p's updates)
 *       p.arrived.messages ≥ bot.sent(p).messages         (and p saw all it sent, edited, deleted)
 *       p.arrived.edits    ≥ bot.sent(p).edits
 *       p.arrived.deletions ≥ bot.sent(p).deletions
 *       p.arrivedFrom(q) ≥ q.writtenTo(p) for every q      (and p got what others wrote to them;
 *                                                          a stranger's message counts for nobody)
 *
 * A timeout (`SETTLE_TIMEOUT_MS`) is only a failure guard: it rejects with a diagnostic that
 * lists, per person, what they caused against what the bot finished, what the bot sent against
 * what arrived, and any bot errors. Unhandled bot errors recorded while settling are rethrown
 * once everything settled, so the step that caused them fails with their stack.
 */
import { EventEmitter } from 'node:events';

export type ChatChange = 'messages' | 'edits' | 'deletions';
export type ChangeCounts = Record<ChatChange, number>;

/** An error the bot's middleware threw and nobody handled (it reached `bot.catch`). */
export interface BotFailure {
  readonly error: unknown;
  /** The user whose update failed, when there was one. */
  readonly userId?: number;
  /** Where it happened, in one line: `while handling the message "/start" from Alice (1000002)` or `the bot logged: …`. */
  readonly context: string;
  /** True once a step has reported it; the After hook fails the scenario for the rest. */
  reported: boolean;
}

const noChanges = (): ChangeCounts => ({ messages: 0, edits: 0, deletions: 0 });

/** One call of the bot that changed a chat, as the reports and the late-reply check name it. */
export interface ChangeRecord {
  readonly chatId: number;
  readonly change: ChatChange;
  readonly count: number;
  /** The Bot API method, e.g. `sendMessage`. */
  readonly method: string;
  /** What it sent, in a few words: the text, or "a photo" and its caption. */
  readonly summary: string;
  /** Which handler made the call: `while handling the message "/start" from Alice (1000002)`. */
  readonly origin: string;
}

/**
 * What the bot under test did, per user and per chat. Emits `change` on every record so that
 * waiters re-check at once.
 */
export class BotLedger extends EventEmitter<{ change: [] }> {
  private readonly finished = new Map<number, number>();
  private readonly inFlight = new Map<number, number>();
  private readonly sent = new Map<number, ChangeCounts>();
  /** Every change in order, and how many of them the barrier had seen arrive when it last closed. */
  private readonly changes: ChangeRecord[] = [];
  private settledChanges = 0;
  readonly failures: BotFailure[] = [];
  readonly warnings: string[] = [];
  private failuresExpected = false;

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  /** The bot began an update from `userId`. */
  recordStarted(userId: number): void {
    this.inFlight.set(userId, (this.inFlight.get(userId) ?? 0) + 1);
    this.emit('change');
  }

  /** The bot finished an update from `userId`, successfully or not (its error handler included). */
  recordFinished(userId: number): void {
    this.inFlight.set(userId, Math.max(0, (this.inFlight.get(userId) ?? 0) - 1));
    this.finished.set(userId, (this.finished.get(userId) ?? 0) + 1);
    this.emit('change');
  }

  /** The bot sent, edited or deleted `count` messages in the private chat `chatId`. */
  recordChange(chatId: number, change: ChatChange, count = 1, call?: Pick<ChangeRecord, 'method' | 'summary' | 'origin'>): void {
    const counts = this.sent.get(chatId) ?? noChanges();
    counts[change] += count;
    this.sent.set(chatId, counts);
    this.changes.push({ chatId, change, count, method: call?.method ?? change, summary: call?.summary ?? '', origin: call?.origin ?? '' });
    this.emit('change');
  }

  /** The barrier closed: everything the bot did so far was waited for and arrived. */
  markSettled(): void {
    this.settledChanges = this.changes.length;
  }

  /**
   * What the bot sent, edited or deleted after the barrier last closed: nothing waited for it, so
   * a Then step may have looked before it arrived (a reply from a timer, say). Empty in a
   * scenario whose every reply was waited for.
   */
  changesSinceSettled(): ChangeRecord[] {
    return this.changes.slice(this.settledChanges);
  }

  /** Records an unhandled error; the same error object reported twice (logged and caught) counts once. */
  recordFailure(failure: Omit<BotFailure, 'reported'>): void {
    if (failure.error instanceof Error && this.failures.some((known) => known.error === failure.error)) return;
    this.failures.push({ ...failure, reported: this.failuresExpected });
    this.emit('change');
  }

  /** From now on failures are expected (a scenario about errors): recorded, never rethrown. */
  expectFailures(): void {
    this.failuresExpected = true;
    for (const failure of this.failures) failure.reported = true;
  }

  recordWarning(message: string): void {
    this.warnings.push(message);
  }

  finishedFor(userId: number): number {
    return this.finished.get(userId) ?? 0;
  }

  inFlightFor(userId: number): number {
    return this.inFlight.get(userId) ?? 0;
  }

  sentTo(chatId: number): ChangeCounts {
    return { ...(this.sent.get(chatId) ?? noChanges()) };
  }

  unreportedFailures(): BotFailure[] {
    return this.failures.filter((failure) => !failure.reported);
  }
}

/** A person as the barrier sees them: what they caused and what reached them. */
export interface Participant {
  readonly name: string;
  /** Their Telegram user id, which is also the id of their private chat with the bot. */
  readonly userId: number;
  /** Updates this person's actions gave the bot so far in this scenario. */
  readonly causedUpdates: number;
  /** What arrived in their chat with the bot so far in this scenario. */
  arrived(): ChangeCounts;
  /** Messages this person wrote directly to the person `userId` (not through the bot). */
  writtenTo(userId: number): number;
  /** Messages the person `userId` wrote directly to this person that arrived (strangers count for nobody). */
  arrivedFrom(userId: number): number;
  /** Short descriptions of what arrived, newest last, for the diagnostic. */
  describeArrivals(): string[];
  /** Calls `listener` on every arrival or caused update; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface SettleOptions {
  /** Failure guard; default `SETTLE_TIMEOUT_MS` or 10 000 ms. */
  timeoutMs?: number;
  /** What was being done, for the diagnostic (e.g. the step text). */
  action?: string;
}

/** The barrier did not close in time; the message says who is waiting for what. */
export class SettleTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettleTimeoutError';
  }
}

/** Unhandled errors of the bot, rethrown at the step that caused them. */
export class BotError extends Error {
  constructor(readonly failures: readonly BotFailure[]) {
    super(describeFailures(failures));
    this.name = 'BotError';
  }
}

/**
 * The barrier's guard for each backend when SETTLE_TIMEOUT_MS is unset: Telegram's real test DC
 * delivers in hundreds of milliseconds and sometimes seconds, the embedded one (and the test-DC
 * twin) in milliseconds.
 */
export const SETTLE_TIMEOUT_DEFAULTS_MS: Readonly<Record<string, number>> = { embedded: 10_000, 'test-dc-twin': 10_000, 'test-dc': 30_000 };

export function defaultSettleTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SETTLE_TIMEOUT_MS;
  const fallback = SETTLE_TIMEOUT_DEFAULTS_MS[(env.TELEGRAM_BACKEND ?? '').trim() || 'embedded'] ?? 10_000;
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`SETTLE_TIMEOUT_MS must be a positive number of milliseconds, got "${raw}". Unset it for the default (${fallback}).`);
  }
  return value;
}

/** True when the bot has nothing left to do for anyone and everyone saw what it sent. */
export function isSettled(ledger: BotLedger, participants: readonly Participant[]): boolean {
  return participants.every((p) => pendingFor(ledger, p, participants).length === 0);
}

/**
 * Resolves once everything is settled (see the module comment); then throws a {@link BotError}
 * for unhandled bot errors not yet reported. Rejects with a {@link SettleTimeoutError} when the
 * guard expires.
 */
export function settle(ledger: BotLedger, participants: readonly Participant[], options: SettleOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? defaultSettleTimeoutMs();
  return new Promise<void>((resolve, reject) => {
    const unsubscribers: Array<() => void> = [];
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      if (done || !isSettled(ledger, participants)) return;
      ledger.markSettled();
      const failures = ledger.unreportedFailures();
      for (const failure of failures) failure.reported = true;
      finish(failures.length > 0 ? new BotError(failures) : undefined);
    };

    const onLedger = () => check();
    ledger.on('change', onLedger);
    unsubscribers.push(() => ledger.off('change', onLedger));
    for (const participant of participants) unsubscribers.push(participant.onChange(check));

    timer = setTimeout(() => {
      const failures = ledger.unreportedFailures();
      for (const failure of failures) failure.reported = true;
      finish(new SettleTimeoutError(diagnose(ledger, participants, timeoutMs, options.action, failures)));
    }, timeoutMs);
    check();
  });
}

/** What is still missing for one participant, in words; empty when they are settled. */
export function pendingFor(ledger: BotLedger, participant: Participant, everyone: readonly Participant[] = [participant]): string[] {
  const pending: string[] = [];
  const finished = ledger.finishedFor(participant.userId);
  if (finished < participant.causedUpdates) {
    const running = ledger.inFlightFor(participant.userId);
    const where = running > 0 ? `${running} still running in the bot` : 'the rest never reached the bot (is it polling? did Telegram deliver them?)';
    pending.push(`the bot finished ${finished} of the ${participant.causedUpdates} updates ${participant.name} caused; ${where}`);
  }
  const sent = ledger.sentTo(participant.userId);
  const arrived = participant.arrived();
  for (const change of ['messages', 'edits', 'deletions'] as const) {
    if (arrived[change] < sent[change]) {
      pending.push(`${arrived[change]} of the ${sent[change]} ${CHANGE_WORDS[change]} by the bot reached ${participant.name}`);
    }
  }
  for (const other of everyone) {
    const written = other.writtenTo(participant.userId);
    const arrivedFromOther = participant.arrivedFrom(other.userId);
    if (arrivedFromOther < written) pending.push(`${arrivedFromOther} of the ${written} messages ${other.name} wrote to ${participant.name} directly reached them`);
  }
  return pending;
}

const CHANGE_WORDS: Record<ChatChange, string> = {
  messages: 'messages sent',
  edits: 'edits made',
  deletions: 'deletions made',
};

function diagnose(ledger: BotLedger, participants: readonly Participant[], timeoutMs: number, action: string | undefined, failures: BotFailure[]): string {
  const lines = [`Not settled after ${timeoutMs} ms${action ? ` (after: ${action})` : ''} (raise SETTLE_TIMEOUT_MS if the machine is just slow).`];
  for (const p of participants) {
    const sent = ledger.sentTo(p.userId);
    const arrived = p.arrived();
    const inFlight = ledger.inFlightFor(p.userId);
    const pending = pendingFor(ledger, p, participants);
    lines.push(
      `  ${p.name}${pending.length === 0 ? ' (settled)' : ' (WAITING)'}:`,
      `    updates caused ${p.causedUpdates}, finished by the bot ${ledger.finishedFor(p.userId)}${inFlight ? `, still running in the bot ${inFlight}` : ''}`,
      `    bot sent ${sent.messages} messages, ${sent.edits} edits, ${sent.deletions} deletions;` +
        ` arrived ${arrived.messages} messages, ${arrived.edits} edits, ${arrived.deletions} deletions`,
      ...pending.map((line) => `    missing: ${line}`),
      `    arrived: ${p.describeArrivals().length ? '' : '(nothing)'}`,
      ...p.describeArrivals().map((text) => `      - ${text}`),
    );
  }
  if (failures.length) lines.push(describeFailures(failures));
  else lines.push('  bot errors: none');
  return lines.join('\n');
}

function describeFailures(failures: readonly BotFailure[]): string {
  return [
    `The bot failed ${failures.length === 1 ? 'once' : `${failures.length} times`} (an error it logged, or one no handler caught):`,
    ...failures.map((failure) => {
      const error = failure.error instanceof Error ? failure.error.stack ?? failure.error.message : String(failure.error);
      return `  ${failure.context}:\n    ${error.split('\n').join('\n    ')}`;
    }),
  ].join('\n');
}
