/**
 * Everyone a worker has logged in, by name. Logging in happens once per person per worker, on
 * the first scenario that mentions them; later scenarios reuse the connected client.
 *
 * The usual names get fixed slots (so Alice is always the same test number); any other name
 * gets the next free slot after them. Slots stay below 100: on the test DC a worker's block holds
 * 100 slots of numbers (support/backends/test-dc/numbers.ts) and its last, slot 100, is the bot
 * maker's (BOT_MAKER_SLOT), so no person shares the bot maker's numbers or another worker's.
 */
import type { Backend } from '../backends';
import type { TelegramUser } from './telegram-user';

const USUAL_NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Oscar', 'Peggy', 'Trent', 'Victor', 'Walter'];
const FIRST_FREE_SLOT = USUAL_NAMES.length + 1;

export class Cast {
  private readonly users = new Map<string, Promise<TelegramUser>>();
  private nextSlot = FIRST_FREE_SLOT;

  constructor(private readonly backend: Backend) {}

  /** The person called `name`, logged in (once per worker). */
  user(name: string): Promise<TelegramUser> {
    let user = this.users.get(name);
    if (!user) {
      const usual = USUAL_NAMES.indexOf(name);
      const index = usual >= 0 ? usual + 1 : this.nextSlot++;
      // Loaded on the first login, not with the step definitions (see telegram-api.ts).
      user = import('./telegram-user').then(({ TelegramUser }) => TelegramUser.logIn(this.backend, { index, firstName: name }));
      user.catch(() => this.users.delete(name));
      this.users.set(name, user);
    }
    return user;
  }

  async disconnectEveryone(): Promise<void> {
    const users = await Promise.allSettled(this.users.values());
    this.users.clear();
    await Promise.allSettled(users.map((result) => (result.status === 'fulfilled' ? result.value.disconnect() : undefined)));
  }
}

/** How a scenario names a person: "Alice", or "user A" (shown to Telegram as "User A"). */
export function personName(text: string): string {
  const generic = /^user ([A-Z0-9]+)$/i.exec(text);
  return generic ? `User ${generic[1]!.toUpperCase()}` : text;
}
