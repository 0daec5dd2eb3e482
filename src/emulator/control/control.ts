import type { Account, Message, TelegramState } from '../state';
import { Strangers, type StrangerSchedule } from './strangers';

/** What a test needs to know about a bot it created. */
export interface BotHandle {
  readonly id: number;
  readonly username: string;
  readonly token: string;
}

/** A plain snapshot of the state for assertions and debugging; no live objects. */
export interface StateSnapshot {
  accounts: Array<{ id: number; isBot: boolean; firstName: string; lastName: string; username?: string; phone?: string }>;
  chats: Array<{ ownerId: number; peerId: number; messages: number }>;
  /** Stored photos and documents, and uploads not used yet. */
  media: { photos: number; documents: number; uploads: number };
}

/**
 * The test-only control surface of the embedded Telegram, kept apart from both protocols:
 * nothing a client or a bot can call reaches it. It does what the real test DC's operators
 * (and its flaky reality) do: make bots, wipe data, and misbehave on purpose.
 */
export class EmulatorControl {
  private readonly wipes = new Set<NodeJS.Timeout>();

  constructor(readonly state: TelegramState) {
    this.strangers = new Strangers(state);
  }

  /** Makes a bot as @BotFather would; `username` must end in "bot". */
  createBot(init: { username: string; firstName?: string; token?: string }): BotHandle {
    const bot = this.state.createBot(init);
    return { id: bot.id, username: bot.username!, token: bot.botToken! };
  }

  /** The next `times` calls of `method` (TL name such as `auth.SendCode`, or a Bot API method) fail with FLOOD_WAIT_<seconds>. */
  injectFloodWait(method: string, seconds: number, times = 1): void {
    this.state.faults.floodWait(method, seconds, times);
  }

  /** People nobody invited, writing to test accounts: at once (`writeTo`) or now and then (`start`). */
  readonly strangers: Strangers;

  /** A stranger writes to this account now (a test's "at once"); returns the message. */
  strangerWritesTo(accountOrPhone: number | string, text?: string): Message {
    return this.strangers.writeTo(this.resolve(accountOrPhone), text);
  }

  /** Strangers write to test accounts now and then: around every `everyMs`, at most `max` messages (default 100). */
  startStrangers(schedule: StrangerSchedule): void {
    this.strangers.start(schedule);
  }

  /** An app id Telegram does not know (a deleted app, a mistyped id): auth.sendCode answers 400 API_ID_INVALID. */
  refuseApiId(apiId: number): void {
    this.state.faults.refuseApiId(apiId);
  }

  /** Numbers Telegram banned: auth.sendCode and auth.signIn answer PHONE_NUMBER_BANNED. */
  banNumber(phone: string): void {
    this.state.faults.banNumber(phone);
  }

  /**
   * At most `perHour` login codes per number within an hour (or within `windowMs`); then
   * auth.sendCode answers FLOOD_WAIT_X until the oldest code ages out (undefined lifts it).
   */
  limitLoginCodes(perHour: number | undefined, windowMs?: number): void {
    this.state.faults.limitLoginCodes(perHour, windowMs);
  }

  /**
   * Someone else asks for a login code for this shared test number now, as other testers on
   * the test DC do: it counts towards {@link limitLoginCodes} (silently nothing once the limit is reached).
   */
  strangerRequestsLoginCode(phone: string): void {
    try {
      this.state.faults.takeLoginCode(phone);
    } catch {
      // Already at the limit: the stranger got a FLOOD_WAIT, as anyone would.
    }
  }

  /** Deletes a user's account now, as the test DC's wipes do: its sessions are signed out, its number can sign up anew. */
  wipeAccount(accountOrPhone: number | string): void {
    this.state.deleteAccount(this.resolve(accountOrPhone).id);
  }

  /**
   * Deletes every user account (people and strangers; bots stay, so a running bot keeps its
   * token) every `intervalMs`, as the test DC is wiped now and then, until `reset()` or `stop()`.
   */
  scheduleAccountWipes(intervalMs: number): void {
    if (!(intervalMs > 0)) throw new Error(`Account wipes need an interval above 0 ms, not ${intervalMs}.`);
    const timer = setInterval(() => {
      for (const account of this.state.listAccounts()) if (!account.isBot) this.state.deleteAccount(account.id);
    }, intervalMs);
    timer.unref();
    this.wipes.add(timer);
  }

  /** Sign-ins with this number then need a 2FA password (SESSION_PASSWORD_NEEDED), as on shared test numbers. */
  protectWithPassword(phone: string): void {
    this.state.faults.protectWithPassword(phone);
  }

  /** Empties an account's history now, as the test DC's periodic wipe does. */
  wipeHistory(accountOrPhone: number | string): void {
    this.state.wipeHistory(this.resolve(accountOrPhone).id);
  }

  /** Wipes an account's history every `intervalMs` until `reset()` or `stop()`. */
  scheduleWipes(accountOrPhone: number | string, intervalMs: number): void {
    const id = this.resolve(accountOrPhone).id;
    const timer = setInterval(() => this.state.findAccount(id) && this.state.wipeHistory(id), intervalMs);
    timer.unref();
    this.wipes.add(timer);
  }

  /**
   * The website a bot's login_url buttons may point at, as @BotFather's /setdomain sets it;
   * without one Telegram refuses login buttons with BOT_DOMAIN_INVALID.
   */
  setLoginDomain(botId: number, domain: string): void {
    const bot = this.state.findAccount(botId);
    if (!bot?.isBot) throw new Error(`No bot ${botId} in the embedded Telegram: create it first (createBot).`);
    bot.loginDomain = domain.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase() || undefined;
  }

  snapshot(): StateSnapshot {
    const accounts = this.state.listAccounts();
    const { photos, documents, uploads } = this.state.mediaUsage();
    return {
      accounts: accounts.map(({ id, isBot, firstName, lastName, username, phone }) => ({ id, isBot, firstName, lastName, username, phone })),
      chats: accounts.flatMap((owner) =>
        this.state.dialogs(owner.id).map(({ peerId }) => ({
          ownerId: owner.id,
          peerId,
          messages: this.state.history(owner.id, peerId).length,
        })),
      ),
      media: { photos, documents, uploads },
    };
  }

  /** Forgets everything and stops scheduled faults. */
  reset(): void {
    this.stop();
    this.state.reset();
  }

  /** Stops scheduled faults (the emulator calls it when it stops). */
  stop(): void {
    for (const timer of this.wipes) clearInterval(timer);
    this.wipes.clear();
    this.strangers.stop();
  }

  private resolve(accountOrPhone: number | string): Account {
    const account = typeof accountOrPhone === 'number' ? this.state.findAccount(accountOrPhone) : this.state.findByPhone(accountOrPhone);
    if (!account) throw new Error(`No account ${accountOrPhone} in the embedded Telegram: sign it up first.`);
    return account;
  }
}
