/**
 * What reached one person: every message, edit and deletion in their chat with the bot, and
 * messages other people sent them (so they can forward one). Filled by GramJS event handlers
 * that are registered when the person logs in — before they ever act, because GramJS keeps no
 * update state and silently loses an update pushed before its handler exists.
 *
 * The inbox is emptied at the start of each scenario. It also keeps a *mark*: the step
 * definitions move it when a block of "When" steps begins, so "Then Bob receives …" speaks of
 * what the actions caused, not of the greeting in a "Given".
 */
import { EventEmitter } from 'node:events';
import { Api } from 'telegram';
import type { ChangeCounts } from '../settle';

/** One message from the bot as the person sees it now (after any edits). */
export interface ReceivedMessage {
  /** The message id in this person's box. */
  readonly id: number;
  /** The latest version (edits replace it). */
  message: Api.Message;
  edits: number;
  deleted: boolean;
  /** Position in arrival order, for "since the mark". */
  readonly sequence: number;
  /** Position of the latest edit in arrival order (0 when never edited). */
  editSequence: number;
}

export interface ReceivedNotice {
  /** The text the bot showed for a pressed inline button (toast or alert). */
  readonly text: string;
  readonly alert: boolean;
  readonly sequence: number;
}

export class Inbox {
  private readonly events = new EventEmitter();
  private botId?: bigint;
  private sequence = 0;
  private markSequence = 0;
  private counts: ChangeCounts = { messages: 0, edits: 0, deletions: 0 };
  private fromBot = new Map<number, ReceivedMessage>();
  /** Ids of this person's own messages in the chat with the bot (the bot may delete those too). */
  private ownIds = new Set<number>();
  private ownMessages: Api.Message[] = [];
  private notices: ReceivedNotice[] = [];
  private fromPeople: Api.Message[] = [];

  constructor() {
    this.events.setMaxListeners(0);
  }

  /** The chat this inbox watches; set once the bot's id is known, before any action. */
  watchBot(botId: bigint): void {
    this.botId = botId;
  }

  /** Forget everything: a new scenario starts. */
  reset(): void {
    this.counts = { messages: 0, edits: 0, deletions: 0 };
    this.fromBot = new Map();
    this.ownIds = new Set();
    this.ownMessages = [];
    this.notices = [];
    this.fromPeople = [];
    this.markSequence = this.sequence;
    this.changed();
  }

  /** Start a new block of actions: questions about "what arrived" look after this point. */
  mark(): void {
    this.markSequence = this.sequence;
  }

  onChange(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  // ── recording (called by the GramJS handlers) ─────────────────────────────────────────────

  recordNewMessage(message: Api.Message): void {
    if (message.out) return;
    if (this.isFromBot(message)) {
      this.fromBot.set(message.id, { id: message.id, message, edits: 0, deleted: false, sequence: ++this.sequence, editSequence: 0 });
      this.counts.messages++;
    } else {
      this.fromPeople.push(message);
      ++this.sequence;
    }
    this.changed();
  }

  recordEdit(message: Api.Message): void {
    const entry = this.fromBot.get(message.id);
    if (!entry || !this.isFromBot(message)) return;
    entry.message = message;
    entry.edits++;
    entry.editSequence = ++this.sequence;
    this.counts.edits++;
    this.changed();
  }

  /** Deletion updates carry bare ids (no chat): count only ids known to be in the bot chat. */
  recordDeletion(ids: number[]): void {
    let counted = 0;
    for (const id of ids) {
      const entry = this.fromBot.get(id);
      if (entry && !entry.deleted) {
        entry.deleted = true;
        counted++;
      } else if (this.ownIds.delete(id)) {
        counted++;
      }
    }
    if (counted === 0) return;
    this.counts.deletions += counted;
    ++this.sequence;
    this.changed();
  }

  /** This person sent these messages to the bot. */
  recordOwn(messages: Api.Message[]): void {
    for (const message of messages) {
      this.ownIds.add(message.id);
      this.ownMessages.push(message);
    }
  }

  /** Messages this person sent to the bot in this scenario, oldest first. */
  sentByMe(): Api.Message[] {
    return this.ownMessages.filter((message) => this.ownIds.has(message.id));
  }

  recordNotice(answer: Api.messages.BotCallbackAnswer): void {
    if (!answer.message) return;
    this.notices.push({ text: answer.message, alert: Boolean(answer.alert), sequence: ++this.sequence });
    this.changed();
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────────

  arrived(): ChangeCounts {
    return { ...this.counts };
  }

  /** Every message from the bot in this scenario, oldest first (deleted ones included, flagged). */
  all(): ReceivedMessage[] {
    return [...this.fromBot.values()].sort((a, b) => a.sequence - b.sequence);
  }

  /** Messages from the bot that arrived since the mark and are still there. */
  sinceMark(): ReceivedMessage[] {
    return this.all().filter((entry) => entry.sequence > this.markSequence && !entry.deleted);
  }

  /** Messages from the bot that arrived or were edited since the mark, as they read now. */
  changedSinceMark(): ReceivedMessage[] {
    return this.all().filter((entry) => !entry.deleted && (entry.sequence > this.markSequence || entry.editSequence > this.markSequence));
  }

  noticesSinceMark(): ReceivedNotice[] {
    return this.notices.filter((notice) => notice.sequence > this.markSequence);
  }

  /** Messages other people sent this person, oldest first. */
  messagesFromPeople(): Api.Message[] {
    return [...this.fromPeople];
  }

  describe(): string[] {
    return this.all().map((entry) => {
      const kind = entry.message.photo ? '[photo] ' : entry.message.document ? '[file] ' : '';
      const flags = [entry.edits ? `edited ${entry.edits}×` : '', entry.deleted ? 'deleted' : ''].filter(Boolean).join(', ');
      return `${kind}${JSON.stringify(entry.message.message ?? '')}${flags ? ` (${flags})` : ''}`;
    });
  }

  private isFromBot(message: Api.Message): boolean {
    const peer = message.peerId;
    return this.botId !== undefined && peer instanceof Api.PeerUser && BigInt(peer.userId.toString()) === this.botId;
  }

  private changed(): void {
    this.events.emit('change');
  }
}
