/**
 * Which data centre an account and its files live on.
 *
 * Telegram keeps each account on one DC, its "home", and answers requests that reach another
 * DC with a 303 redirect (PHONE_MIGRATE_X, USER_MIGRATE_X, FILE_MIGRATE_X). On the test DC the
 * home of a test number is written in it: 99966 X YYYY lives on DC X (X = 1, 2 or 3). The
 * state only records homes; the MTProto side decides what to redirect.
 */

/** The test DC's data centres. */
export const TEST_DC_IDS = [1, 2, 3] as const;

/**
 * The DC of everything that has no number to read a DC from: bots (made by @BotFather, or by a
 * test's control surface), @BotFather itself, accounts created with a number that is not a test
 * number, and files a bot uploads. DC 2 is also where a fresh GramJS session starts when it is
 * pointed at the emulator's default DC, so nothing with this home ever migrates.
 */
export const DEFAULT_DC = 2;

const TEST_NUMBER = /^99966([1-3])\d{4}$/;

/** The home DC of a phone number: X for 99966XYYYY, else {@link DEFAULT_DC}. */
export function homeDcOfPhone(phone: string): number {
  const match = TEST_NUMBER.exec(phone.replace(/\D/g, ''));
  return match ? Number(match[1]) : DEFAULT_DC;
}
