/**
 * Several DCs over one state: where each listens, and the 303 redirects Telegram answers when a
 * request reaches a DC that is not the one it belongs to.
 *
 * What the redirects mean (Telegram's 303 SEE_OTHER errors, named in every client library's
 * error table, e.g. Pyrogram's "303 - SeeOther": FILE_MIGRATE_X "The file to be accessed is
 * currently stored in DC X", PHONE_MIGRATE_X "The phone number a user is trying to use for
 * authorization is associated with DC X", USER_MIGRATE_X "The user whose identity is being used
 * to execute queries is associated with DC X"):
 *  - PHONE_MIGRATE_X: auth.sendCode / signIn / signUp for a number whose home is DC X;
 *  - USER_MIGRATE_X: any request of a signed-in account on a DC other than its home, except
 *    downloading files (an authorization imported there with auth.importAuthorization exists
 *    for exactly that) and the methods a signed-out key may call anyway (auth.*, help.*);
 *  - FILE_MIGRATE_X: upload.getFile for a file stored on DC X.
 *
 * GramJS 2.26 handles each: PHONE_/USER_MIGRATE in `invoke` (`_switchDC`: a new auth key on the
 * new DC), FILE_MIGRATE in its download iterator (an exported sender on that DC, authorized
 * through auth.exportAuthorization on the home DC and auth.importAuthorization there).
 *
 * A DC that is not served by this emulator never redirects: a lone MTProto server (as unit
 * tests start one) serves every account and file itself.
 */
import { TelegramError } from '../errors';

/** Where one DC listens. Plain data, printable as JSON. */
export interface DcAddress {
  readonly id: number;
  readonly host: string;
  readonly port: number;
}

/** 303 SEE_OTHER: the request belongs on another DC; the DC id is encoded in the name. */
export class SeeOtherError extends TelegramError {
  constructor(kind: 'PHONE' | 'USER' | 'FILE', readonly dcId: number) {
    super(303, `${kind}_MIGRATE_${dcId}`, `repeat the request on DC ${dcId}`);
  }
}

/** This server's DC and every DC of the emulator (itself alone when started alone). */
export interface DcContext {
  readonly dcId: number;
  readonly dcs?: readonly DcAddress[];
}

/** True when `dcId` is another DC that this emulator serves: only then is a redirect answerable. */
export function isOtherServedDc(server: DcContext, dcId: number): boolean {
  return dcId !== server.dcId && (server.dcs ?? []).some((dc) => dc.id === dcId);
}

/** Throws `<kind>_MIGRATE_<home>` when the thing asked for lives on another served DC. */
export function redirectUnlessHere(server: DcContext, kind: 'PHONE' | 'USER' | 'FILE', home: number): void {
  if (isOtherServedDc(server, home)) throw new SeeOtherError(kind, home);
}

/**
 * Methods a signed-in account may call on a DC that is not its home: the ones a signed-out key
 * may call anyway, and downloads (the reason to import an authorization on another DC).
 */
export function allowedAwayFromHome(method: string): boolean {
  return method.startsWith('auth.') || method.startsWith('help.') || method.startsWith('langpack.')
    || method === 'upload.GetFile';
}
