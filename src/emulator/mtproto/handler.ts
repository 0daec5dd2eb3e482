import type { Api } from 'telegram';
import { UnauthorizedError } from '../errors';
import type { Account, TelegramState } from '../state';
import type { DcAddress } from './dcs';

/**
 * The contract between the MTProto protocol layers (transport → codec → session → dispatch)
 * and the API method handlers. Handlers see decoded requests (the `telegram` package's own TL
 * classes) and the shared state, never bytes, sockets or sessions.
 */
export interface RequestContext {
  readonly state: TelegramState;
  /** The TL name of the method being served, e.g. `messages.SendMessage`. */
  readonly method: string;
  /** The account this connection's auth key is signed in to, if any. */
  readonly accountId: number | undefined;
  /** Binds the auth key to an account after sign-in/sign-up; survives reconnects with a saved session. */
  signIn(accountId: number): void;
  /** Unbinds the auth key (auth.LogOut). */
  signOut(): void;
  /**
   * Where clients reach this server, and every DC of the emulator: `help.getConfig` lists them
   * (GramJS `getDC()` reads its dcOptions for `_switchDC` and exported senders, then forces
   * port 443 there: the emulator's connection class picks each DC's real port by DC id), and
   * the redirects of `dcs.ts` are answered only towards DCs in `dcs`. Without `dcs` this server
   * is alone and answers for every DC id.
   */
  readonly server: { readonly host: string; readonly port: number; readonly dcId: number; readonly dcs?: readonly DcAddress[] };
}

/**
 * A method handler: `(context, request) → result`. The result is a TL object (anything with
 * `getBytes()`), a boolean (for `Bool` results), or an array (for `Vector<…>` results: TL
 * objects, or numbers/bigints for `Vector<int>`/`Vector<long>`; dispatch reads which from the
 * method's declared result type). Throw a `TelegramError` to answer with an `rpc_error`.
 * May return a promise (e.g. waiting for a bot's callback answer); dispatch keeps serving the
 * connection's other requests meanwhile.
 */
export type Handler<Request = any> = (ctx: RequestContext, request: Request) => unknown;

/** Handlers by TL method name (`request.className`), e.g. `{ 'help.GetConfig': … }`. */
export type HandlerRegistry = Readonly<Record<string, Handler>>;

/** Pushes updates to every live session signed in to an account (server msg_id ≡ 3 mod 4). */
export type PushUpdates = (accountId: number, updates: Api.TypeUpdates) => void;

/** The signed-in account, or 401 AUTH_KEY_UNREGISTERED, which GramJS reads as "not logged in". */
export function signedInAccount(ctx: RequestContext): Account {
  const account = ctx.accountId === undefined ? undefined : ctx.state.findAccount(ctx.accountId);
  if (!account) throw new UnauthorizedError('AUTH_KEY_UNREGISTERED', 'sign in first (auth.sendCode, auth.signIn)');
  return account;
}
