import { FloodWaitError } from '../errors';

/**
 * The test DC's known faults, injected on purpose through the control surface so the suite
 * can be tested against them offline. Protocol layers only ask; tests decide.
 */
export class Faults {
  private readonly floodWaits = new Map<string, { seconds: number; remaining: number }>();
  private readonly passwordProtected = new Set<string>();
  private readonly banned = new Set<string>();
  private readonly refusedApiIds = new Set<number>();
  private loginCodeLimit?: { count: number; windowMs: number };
  /** When each number was last sent login codes (ms), within the limit's window. */
  private readonly codesSent = new Map<string, number[]>();

  /**
   * The next `times` calls of `method` (a TL name like `auth.SendCode`, or a Bot API method
   * like `sendMessage`) fail with FLOOD_WAIT_<seconds>.
   */
  floodWait(method: string, seconds: number, times = 1): void {
    this.floodWaits.set(method, { seconds, remaining: times });
  }

  /** Throws FloodWaitError if a flood wait was injected for this method; consumes one. */
  checkFloodWait(method: string): void {
    const fault = this.floodWaits.get(method);
    if (!fault) return;
    if (--fault.remaining <= 0) this.floodWaits.delete(method);
    throw new FloodWaitError(fault.seconds);
  }

  /** Sign-ins with this number need a 2FA password (SESSION_PASSWORD_NEEDED), as strangers set on shared test numbers. */
  protectWithPassword(phone: string): void {
    this.passwordProtected.add(digitsOf(phone));
  }

  isPasswordProtected(phone: string): boolean {
    return this.passwordProtected.has(digitsOf(phone));
  }

  /** Telegram's ban of a number: auth.sendCode and auth.signIn answer PHONE_NUMBER_BANNED. */
  banNumber(phone: string): void {
    this.banned.add(digitsOf(phone));
  }

  isBanned(phone: string): boolean {
    return this.banned.has(digitsOf(phone));
  }

  /** An app id Telegram does not know (deleted, or mistyped): auth.sendCode answers API_ID_INVALID. */
  refuseApiId(apiId: number): void {
    this.refusedApiIds.add(apiId);
  }

  isApiIdRefused(apiId: number): boolean {
    return this.refusedApiIds.has(apiId);
  }

  /**
   * At most `perHour` login codes per number within an hour (undefined: no limit). Past it,
   * auth.sendCode answers FLOOD_WAIT_X, X the seconds until the oldest code of the hour ages
   * out, as the test DC does to suites that log in too often. `windowMs` shortens the hour (a
   * twin that wants a FLOOD_WAIT short enough to wait out; the real test DC's window is not
   * published, only that X counts down to when codes may be sent again).
   */
  limitLoginCodes(perHour: number | undefined, windowMs = HOUR_MS): void {
    if (perHour !== undefined && !(Number.isInteger(perHour) && perHour > 0)) throw new Error(`A login code limit is a whole number above 0, not ${perHour}.`);
    if (!(Number.isInteger(windowMs) && windowMs > 0)) throw new Error(`A login code window is a whole number of ms above 0, not ${windowMs}.`);
    this.loginCodeLimit = perHour === undefined ? undefined : { count: perHour, windowMs };
  }

  /** Counts a login code for `phone`, or throws FLOOD_WAIT_X when the window's limit is reached. */
  takeLoginCode(phone: string, now = Date.now()): void {
    const digits = digitsOf(phone);
    const windowMs = this.loginCodeLimit?.windowMs ?? HOUR_MS;
    const recent = (this.codesSent.get(digits) ?? []).filter((sentAt) => sentAt > now - windowMs);
    if (this.loginCodeLimit !== undefined && recent.length >= this.loginCodeLimit.count) {
      this.codesSent.set(digits, recent);
      throw new FloodWaitError(Math.max(1, Math.ceil((recent[0] + windowMs - now) / 1000)));
    }
    recent.push(now);
    this.codesSent.set(digits, recent);
  }

  clear(): void {
    this.floodWaits.clear();
    this.passwordProtected.clear();
    this.banned.clear();
    this.refusedApiIds.clear();
    this.codesSent.clear();
    this.loginCodeLimit = undefined;
  }
}

const HOUR_MS = 3_600_000;

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}
