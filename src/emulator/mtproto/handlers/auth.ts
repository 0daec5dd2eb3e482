/**
 * auth.*: logging in the way the test DC does it.
 *
 * Only test numbers exist: `99966XYYYY`, X being a DC 1–3, and the code is X five times. The
 * flow GramJS's `client.start()` / `signInUser()` runs: auth.sendCode → auth.signIn, which
 * answers auth.authorizationSignUpRequired for a new number → auth.signUp. Numbers that the
 * control surface protected with a password answer 401 SESSION_PASSWORD_NEEDED after a right
 * code, as shared test numbers whose 2FA a stranger set do.
 *
 * The test DC's faults, when the control surface sets them: a number banned (400
 * PHONE_NUMBER_BANNED), too many codes for a number within an hour (420 FLOOD_WAIT_X).
 *
 * A number lives on the DC written in it: asked on another DC of the emulator, sendCode, signIn
 * and signUp answer 303 PHONE_MIGRATE_X and GramJS reconnects there (`../dcs.ts`).
 */
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { BadRequestError, UnauthorizedError } from '../../errors';
import { homeDcOfPhone, type Account, type TelegramState } from '../../state';
import { redirectUnlessHere } from '../dcs';
import { toLong, userToTl } from '../convert';
import type { HandlerRegistry, RequestContext } from '../handler';

const TEST_NUMBER = /^99966([1-3])\d{4}$/;

/** phone_code_hash values issued by auth.sendCode, per state and number (the last one counts). */
const issuedCodes = new WeakMap<TelegramState, Map<string, string>>();

/** Cross-DC authorization tokens from auth.exportAuthorization, per state: for whom, and for which DC. */
const exportedAuthorizations = new WeakMap<TelegramState, Map<string, { accountId: number; dcId: number }>>();

function codesOf(state: TelegramState): Map<string, string> {
  let codes = issuedCodes.get(state);
  if (!codes) issuedCodes.set(state, (codes = new Map()));
  return codes;
}

/** The number's digits, or PHONE_NUMBER_INVALID when it is not a test number. */
function testNumber(phone: string | undefined): { digits: string; code: string } {
  const digits = (phone ?? '').replace(/[\s+()-]/g, '');
  const match = TEST_NUMBER.exec(digits);
  if (!match) {
    throw new BadRequestError('PHONE_NUMBER_INVALID', `"${phone}" is not a test number: use 99966XYYYY with X a DC from 1 to 3 (the code is then X five times)`);
  }
  return { digits, code: match[1].repeat(5) };
}

/** Checks the phone_code_hash against the last one auth.sendCode issued for this number. */
function checkCodeHash(state: TelegramState, digits: string, hash: string | undefined): void {
  if (!hash) throw new BadRequestError('PHONE_CODE_HASH_EMPTY', 'pass the phone_code_hash auth.sendCode returned');
  if (codesOf(state).get(digits) !== hash) throw new BadRequestError('PHONE_CODE_EXPIRED', 'this phone_code_hash is not the last one sent to the number: call auth.sendCode again');
}

function authorization(account: Account): Api.auth.Authorization {
  return new Api.auth.Authorization({ user: userToTl(account, account.id) });
}

/** A test number on this DC, or PHONE_MIGRATE_X towards its home. */
function numberHere(ctx: RequestContext, phone: string | undefined): { digits: string; code: string } {
  const number = testNumber(phone);
  redirectUnlessHere(ctx.server, 'PHONE', homeDcOfPhone(number.digits));
  return number;
}

/** PHONE_NUMBER_BANNED for a number Telegram banned (auth.sendCode's documented error). */
function refuseBanned(ctx: RequestContext, digits: string): void {
  if (ctx.state.faults.isBanned(digits)) throw new BadRequestError('PHONE_NUMBER_BANNED', `${digits} is banned: use another test number`);
}

function sendCode(ctx: RequestContext, request: Api.auth.SendCode): Api.auth.SentCode {
  // auth.sendCode's documented 400 API_ID_INVALID (https://core.telegram.org/method/auth.sendCode):
  // the api_id/api_hash pair is not an app's.
  if (ctx.state.faults.isApiIdRefused(request.apiId)) throw new BadRequestError('API_ID_INVALID', `api_id ${request.apiId} is not a valid app: check it at my.telegram.org`);
  const { digits } = numberHere(ctx, request.phoneNumber);
  refuseBanned(ctx, digits);
  ctx.state.faults.takeLoginCode(digits);
  const hash = randomBytes(9).toString('hex');
  codesOf(ctx.state).set(digits, hash);
  // A number that has an account gets the code in the app, a new one by SMS, as on Telegram.
  const type = ctx.state.findByPhone(digits)
    ? new Api.auth.SentCodeTypeApp({ length: 5 })
    : new Api.auth.SentCodeTypeSms({ length: 5 });
  return new Api.auth.SentCode({ type, phoneCodeHash: hash, timeout: 120 });
}

function signIn(ctx: RequestContext, request: Api.auth.SignIn): Api.auth.TypeAuthorization {
  const { digits, code } = numberHere(ctx, request.phoneNumber);
  refuseBanned(ctx, digits);
  checkCodeHash(ctx.state, digits, request.phoneCodeHash);
  if (!request.phoneCode) throw new BadRequestError('PHONE_CODE_EMPTY', 'pass the code (for a test number, its DC digit five times)');
  if (request.phoneCode !== code) throw new BadRequestError('PHONE_CODE_INVALID', `wrong code: for ${digits} it is ${code[0]} five times`);
  if (ctx.state.faults.isPasswordProtected(digits)) {
    throw new UnauthorizedError('SESSION_PASSWORD_NEEDED', `${digits} has two-step verification: use another test number`);
  }
  const account = ctx.state.findByPhone(digits);
  if (!account) return new Api.auth.AuthorizationSignUpRequired({});
  codesOf(ctx.state).delete(digits);
  ctx.signIn(account.id);
  return authorization(account);
}

function signUp(ctx: RequestContext, request: Api.auth.SignUp): Api.auth.TypeAuthorization {
  const { digits } = numberHere(ctx, request.phoneNumber);
  checkCodeHash(ctx.state, digits, request.phoneCodeHash);
  const account = ctx.state.createUser({ phone: digits, firstName: request.firstName ?? '', lastName: request.lastName });
  codesOf(ctx.state).delete(digits);
  ctx.signIn(account.id);
  return authorization(account);
}

function logOut(ctx: RequestContext): Api.auth.LoggedOut {
  ctx.signOut();
  return new Api.auth.LoggedOut({});
}

/**
 * GramJS exports its authorization on its home DC before it opens a sender on another DC (to
 * download a file stored there), and imports it on that DC. The token is good once, for that
 * account, on that DC only. Exporting to the DC one is on, or to a DC that does not exist, is
 * DC_ID_INVALID (GramJS then treats the sender as authorized already).
 */
function exportAuthorization(ctx: RequestContext, request: Api.auth.ExportAuthorization): Api.auth.ExportedAuthorization {
  if (ctx.accountId === undefined) throw new UnauthorizedError('AUTH_KEY_UNREGISTERED', 'sign in before exporting the authorization');
  const known = ctx.server.dcs?.map((dc) => dc.id) ?? [1, 2, 3, 4, 5];
  if (!known.includes(request.dcId) || (ctx.server.dcs && request.dcId === ctx.server.dcId)) {
    throw new BadRequestError('DC_ID_INVALID', `there is no other DC ${request.dcId} to export to`);
  }
  const bytes = randomBytes(32);
  tokensOf(ctx.state).set(bytes.toString('hex'), { accountId: ctx.accountId, dcId: request.dcId });
  return new Api.auth.ExportedAuthorization({ id: toLong(ctx.accountId), bytes });
}

function importAuthorization(ctx: RequestContext, request: Api.auth.ImportAuthorization): Api.auth.Authorization {
  const key = Buffer.from(request.bytes ?? []).toString('hex');
  const token = tokensOf(ctx.state).get(key);
  const account = token && ctx.state.findAccount(token.accountId);
  const forThisDc = token !== undefined && (!ctx.server.dcs || token.dcId === ctx.server.dcId);
  if (!account || !forThisDc || token.accountId !== Number(request.id.toString())) {
    throw new BadRequestError('AUTH_BYTES_INVALID', 'use the bytes auth.exportAuthorization returned for this DC');
  }
  tokensOf(ctx.state).delete(key);
  ctx.signIn(account.id);
  return authorization(account);
}

function tokensOf(state: TelegramState): Map<string, { accountId: number; dcId: number }> {
  let tokens = exportedAuthorizations.get(state);
  if (!tokens) exportedAuthorizations.set(state, (tokens = new Map()));
  return tokens;
}

export const authHandlers: HandlerRegistry = {
  'auth.SendCode': sendCode,
  'auth.SignIn': signIn,
  'auth.SignUp': signUp,
  'auth.LogOut': logOut,
  'auth.ExportAuthorization': exportAuthorization,
  'auth.ImportAuthorization': importAuthorization,
};
