/**
 * Strangers: people nobody invited, writing to test accounts. The test DC is shared by everyone
 * who tests there, so a test number gets messages from accounts its suite never made; a suite
 * that counts "everything that arrived" breaks on them. This makes them on purpose.
 *
 * Strangers are ordinary user accounts on test numbers 99966X99YY (the last hundred numbers of
 * each DC), named after the usual strangers of security write-ups. They write to "test accounts":
 * every user who is neither a stranger nor a bot. `writeTo` writes at once (for tests);
 * `start` writes now and then — a timer per message, at a random moment around `everyMs`, at
 * most `max` messages in all, never a busy loop — until `stop`.
 */
import type { Account, Message, TelegramState } from '../state';

const NAMES = ['Mallory', 'Trudy', 'Eve', 'Oscar', 'Peggy', 'Victor', 'Walter', 'Sybil'];
const LINES = ['Hi! Who is this?', 'Is this still your number?', 'hello', 'Sorry, wrong chat', 'Did you get my photo?', '👋'];

export interface StrangerSchedule {
  /** Mean time between two stranger messages, in ms (each wait is 0.5–1.5 × this). */
  everyMs: number;
  /** At most this many messages in all (default 100); then the strangers fall silent. */
  max?: number;
}

export class Strangers {
  private timer?: NodeJS.Timeout;
  private remaining = 0;
  private sent = 0;

  constructor(private readonly state: TelegramState, private readonly random: () => number = Math.random) {}

  /** A stranger writes to `target` now; returns the message. */
  writeTo(target: Account, text?: string): Message {
    if (target.isBot) throw new Error(`@${target.username} is a bot: strangers write to people.`);
    const stranger = this.stranger(this.sent++);
    return this.state.sendMessage(stranger.id, target.id, { text: text ?? LINES[this.sent % LINES.length] });
  }

  /** Starts writing now and then (replacing an earlier schedule). */
  start(schedule: StrangerSchedule): void {
    if (!(schedule.everyMs > 0)) throw new Error(`Strangers write every everyMs > 0 ms, not ${schedule.everyMs}.`);
    this.stop();
    this.remaining = schedule.max ?? 100;
    const next = () => {
      if (this.remaining <= 0) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        const targets = this.testAccounts();
        if (targets.length > 0) {
          this.remaining--;
          this.writeTo(targets[Math.floor(this.random() * targets.length)]);
        }
        next();
      }, schedule.everyMs * (0.5 + this.random()));
      this.timer.unref();
    };
    next();
  }

  /** True while a schedule still has messages to write. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.remaining = 0;
  }

  /** True for the strangers' own accounts. */
  static isStranger(account: Pick<Account, 'phone'>): boolean {
    return /^99966[1-3]99\d\d$/.test(account.phone ?? '');
  }

  /** Every user a stranger may write to. */
  testAccounts(): Account[] {
    return this.state.listAccounts().filter((account) => !account.isBot && !Strangers.isStranger(account));
  }

  /** The n-th stranger's account, signed up on first use (on DC 1, 2, 3 in turn). */
  private stranger(n: number): Account {
    const index = n % NAMES.length;
    const phone = `99966${(index % 3) + 1}99${String(index).padStart(2, '0')}`;
    return this.state.findByPhone(phone) ?? this.state.createUser({ phone, firstName: NAMES[index] });
  }
}
