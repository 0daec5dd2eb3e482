import type { Account, BlockEvent, BoxEvent, CallbackQuery, ReactionEvent, TelegramState } from '../state';
import { callbackQueryJson, type Json, messageJson, privateChatJson, reactionJson, userJson } from './convert';
import { BotApiError } from './errors';

/** The update types this emulator produces. */
export type UpdateType = 'message' | 'edited_message' | 'callback_query' | 'my_chat_member' | 'message_reaction';

export interface Update {
  update_id: number;
  [type: string]: unknown;
}

export interface WebhookInfo {
  url: string;
  allowedUpdates?: string[];
  maxConnections?: number;
  ipAddress?: string;
  hasCustomCertificate: boolean;
}

/**
 * Every update type name the Bot API knows (tdlib/telegram-bot-api Client.cpp
 * `get_update_type_name`): allowed_updates is matched against these, so a list naming only
 * unknown types means "the default", as on Telegram.
 */
const KNOWN_TYPES: readonly string[] = [
  'message', 'edited_message', 'channel_post', 'edited_channel_post', 'inline_query', 'chosen_inline_result',
  'callback_query', 'custom_event', 'custom_query', 'shipping_query', 'pre_checkout_query', 'poll', 'poll_answer',
  'my_chat_member', 'chat_member', 'chat_join_request', 'chat_boost', 'removed_chat_boost', 'message_reaction',
  'message_reaction_count', 'business_connection', 'business_message', 'edited_business_message',
  'deleted_business_messages', 'purchased_paid_media', 'managed_bot', 'guest_message',
];

/**
 * What a bot gets when it never set allowed_updates (or set an empty list): every type but
 * chat_member, message_reaction and message_reaction_count — tdlib/telegram-bot-api
 * Client.h `DEFAULT_ALLOWED_UPDATE_TYPES` ("by default ChatMember, MessageReaction, and
 * MessageReactionCount updates are disabled").
 */
const DEFAULT_TYPES: ReadonlySet<string> = new Set(KNOWN_TYPES.filter((type) => !['chat_member', 'message_reaction', 'message_reaction_count'].includes(type)));

/**
 * The allowed_updates parameter as Telegram's server reads it (Client::get_allowed_update_types):
 * names are matched case-insensitively; unknown names are ignored; a list with no known name,
 * or an empty list, means the default set; anything that is not a JSON array of strings
 * leaves the current setting unchanged (undefined) — never an error.
 */
export function parseAllowedUpdates(value: unknown): ReadonlySet<string> | undefined {
  if (!Array.isArray(value) || !value.every((type) => typeof type === 'string')) return undefined;
  const wanted = new Set(value.map((type: string) => type.toLowerCase()).filter((type) => KNOWN_TYPES.includes(type)));
  return wanted.size === 0 ? DEFAULT_TYPES : wanted;
}

export const CONFLICT_OTHER_POLL = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
export const CONFLICT_WEBHOOK = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

interface Poll {
  readonly offset: number | undefined;
  readonly limit: number;
  readonly resolve: (updates: Update[]) => void;
  readonly reject: (error: BotApiError) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One bot's pending updates and its long poll.
 *
 * Updates are snapshotted to Bot API JSON when they happen (later edits do not rewrite a
 * queued update, as on Telegram). A poll with a timeout waits on a timer and a callback — no
 * CPU — and is answered as soon as an update is queued; a second poll ends the first with
 * 409, as the real server does, so two bot instances notice each other.
 */
export class BotUpdateQueue {
  private readonly pending: Update[] = [];
  private nextUpdateId = 1;
  private allowed: ReadonlySet<string> = DEFAULT_TYPES;
  private poll: Poll | undefined;
  private flushScheduled = false;
  private readonly pollWatchers: Array<() => void> = [];
  webhook: WebhookInfo | undefined;

  enqueue(type: UpdateType, payload: Json): void {
    if (!this.allowed.has(type)) return;
    this.pending.push({ update_id: this.nextUpdateId++, [type]: payload });
    this.scheduleFlush();
  }

  /**
   * getUpdates: confirms everything before `offset`, then answers at once if updates are
   * waiting (or `timeout` is 0), else waits up to `timeout` seconds for the first one.
   */
  getUpdates(options: { offset?: number; limit: number; timeoutSeconds: number; allowedUpdates?: ReadonlySet<string> }, signal?: AbortSignal): Promise<Update[]> {
    if (this.webhook) return Promise.reject(new BotApiError(409, CONFLICT_WEBHOOK));
    this.endPoll(new BotApiError(409, CONFLICT_OTHER_POLL));
    if (options.allowedUpdates) this.setAllowed(options.allowedUpdates);
    this.confirm(options.offset);
    const ready = this.take(options.limit);
    if (ready.length > 0 || options.timeoutSeconds <= 0) return Promise.resolve(ready);
    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => this.finishPoll(poll, []), options.timeoutSeconds * 1000);
      const poll: Poll = { offset: options.offset, limit: options.limit, resolve, reject, timer };
      this.poll = poll;
      for (const notify of this.pollWatchers.splice(0)) notify();
      // The client went away while waiting: end its poll so the next one is not a conflict.
      signal?.addEventListener('abort', () => this.finishPoll(poll, []), { once: true });
    });
  }

  /**
   * Resolves once a long poll is waiting (at once if one is). Lets a harness know the bot is
   * idle and listening, without timing anything.
   */
  whenPolling(): Promise<void> {
    if (this.poll) return Promise.resolve();
    return new Promise((resolve) => this.pollWatchers.push(resolve));
  }

  /** Ends a waiting poll with an error (another poll, a webhook, the server closing) or an empty answer. */
  endPoll(error?: BotApiError): void {
    const poll = this.poll;
    if (!poll) return;
    if (error) {
      clearTimeout(poll.timer);
      this.poll = undefined;
      poll.reject(error);
    } else {
      this.finishPoll(poll, []);
    }
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get allowedUpdates(): string[] | undefined {
    return this.allowed === DEFAULT_TYPES ? undefined : [...this.allowed];
  }

  dropPending(): void {
    this.pending.length = 0;
  }

  private setAllowed(types: ReadonlySet<string>): void {
    this.allowed = types;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (!Object.keys(this.pending[i]).some((key) => this.allowed.has(key))) this.pending.splice(i, 1);
    }
  }

  /** A positive offset confirms every earlier update; a negative one keeps only the last -offset. */
  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.pending.splice(0, Math.max(0, this.pending.length + offset));
      return;
    }
    while (this.pending.length > 0 && this.pending[0].update_id < offset) this.pending.shift();
  }

  private take(limit: number): Update[] {
    return this.pending.slice(0, limit);
  }

  /**
   * Answers a waiting poll on the next turn of the event loop, so that updates made in one go
   * (an album's messages) arrive in one answer.
   */
  private scheduleFlush(): void {
    if (!this.poll || this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const poll = this.poll;
      if (!poll) return;
      const ready = this.take(poll.limit);
      if (ready.length > 0) this.finishPoll(poll, ready);
    });
  }

  private finishPoll(poll: Poll, updates: Update[]): void {
    clearTimeout(poll.timer);
    if (this.poll === poll) this.poll = undefined;
    poll.resolve(updates);
  }
}

/**
 * Every bot's update queue, fed by the shared state's events: a message or edit in a bot's
 * box that the bot did not send, and a press of the bot's inline button. Queues exist from
 * the first update on, so a bot that starts polling late still gets what it missed.
 */
export class UpdateHub {
  private readonly queues = new Map<number, BotUpdateQueue>();
  private readonly unsubscribe: () => void;

  constructor(private readonly state: TelegramState) {
    const onMessage = (event: BoxEvent) => this.onBoxEvent('message', event);
    const onEdit = (event: BoxEvent) => this.onBoxEvent('edited_message', event);
    const onCallback = (query: CallbackQuery) => this.onCallbackQuery(query);
    const onBlock = (event: BlockEvent) => this.onBlock(event);
    const onReaction = (event: ReactionEvent) => this.onReaction(event);
    state.on('message', onMessage);
    state.on('edit', onEdit);
    state.on('callbackQuery', onCallback);
    state.on('block', onBlock);
    state.on('reaction', onReaction);
    this.unsubscribe = () => {
      state.off('message', onMessage);
      state.off('edit', onEdit);
      state.off('callbackQuery', onCallback);
      state.off('block', onBlock);
      state.off('reaction', onReaction);
    };
  }

  queueOf(bot: Account): BotUpdateQueue {
    let queue = this.queues.get(bot.id);
    if (!queue) {
      queue = new BotUpdateQueue();
      this.queues.set(bot.id, queue);
    }
    return queue;
  }

  /** Stops listening and answers every waiting poll (empty), so the server can close at once. */
  close(): void {
    this.unsubscribe();
    for (const queue of this.queues.values()) queue.endPoll();
  }

  private onBoxEvent(type: 'message' | 'edited_message', event: BoxEvent): void {
    if (event.outgoing) return;
    const bot = this.state.findAccount(event.ownerId);
    // A bot without a token (the built-in @BotFather) has no one polling its updates.
    if (!bot?.isBot || bot.botToken === undefined) return;
    const json = messageJson(this.state, bot, event.message);
    if (json) this.queueOf(bot).enqueue(type, json);
  }

  /**
   * A person blocked or unblocked the bot: my_chat_member, the bot's own membership in that
   * private chat going from "member" to "kicked" (until_date 0: for good) or back, as the Bot
   * API reports it (tdlib/telegram-bot-api JsonChatMemberUpdated, JsonChatMember).
   */
  private onBlock(event: BlockEvent): void {
    const bot = this.state.findAccount(event.peerId);
    const user = this.state.findAccount(event.blockerId);
    if (!bot?.isBot || bot.botToken === undefined || !user || user.isBot) return;
    const member = { user: userJson(bot), status: 'member' };
    const kicked = { user: userJson(bot), status: 'kicked', until_date: 0 };
    this.queueOf(bot).enqueue('my_chat_member', {
      chat: privateChatJson(user),
      from: userJson(user),
      date: event.date,
      old_chat_member: event.blocked ? member : kicked,
      new_chat_member: event.blocked ? kicked : member,
    });
  }

  /**
   * A person changed their reaction to a message of their chat with the bot: message_reaction
   * (JsonMessageReactionUpdated), delivered only when the bot asked for it in allowed_updates.
   */
  private onReaction(event: ReactionEvent): void {
    const bot = this.state.findAccount(this.state.peerOf(event.message, event.actorId));
    const user = this.state.findAccount(event.actorId);
    if (!bot?.isBot || bot.botToken === undefined || !user || user.isBot) return;
    const messageId = this.state.boxIdOf(event.message, bot.id);
    if (messageId === undefined) return;
    this.queueOf(bot).enqueue('message_reaction', {
      chat: privateChatJson(user),
      message_id: messageId,
      user: userJson(user),
      date: event.date,
      old_reaction: event.old.map(reactionJson),
      new_reaction: event.new.map(reactionJson),
    });
  }

  private onCallbackQuery(query: CallbackQuery): void {
    const bot = this.state.findAccount(query.botId);
    if (bot) this.queueOf(bot).enqueue('callback_query', callbackQueryJson(this.state, bot, query));
  }
}
