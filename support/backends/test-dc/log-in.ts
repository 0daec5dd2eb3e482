/**
 * Logging one person in on the test DC: the numbers of their slot in turn, each either
 * resumed from its cached session (no login code) or logged in afresh (auth.sendCode →
 * auth.signIn → auth.signUp for a new number, first name = the person's name).
 *
 * A number that cannot be ours is skipped, with one log line, and remembered so that the next
 * run skips it without asking for a code: someone's 2FA on it (SESSION_PASSWORD_NEEDED),
 * PHONE_NUMBER_BANNED, PHONE_NUMBER_INVALID. A number whose session another live process uses
 * is skipped too (not remembered). FLOOD_WAIT goes through flood-wait.ts. When every number
 * was skipped, the error lists each one and why.
 */
import { Api, type TelegramClient } from 'telegram';
import { closeClient } from '../close-client';
import type { DcAddress } from './addresses';
import { createTestDcClient } from './connection';
import { withFloodWait } from './flood-wait';
import { testCode } from './numbers';
import type { SessionCache } from './session-cache';

/** Answers that make a number unusable for us, for this run and the next ones. */
export const UNUSABLE_NUMBER = new Set(['SESSION_PASSWORD_NEEDED', 'PHONE_NUMBER_BANNED', 'PHONE_NUMBER_INVALID']);

export interface LogInContext {
  readonly apiId: number;
  readonly apiHash: string;
  readonly addresses: readonly DcAddress[];
  readonly cache: SessionCache;
  readonly floodWaitLimitSeconds: number;
  readonly log: (line: string) => void;
  /** Called once per auth.sendCode that Telegram accepted (the run prints the total). */
  readonly onCodeRequested: () => void;
  /** Called for each number skipped, with why (the run's summary counts them). */
  readonly onSkip?: (phone: string, reason: string) => void;
  /** Called before each FLOOD_WAIT is waited out, with its seconds. */
  readonly onFloodWait?: (seconds: number) => void;
}

export interface LoggedIn {
  readonly client: TelegramClient;
  readonly phone: string;
  readonly me: Api.User;
  /** True when the cached session was used (no login code). */
  readonly resumed: boolean;
}

/** Every number was skipped; the message says how many and why each. */
export class NoFreeNumberError extends Error {
  constructor(readonly who: string, readonly skipped: ReadonlyArray<{ phone: string; reason: string }>) {
    super(
      `No free test number for ${who} after ${skipped.length} tries: ${skipped.map((s) => `${maskPhone(s.phone)} (${s.reason})`).join(', ')}. ` +
        'Raise TEST_DC_NUMBER_TRIES, or delete unusable-numbers.json in TEST_DC_CACHE_DIR to try the remembered ones again.',
    );
    this.name = 'NoFreeNumberError';
  }
}

/** Telegram refused the API id/hash. */
export class ApiIdInvalidError extends Error {
  constructor() {
    super('Telegram answered API_ID_INVALID: TELEGRAM_API_ID and TELEGRAM_API_HASH are not a valid pair. Check them at https://my.telegram.org → API development tools.');
    this.name = 'ApiIdInvalidError';
  }
}

/** Logs `firstName` in on the first usable number of `candidates`. */
export async function logInPerson(context: LogInContext, firstName: string, candidates: readonly string[]): Promise<LoggedIn> {
  const skipped: Array<{ phone: string; reason: string }> = [];
  const unusable = context.cache.unusableNumbers();
  for (const phone of candidates) {
    const known = unusable.get(phone);
    if (known) {
      skipped.push({ phone, reason: `${known}, remembered` });
      context.onSkip?.(phone, `${known}, remembered`);
      continue;
    }
    if (!context.cache.lock(phone)) {
      skipped.push({ phone, reason: 'in use by another run on this machine' });
      context.onSkip?.(phone, 'in use by another run on this machine');
      context.log(`test-dc: ${firstName} skips ${maskPhone(phone)}: its session is in use by another run on this machine`);
      continue;
    }
    try {
      return await logInOnNumber(context, firstName, phone);
    } catch (error) {
      context.cache.unlock(phone);
      const reason = rpcMessage(error);
      if (reason === undefined || !UNUSABLE_NUMBER.has(reason)) throw error;
      context.cache.markUnusable(phone, reason);
      skipped.push({ phone, reason });
      context.onSkip?.(phone, reason);
      context.log(`test-dc: ${firstName} skips ${maskPhone(phone)}: ${reason}${reason === 'SESSION_PASSWORD_NEEDED' ? " (someone set a cloud password on this shared number)" : ''}; trying the next number`);
    }
  }
  throw new NoFreeNumberError(firstName, skipped);
}

async function logInOnNumber(context: LogInContext, firstName: string, phone: string): Promise<LoggedIn> {
  const cached = context.cache.readSession(phone);
  if (cached) {
    const client = createTestDcClient({ ...context, session: cached });
    try {
      await client.connect();
      if (await client.checkAuthorization()) {
        const me = await ensureFirstName(client, (await client.getMe()) as Api.User, firstName);
        return { client, phone, me, resumed: true };
      }
    } catch (error) {
      if (rpcMessage(error) === 'API_ID_INVALID') throw new ApiIdInvalidError();
      // An auth key the server no longer knows (logged out, wiped): log in afresh below.
    }
    await closeClient(client).catch(() => undefined);
    context.cache.deleteSession(phone);
  }
  const client = createTestDcClient(context);
  try {
    await client.connect();
    const { phoneCodeHash } = await withFloodWait('auth.sendCode', () => client.sendCode({ apiId: context.apiId, apiHash: context.apiHash }, phone), {
      limitSeconds: context.floodWaitLimitSeconds,
      log: (line) => context.log(`test-dc: ${firstName} (${maskPhone(phone)}): ${line}`),
      onWait: context.onFloodWait,
    });
    context.onCodeRequested();
    let result = await client.invoke(new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash, phoneCode: testCode(phone) }));
    if (result instanceof Api.auth.AuthorizationSignUpRequired) {
      result = await client.invoke(new Api.auth.SignUp({ phoneNumber: phone, phoneCodeHash, firstName, lastName: '' }));
    }
    if (!(result instanceof Api.auth.Authorization)) throw new Error(`Unexpected answer to signing in ${maskPhone(phone)}: ${result.className}`);
    context.cache.writeSession(phone, String(client.session.save()));
    const me = await ensureFirstName(client, result.user as Api.User, firstName);
    return { client, phone, me, resumed: false };
  } catch (error) {
    await closeClient(client).catch(() => undefined);
    if (rpcMessage(error) === 'API_ID_INVALID') throw new ApiIdInvalidError();
    throw error;
  }
}

/** A cached account may have been someone else of the cast last run: give it this person's name. */
async function ensureFirstName(client: TelegramClient, me: Api.User, firstName: string): Promise<Api.User> {
  if (me.firstName === firstName && !me.lastName) return me;
  const updated = await client.invoke(new Api.account.UpdateProfile({ firstName, lastName: '' }));
  return updated as Api.User;
}

function rpcMessage(error: unknown): string | undefined {
  const message = (error as { errorMessage?: unknown } | undefined)?.errorMessage;
  return typeof message === 'string' ? message : undefined;
}

/** "99966 2 ••34": enough to tell numbers apart in a log, not a whole number. */
export function maskPhone(phone: string): string {
  return phone.length === 10 ? `99966 ${phone[5]} ••${phone.slice(8)}` : '[number]';
}
