/**
 * FLOOD_WAIT_X: Telegram's "too many requests, wait X seconds" (https://core.telegram.org/api/errors#420-flood).
 * On the test DC it comes mostly from auth.sendCode after a few login codes for one number.
 *
 * A wait up to the limit (TEST_DC_FLOOD_WAIT_LIMIT_S) is waited out with a countdown, then the
 * call is retried; a longer one stops the run before any scenario with what to do about it.
 * The countdown is a chain of timers (one tick every `tickSeconds`), so the wait is exactly X
 * seconds and ends on the timer's event, never by polling.
 */
export const FLOOD_WAIT = /^(?:FLOOD_WAIT|FLOOD_TEST_PHONE_WAIT|FLOOD_PREMIUM_WAIT)_(\d+)$/;

/**
 * The X of a FLOOD_WAIT_X error, or undefined. GramJS turns FLOOD_WAIT_X and
 * FLOOD_TEST_PHONE_WAIT_X (the test DC's own) into a FloodError (errorMessage "FLOOD", code 420)
 * with X as `seconds` (telegram/errors/RPCErrorList.js); the raw form is read too.
 */
export function floodWaitSeconds(error: unknown): number | undefined {
  const e = error as { errorMessage?: unknown; seconds?: unknown } | undefined;
  if (typeof e?.errorMessage !== 'string') return undefined;
  if (e.errorMessage.startsWith('FLOOD') && typeof e.seconds === 'number') return e.seconds;
  const match = FLOOD_WAIT.exec(e.errorMessage);
  return match ? Number(match[1]) : undefined;
}

/** The wait is longer than the limit: stop before any scenario and say what to do. */
export class FloodWaitTooLongError extends Error {
  constructor(readonly seconds: number, readonly limitSeconds: number, readonly method: string) {
    super(
      `Telegram asks to wait ${formatDuration(seconds)} (FLOOD_WAIT_${seconds}) before ${method} again, more than TEST_DC_FLOOD_WAIT_LIMIT_S (${limitSeconds} s). ` +
        `Run again after ${new Date(Date.now() + seconds * 1000).toISOString()}, or raise TEST_DC_FLOOD_WAIT_LIMIT_S to ${seconds} to wait it out; ` +
        'cached sessions (TEST_DC_CACHE_DIR) avoid asking for login codes at all.',
    );
    this.name = 'FloodWaitTooLongError';
  }
}

export type FloodDecision = { readonly action: 'wait'; readonly seconds: number } | { readonly action: 'stop'; readonly error: FloodWaitTooLongError };

/** Wait X ≤ limit, stop above it. */
export function decideFloodWait(seconds: number, limitSeconds: number, method: string): FloodDecision {
  return seconds <= limitSeconds ? { action: 'wait', seconds } : { action: 'stop', error: new FloodWaitTooLongError(seconds, limitSeconds, method) };
}

export interface Countdown {
  /** Called with the seconds left, first with the whole wait, then every tick, last with 0. */
  readonly onTick: (secondsLeft: number) => void;
  readonly tickSeconds?: number;
  /** The timer to use (tests pass a fake one). */
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
}

/** Resolves after `seconds`, telling `onTick` the seconds left along the way. */
export function waitWithCountdown(seconds: number, countdown: Countdown): Promise<void> {
  const tick = Math.max(1, countdown.tickSeconds ?? 10);
  const setTimer = countdown.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  return new Promise((resolve) => {
    const step = (left: number) => {
      countdown.onTick(left);
      if (left <= 0) return resolve();
      const next = Math.min(tick, left);
      setTimer(() => step(left - next), next * 1000);
    };
    step(Math.max(0, Math.ceil(seconds)));
  });
}

/**
 * Runs `call`; on a FLOOD_WAIT_X with X ≤ limit waits X with a countdown and runs it again
 * (at most `maxRetries` times); above the limit throws {@link FloodWaitTooLongError}.
 */
export async function withFloodWait<T>(
  method: string,
  call: () => Promise<T>,
  options: { limitSeconds: number; log: (line: string) => void; onWait?: (seconds: number) => void; maxRetries?: number; countdown?: Omit<Countdown, 'onTick'> },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await call();
    } catch (error) {
      const seconds = floodWaitSeconds(error);
      if (seconds === undefined || retry >= (options.maxRetries ?? 3)) throw error;
      const decision = decideFloodWait(seconds, options.limitSeconds, method);
      if (decision.action === 'stop') throw decision.error;
      options.onWait?.(seconds);
      await waitWithCountdown(seconds, {
        ...options.countdown,
        onTick: (left) => options.log(left > 0 ? `FLOOD_WAIT_${seconds} on ${method}: retrying in ${left} s` : `FLOOD_WAIT_${seconds} on ${method}: retrying now`),
      });
    }
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
