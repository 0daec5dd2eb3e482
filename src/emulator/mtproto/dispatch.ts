/**
 * Dispatch: from a decoded API request to a handler, and from its outcome to rpc_result bytes.
 *
 * Order of checks, each answering the way Telegram does:
 *   1. unwrap invokeWithLayer / initConnection / invokeWithoutUpdates...;
 *   2. a method with no handler → 400 INPUT_METHOD_INVALID_<NAME> (logged; the connection
 *      keeps serving);
 *   3. an auth key not signed in, for a method that needs it → 401 AUTH_KEY_UNREGISTERED
 *      (GramJS reads this as "not logged in");
 *   4. a signed-in account on a DC that is not its home → 303 USER_MIGRATE_X, except for
 *      downloads and sign-in methods (`dcs.ts`);
 *   5. an injected FLOOD_WAIT fault for this method → 420 FLOOD_WAIT_X;
 *   6. the handler: its result is boxed per the method's declared type; a thrown
 *      TelegramError becomes its rpc_error, anything else a logged 500 INTERNAL.
 */
import { TelegramError, UnauthorizedError } from '../errors';
import type { TelegramState } from '../state';
import type { AuthKeyStore } from './auth-key';
import { allowedAwayFromHome, redirectUnlessHere } from './dcs';
import { unwrapRequest, writeRpcError } from './codec';
import type { HandlerRegistry, RequestContext } from './handler';
import type { IncomingRequest, RequestDispatcher } from './session';
import { TlEncodeError } from './tl';

/** Methods a client may call before signing in (everything else needs a signed-in key). */
const PUBLIC_METHOD_PREFIXES = ['auth.', 'help.', 'langpack.'];
/** account.getPassword is asked after SESSION_PASSWORD_NEEDED, i.e. before the key is signed in. */
const PUBLIC_METHODS = new Set(['account.GetPassword']);

export function requiresSignIn(method: string): boolean {
  return !PUBLIC_METHODS.has(method) && !PUBLIC_METHOD_PREFIXES.some((prefix) => method.startsWith(prefix));
}

/** The RPC error for a method the emulator does not implement; it names the method. */
export function methodInvalidError(method: string): string {
  return `INPUT_METHOD_INVALID_${method.replace(/\W+/g, '_').toUpperCase()}`;
}

export interface DispatcherOptions {
  state: TelegramState;
  handlers: HandlerRegistry;
  authKeys: AuthKeyStore;
  server: RequestContext['server'];
  log(message: string): void;
}

export function createDispatcher(options: DispatcherOptions): RequestDispatcher {
  const { state, handlers, authKeys, server, log } = options;

  return async function dispatch({ session, request: wrapped, codec }: IncomingRequest): Promise<Buffer> {
    const { request } = unwrapRequest(wrapped);
    const method: string = request?.className ?? 'unknown';
    try {
      const handler = request?.classType === 'request' ? handlers[method] : undefined;
      if (!handler) {
        log(`unimplemented method ${method}: answering 400 ${methodInvalidError(method)}`);
        return writeRpcError(400, methodInvalidError(method));
      }
      const accountId = session.accountId;
      const account = accountId === undefined ? undefined : state.findAccount(accountId);
      if (requiresSignIn(method) && !account) {
        throw new UnauthorizedError('AUTH_KEY_UNREGISTERED', `${method} needs a signed-in auth key`);
      }
      if (account && !allowedAwayFromHome(method)) redirectUnlessHere(server, 'USER', account.homeDc);
      state.faults.checkFloodWait(method);

      const context: RequestContext = {
        state,
        method,
        get accountId() {
          return session.accountId;
        },
        signIn: (id) => authKeys.bind(session.authKey.authKey, id),
        signOut: () => authKeys.bind(session.authKey.authKey, undefined),
        server,
      };
      const result = await handler(context, request);
      // The answer, in the layer the request came in: fields that layer lacks are dropped.
      return codec.encodeResult(method, result);
    } catch (error) {
      if (error instanceof TelegramError) return writeRpcError(error.code, error.errorMessage);
      if (error instanceof TlEncodeError) {
        log(`${method}: the answer does not encode in layer ${codec.layer}: ${error.message}`);
        return writeRpcError(500, 'INTERNAL');
      }
      log(`${method} failed: ${(error as Error)?.stack ?? error}`);
      return writeRpcError(500, 'INTERNAL');
    }
  };
}
