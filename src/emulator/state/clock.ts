/**
 * Telegram's `date` fields: whole seconds since the epoch. Pass `millis` when the caller has
 * its own clock (a test, the handshake's injectable `now`); otherwise it is the wall clock.
 */
export function unixNow(millis: number = Date.now()): number {
  return Math.floor(millis / 1000);
}
