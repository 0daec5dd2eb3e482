/**
 * @BotFather: a built-in bot account that makes and manages bots through a conversation, as the
 * real one does on the test DC (where a suite with no token makes its own bot this way).
 *
 * It reads what users write to it from the state's events and answers through the state, like
 * any account; the bots it makes are real bots of the state, so the Bot API works with their
 * tokens at once. Its replies are quoted in `texts.ts`. Served: /start, /help, /newbot,
 * /mybots (with its inline buttons: a bot's card, its token), /token, /revoke, /deletebot,
 * /cancel; other commands (/setname, /setprivacy, …) answer "Unrecognized command".
 *
 * Replies are sent on the next turn of the event loop, never inside the user's own request:
 * the user's RPC result (and the pts it reports) is made first, as on Telegram, where
 * @BotFather is another program.
 */
import { TelegramError } from '../errors';
import type { Account, BoxEvent, CallbackQuery, ReplyMarkup, TelegramState } from '../state';
import * as texts from './texts';

/** How many bots one account may own ("more than 20 bots", in @BotFather's own refusal). */
export const MAX_BOTS_PER_ACCOUNT = 20;
/** A bot's display name: 1 to 64 characters, as for any account's first name. */
const MAX_NAME_LENGTH = 64;
const USERNAME_SHAPE = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

type Dialogue =
  | { command: 'newbot'; step: 'name' }
  | { command: 'newbot'; step: 'username'; name: string }
  | { command: 'token' | 'revoke' | 'deletebot'; step: 'choose' }
  | { command: 'deletebot'; step: 'confirm'; botId: number };

type Reply = { text: string; replyMarkup?: ReplyMarkup };

export class BotFather {
  private accountId?: number;
  private readonly dialogues = new Map<number, Dialogue>();
  private readonly pending = new Set<NodeJS.Immediate>();
  private readonly onMessage = (event: BoxEvent) => this.heard(event);
  private readonly onCallback = (query: CallbackQuery) => this.pressed(query);
  private readonly onReset = () => {
    this.dialogues.clear();
    this.install();
  };

  constructor(private readonly state: TelegramState) {}

  /** Creates the account (if missing) and starts listening. */
  start(): Account {
    const account = this.install();
    this.state.on('message', this.onMessage);
    this.state.on('callbackQuery', this.onCallback);
    this.state.on('reset', this.onReset);
    return account;
  }

  stop(): void {
    this.state.off('message', this.onMessage);
    this.state.off('callbackQuery', this.onCallback);
    this.state.off('reset', this.onReset);
    for (const immediate of this.pending) clearImmediate(immediate);
    this.pending.clear();
  }

  /** The @BotFather account, made on first use and again after a reset wiped it. */
  install(): Account {
    const existing = this.accountId === undefined ? undefined : this.state.findAccount(this.accountId);
    if (existing) return existing;
    const account = this.state.findByUsername('BotFather') ?? this.state.createBuiltInBot({ username: 'BotFather', firstName: 'BotFather' });
    this.accountId = account.id;
    return account;
  }

  // ── hearing ─────────────────────────────────────────────────────────────────────────────

  private heard(event: BoxEvent): void {
    if (event.ownerId !== this.accountId || event.outgoing) return;
    const user = this.state.findAccount(event.message.senderId);
    if (!user || user.isBot) return;
    const text = event.message.text.trim();
    this.later(() => this.reply(user.id, this.answer(user, text)));
  }

  private answer(user: Account, text: string): Reply {
    const command = /^\/([A-Za-z_]+)(?:@BotFather)?(?:\s|$)/i.exec(text)?.[1]?.toLowerCase();
    if (command !== undefined) return this.command(user, command);
    const dialogue = this.dialogues.get(user.id);
    if (!dialogue) return { text: texts.UNRECOGNIZED };
    switch (dialogue.step) {
      case 'name': return this.nameGiven(user, text);
      case 'username': return this.usernameGiven(user, dialogue.name, text);
      case 'choose': return this.botChosen(user, dialogue.command, text);
      case 'confirm': return this.deletionConfirmed(user, dialogue.botId, text);
    }
  }

  private command(user: Account, command: string): Reply {
    const under = this.dialogues.get(user.id);
    this.dialogues.delete(user.id);
    switch (command) {
      case 'start':
      case 'help':
        return { text: texts.HELP };
      case 'newbot':
        if (this.state.botsOwnedBy(user.id).length >= MAX_BOTS_PER_ACCOUNT) return { text: texts.TOO_MANY_BOTS };
        this.dialogues.set(user.id, { command: 'newbot', step: 'name' });
        return { text: texts.ASK_NAME };
      case 'mybots':
        return this.botList(user);
      case 'token':
      case 'revoke':
      case 'deletebot':
        return this.chooseBot(user, command);
      case 'cancel':
        return { text: under ? texts.cancelled(under.command) : texts.NOTHING_TO_CANCEL, replyMarkup: under ? { kind: 'remove' } : undefined };
      default:
        return { text: texts.UNRECOGNIZED };
    }
  }

  // ── /newbot ─────────────────────────────────────────────────────────────────────────────

  private nameGiven(user: Account, name: string): Reply {
    if (name === '' || name.length > MAX_NAME_LENGTH) return { text: texts.NAME_INVALID };
    this.dialogues.set(user.id, { command: 'newbot', step: 'username', name });
    return { text: texts.ASK_USERNAME };
  }

  private usernameGiven(user: Account, name: string, username: string): Reply {
    if (!USERNAME_SHAPE.test(username) || username.includes('__')) return { text: texts.USERNAME_INVALID };
    if (!/bot$/i.test(username)) return { text: texts.USERNAME_MUST_END_IN_BOT };
    if (this.state.findByUsername(username)) return { text: texts.USERNAME_TAKEN };
    let bot: Account;
    try {
      bot = this.state.createBot({ username, firstName: name, ownerId: user.id });
    } catch (error) {
      if (error instanceof TelegramError) return { text: error.errorMessage === 'USERNAME_OCCUPIED' ? texts.USERNAME_TAKEN : texts.USERNAME_INVALID };
      throw error;
    }
    this.dialogues.delete(user.id);
    return { text: texts.botCreated(bot.username!, bot.botToken!) };
  }

  // ── choosing a bot ──────────────────────────────────────────────────────────────────────

  private chooseBot(user: Account, command: 'token' | 'revoke' | 'deletebot'): Reply {
    const bots = this.state.botsOwnedBy(user.id);
    if (bots.length === 0) return { text: texts.NO_BOTS };
    this.dialogues.set(user.id, { command, step: 'choose' });
    const prompt = { token: texts.CHOOSE_FOR_TOKEN, revoke: texts.CHOOSE_FOR_REVOKE, deletebot: texts.CHOOSE_FOR_DELETE }[command];
    return { text: prompt, replyMarkup: { kind: 'keyboard', rows: pairs(bots.map((bot) => ({ text: `@${bot.username}` }))), resize: true, oneTime: true } };
  }

  private botChosen(user: Account, command: 'token' | 'revoke' | 'deletebot', text: string): Reply {
    const wanted = text.replace(/^@/, '').toLowerCase();
    const bot = this.state.botsOwnedBy(user.id).find((candidate) => candidate.username?.toLowerCase() === wanted);
    if (!bot) return { text: texts.INVALID_BOT_SELECTED };
    if (command === 'deletebot') {
      this.dialogues.set(user.id, { command, step: 'confirm', botId: bot.id });
      return { text: texts.confirmDeletion(bot.username!), replyMarkup: { kind: 'remove' } };
    }
    this.dialogues.delete(user.id);
    const token = command === 'revoke' ? this.state.revokeBotToken(bot.id) : bot.botToken!;
    return { text: command === 'revoke' ? texts.tokenRevoked(token) : texts.tokenOf(token), replyMarkup: { kind: 'remove' } };
  }

  private deletionConfirmed(user: Account, botId: number, text: string): Reply {
    if (text !== texts.DELETE_CONFIRMATION_PHRASE) return { text: texts.CONFIRMATION_MISMATCH };
    this.dialogues.delete(user.id);
    const bot = this.state.findAccount(botId);
    if (bot?.botOwnerId === user.id) this.state.deleteAccount(bot.id);
    return { text: texts.BOT_DELETED };
  }

  // ── /mybots and its buttons ─────────────────────────────────────────────────────────────

  private botList(user: Account): Reply {
    const bots = this.state.botsOwnedBy(user.id);
    if (bots.length === 0) return { text: texts.NO_BOTS };
    return {
      text: texts.CHOOSE_FROM_LIST,
      replyMarkup: { kind: 'inline', rows: pairs(bots.map((bot) => ({ text: `@${bot.username}`, callbackData: Buffer.from(`bot:${bot.id}`) }))) },
    };
  }

  private pressed(query: CallbackQuery): void {
    if (query.botId !== this.accountId) return;
    this.later(() => {
      this.state.answerCallbackQuery(query.botId, query.id, {});
      const [action, id] = (query.data?.toString() ?? '').split(':');
      const bot = id === undefined ? undefined : this.state.findAccount(Number(id));
      const owned = bot?.isBot && bot.botOwnerId === query.fromId ? bot : undefined;
      let edit: Reply;
      if (action === 'bot' && owned) {
        edit = {
          text: texts.botCard(owned.firstName, owned.username!),
          replyMarkup: { kind: 'inline', rows: [[{ text: 'API Token', callbackData: Buffer.from(`token:${owned.id}`) }], [{ text: '« Back to Bot List', callbackData: Buffer.from('list') }]] },
        };
      } else if (action === 'token' && owned) {
        edit = {
          text: texts.tokenCard(owned.firstName, owned.username!, owned.botToken!),
          replyMarkup: { kind: 'inline', rows: [[{ text: '« Back to Bot List', callbackData: Buffer.from('list') }]] },
        };
      } else {
        const user = this.state.findAccount(query.fromId);
        if (!user) return;
        edit = this.botList(user);
      }
      const boxId = query.message.boxIds.get(query.botId);
      if (boxId === undefined) return;
      this.state.editMessage(query.botId, boxId, { text: edit.text, replyMarkup: edit.replyMarkup ?? null });
    });
  }

  // ── replying ────────────────────────────────────────────────────────────────────────────

  private reply(userId: number, reply: Reply): void {
    if (this.accountId === undefined || !this.state.findAccount(userId)) return;
    this.state.sendMessage(this.accountId, userId, { text: reply.text, replyMarkup: reply.replyMarkup });
  }

  /** Runs `work` on the next turn of the event loop; a failure is logged, never thrown into the state's emitter. */
  private later(work: () => void): void {
    const immediate = setImmediate(() => {
      this.pending.delete(immediate);
      try {
        work();
      } catch (error) {
        process.stderr.write(`[botfather] ${(error as Error).stack ?? error}\n`);
      }
    });
    this.pending.add(immediate);
  }
}

/** Buttons two to a row. */
function pairs<T>(items: T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  return rows;
}
