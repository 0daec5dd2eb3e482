/**
 * One person's log of their chat with the bot: every event, in the order it happened, with
 * its time — what the person sent and pressed (with the updates that gave the bot), every
 * message, edit and deletion from the bot, every notice a pressed button showed, and messages
 * other people sent them (so they can forward one). It is the one record of a scenario's chat:
 * the settle barrier counts from it, questions read it, and the reports render it.
 *
 * The log is append-only: events are never changed, removed or reordered. (A sent event's
 * `messages` are filled in once Telegram has answered the call; it is logged before the call,
 * so the barrier counts the update before the bot can finish it.) Everything else is an index
 * over it, kept as events arrive so that the barrier's check stays cheap.
 *
 * GramJS event handlers feed the bot's side; they are registered when the person logs in —
 * before they ever act, because GramJS keeps no update state and silently loses an update
 * pushed before its handler exists. A person gets a new log for each scenario. The log also
 * keeps a *mark*: the step definitions move it when a block of "When" steps begins, so
 * "Then Bob receives …" speaks of what the actions caused, not of the greeting in a "Given".
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Api } from 'telegram';
import type { ChangeCounts } from '../settle';
import type { Fixture } from './fixtures';

/** What a person sent the bot, as far as it is known before Telegram answers. */
export interface SentContent {
  readonly text?: string;
  /** Photos sent as photos (not as files), in order. */
  readonly photos?: readonly Fixture[];
  /** Files sent as documents: voice notes, stickers, "send as file". */
  readonly files?: readonly Fixture[];
}

interface Logged {
  /** When it happened: ms since the epoch, sub-millisecond, on the same clock as the reports' transcript. */
  readonly at: number;
  /** Position in the log. */
  readonly sequence: number;
}

export type ChatEvent = Logged & (
  /** The person sent the bot something that gives it `updates` updates (an album of N photos: N). */
  | { readonly kind: 'sent'; readonly updates: number; readonly content: SentContent; readonly messages: Api.Message[] }
  /** The person pressed an inline button (one update). */
  | { readonly kind: 'pressed'; readonly label: string; readonly messageId: number }
  /** A message from the bot arrived. */
  | { readonly kind: 'received'; readonly message: Api.Message }
  /** The bot edited one of its messages; `message` is the new version. */
  | { readonly kind: 'edited'; readonly message: Api.Message }
  /** Messages of the chat with the bot were deleted (the bot's or the person's own). */
  | { readonly kind: 'deleted'; readonly ids: readonly number[] }
  /** The bot answered a pressed button with a text (toast, or alert). */
  | { readonly kind: 'notice'; readonly text: string; readonly alert: boolean }
  /** Another person wrote to this one directly. */
  | { readonly kind: 'fromPerson'; readonly message: Api.Message }
  /** This person wrote to another one directly (the user id); not an update for the bot. */
  | { readonly kind: 'wrote'; readonly to: number }
);

/** One message from the bot as the person sees it now, with its history. */
export interface ReceivedMessage {
  /** The message id in this person's box. */
  readonly id: number;
  /** The latest version (edits replace it). */
  readonly message: Api.Message;
  /** Every version in order: as it arrived, then after each edit, each with its time. */
  readonly versions: ReadonlyArray<{ readonly at: number; readonly message: Api.Message }>;
  readonly edits: number;
  readonly deleted: boolean;
  readonly deletedAt?: number;
  /** Log position of its arrival, for "since the mark". */
  readonly sequence: number;
  /** Log position of its latest edit (0 when never edited). */
  readonly editSequence: number;
}

export interface ReceivedNotice {
  /** The text the bot showed for a pressed inline button (toast or alert). */
  readonly text: string;
  readonly alert: boolean;
  readonly sequence: number;
}

interface MutableReceived {
  id: number;
  message: Api.Message;
  versions: Array<{ at: number; message: Api.Message }>;
  edits: number;
  deleted: boolean;
  deletedAt?: number;
  sequence: number;
  editSequence: number;
}

/** Distributes `Omit` over the union, so each kind keeps its own fields. */
type Unlogged<E> = E extends Logged ? Omit<E, keyof Logged> : never;

export class Inbox {
  private readonly log: ChatEvent[] = [];
  private readonly listeners = new EventEmitter();
  private lastAt = 0;
  private markSequence = 0;
  private caused = 0;
  private readonly counts: ChangeCounts = { messages: 0, edits: 0, deletions: 0 };
  /** Messages other people wrote to this one, by sender: a stranger on the shared test DC is counted apart from the scenario's people. */
  private readonly fromPeople = new Map<bigint, number>();
  private readonly written = new Map<number, number>();
  private readonly fromBot = new Map<number, MutableReceived>();
  /** Ids of this person's own messages in the chat with the bot (the bot may delete those too). */
  private readonly ownIds = new Set<number>();

  /** @param botId the bot whose chat this log records. */
  constructor(private readonly botId: bigint) {
    this.listeners.setMaxListeners(0);
  }

  /** Start a new block of actions: questions about "what arrived" look after this point. */
  mark(): void {
    this.markSequence = this.log.length;
  }

  onChange(listener: () => void): () => void {
    this.listeners.on('change', listener);
    return () => this.listeners.off('change', listener);
  }

  // ── recording: the person's side (called by TelegramUser, before and after each call) ────

  /**
   * The person is about to send the bot something: counted now (before the call, so the
   * barrier waits for it); `messages` of the returned event fill in with what Telegram answers.
   */
  recordSending(updates: number, content: SentContent): Extract<ChatEvent, { kind: 'sent' }> {
    this.caused += updates;
    const event = this.append({ kind: 'sent', updates, content, messages: [] });
    this.changed();
    return event;
  }

  /** Telegram accepted what `sending` announced: these are the messages it made. */
  recordSent(sending: Extract<ChatEvent, { kind: 'sent' }>, messages: readonly Api.Message[]): void {
    sending.messages.push(...messages);
    for (const message of messages) this.ownIds.add(message.id);
  }

  /** The person is about to press an inline button (one update). */
  recordPress(label: string, messageId: number): void {
    this.caused += 1;
    this.append({ kind: 'pressed', label, messageId });
    this.changed();
  }

  /** The person is about to write to another person directly (the barrier waits for it to arrive there). */
  recordWriting(toUserId: number): void {
    this.written.set(toUserId, (this.written.get(toUserId) ?? 0) + 1);
    this.append({ kind: 'wrote', to: toUserId });
    this.changed();
  }

  recordNotice(answer: Api.messages.BotCallbackAnswer): void {
    if (!answer.message) return;
    this.append({ kind: 'notice', text: answer.message, alert: Boolean(answer.alert) });
    this.changed();
  }

  // ── recording: what reached the person (called by the GramJS handlers) ───────────────────

  recordNewMessage(message: Api.Message): void {
    if (message.out) return;
    if (!this.isFromBot(message)) {
      this.append({ kind: 'fromPerson', message });
      const sender = senderOf(message);
      if (sender !== undefined) this.fromPeople.set(sender, (this.fromPeople.get(sender) ?? 0) + 1);
      this.changed();
      return;
    }
    const event = this.append({ kind: 'received', message });
    this.fromBot.set(message.id, { id: message.id, message, versions: [{ at: event.at, message }], edits: 0, deleted: false, sequence: event.sequence, editSequence: 0 });
    this.counts.messages++;
    this.changed();
  }

  recordEdit(message: Api.Message): void {
    const entry = this.fromBot.get(message.id);
    if (!entry || !this.isFromBot(message)) return;
    const event = this.append({ kind: 'edited', message });
    entry.message = message;
    entry.versions.push({ at: event.at, message });
    entry.edits++;
    entry.editSequence = event.sequence;
    this.counts.edits++;
    this.changed();
  }

  /** Deletion updates carry bare ids (no chat): only ids known to be in the bot chat count. */
  recordDeletion(ids: readonly number[]): void {
    const inChat = ids.filter((id) => {
      const entry = this.fromBot.get(id);
      return entry ? !entry.deleted : this.ownIds.has(id);
    });
    if (inChat.length === 0) return;
    const event = this.append({ kind: 'deleted', ids: inChat });
    for (const id of inChat) {
      const entry = this.fromBot.get(id);
      if (entry) {
        entry.deleted = true;
        entry.deletedAt = event.at;
      } else {
        this.ownIds.delete(id);
      }
    }
    this.counts.deletions += inChat.length;
    this.changed();
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────────

  /** The whole log, oldest first. */
  get events(): readonly ChatEvent[] {
    return this.log;
  }

  /** Updates this person's actions gave the bot so far (what the barrier waits for). */
  get causedUpdates(): number {
    return this.caused;
  }

  arrived(): ChangeCounts {
    return { ...this.counts };
  }

  /** Messages this person wrote to `userId` directly. */
  writtenTo(userId: number): number {
    return this.written.get(userId) ?? 0;
  }

  /**
   * Messages the person `userId` wrote to this person that arrived. Counted per sender so that a
   * stranger writing on the shared test DC never stands in for a message the barrier waits for.
   */
  arrivedFrom(userId: number): number {
    return this.fromPeople.get(BigInt(userId)) ?? 0;
  }

  /** Every message from the bot in this scenario, oldest first (deleted ones included, flagged). */
  all(): ReceivedMessage[] {
    return [...this.fromBot.values()];
  }

  /** Messages from the bot that arrived since the mark and are still there. */
  sinceMark(): ReceivedMessage[] {
    return this.all().filter((entry) => entry.sequence >= this.markSequence && !entry.deleted);
  }

  /** Messages from the bot that arrived or were edited since the mark, as they read now. */
  changedSinceMark(): ReceivedMessage[] {
    return this.all().filter((entry) => !entry.deleted && (entry.sequence >= this.markSequence || (entry.edits > 0 && entry.editSequence >= this.markSequence)));
  }

  /** Every notice the bot showed for a pressed button, oldest first. */
  notices(): ReceivedNotice[] {
    return this.log.flatMap((event) => (event.kind === 'notice' ? [{ text: event.text, alert: event.alert, sequence: event.sequence }] : []));
  }

  noticesSinceMark(): ReceivedNotice[] {
    return this.notices().filter((notice) => notice.sequence >= this.markSequence);
  }

  /** Messages other people sent this person, oldest first. */
  messagesFromPeople(): Api.Message[] {
    return this.log.flatMap((event) => (event.kind === 'fromPerson' ? [event.message] : []));
  }

  /** Messages this person sent the bot in this scenario and that are still there, oldest first. */
  sentByMe(): Api.Message[] {
    return this.log.flatMap((event) => (event.kind === 'sent' ? event.messages.filter((message) => this.ownIds.has(message.id)) : []));
  }

  /** Photos this person sent the bot as photos in this scenario, in order. */
  photosSent(): Fixture[] {
    return this.log.flatMap((event) => (event.kind === 'sent' ? [...(event.content.photos ?? [])] : []));
  }

  /** What arrived, one short line per bot message, for the barrier's diagnostic. */
  describe(): string[] {
    return this.all().map((entry) => {
      const kind = entry.message.photo ? '[photo] ' : entry.message.document ? '[file] ' : '';
      const flags = [entry.edits ? `edited ${entry.edits}×` : '', entry.deleted ? 'deleted' : ''].filter(Boolean).join(', ');
      return `${kind}${JSON.stringify(entry.message.message ?? '')}${flags ? ` (${flags})` : ''}`;
    });
  }

  private isFromBot(message: Api.Message): boolean {
    const peer = message.peerId;
    return peer instanceof Api.PeerUser && BigInt(peer.userId.toString()) === this.botId;
  }

  private append<E extends Unlogged<ChatEvent>>(event: E): E & Logged {
    // Strictly increasing, so two events logged in the same microsecond keep their order.
    this.lastAt = Math.max(performance.timeOrigin + performance.now(), this.lastAt + 0.001);
    const logged = { ...event, at: this.lastAt, sequence: this.log.length } as E & Logged;
    this.log.push(logged as unknown as ChatEvent);
    return logged;
  }

  /** Tells listeners (the barrier, the reports) once the log and its indexes agree. */
  private changed(): void {
    this.listeners.emit('change');
  }
}

/** Who sent a direct message: its from_id, or in a private chat its peer (the other person). */
function senderOf(message: Api.Message): bigint | undefined {
  const from = message.fromId ?? message.peerId;
  return from instanceof Api.PeerUser ? BigInt(from.userId.toString()) : undefined;
}
