import { FloodWaitError } from '../errors';

/**
 * The test DC's known faults, injected on purpose through the control surface so the suite
 * can be tested against them offline. Protocol layers only ask; tests decide.
 */
export class Faults {
  private readonly floodWaits = new Map<string, { seconds: number; remaining: number }>();
  private readonly passwordProtected = new Set<string>();

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
    this.passwordProtected.add(phone.replace(/\D/g, ''));
  }

  isPasswordProtected(phone: string): boolean {
    return this.passwordProtected.has(phone.replace(/\D/g, ''));
  }

  clear(): void {
    this.floodWaits.clear();
    this.passwordProtected.clear();
  }
}
