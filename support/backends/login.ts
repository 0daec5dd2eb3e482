/**
 * Logging a GramJS client in with a test phone number, the same way on the embedded Telegram
 * and on the real test DC: `auth.sendCode` → `auth.signIn` → (`auth.signUp` for a new number).
 *
 * Written out instead of `client.start()` because `start()` retries forever on some errors
 * and asks for missing input through callbacks; a test needs one attempt and a clear error.
 */
import { Api, type TelegramClient } from 'telegram';

export interface TestNumberLogin {
  readonly phone: string;
  readonly code: string;
  readonly firstName: string;
  readonly apiId: number;
  readonly apiHash: string;
}

/** The number is protected by a cloud password (someone set 2FA on a shared test number). */
export class PasswordProtectedNumberError extends Error {
  constructor(readonly phone: string) {
    super(`The test number ${phone} has a cloud password (SESSION_PASSWORD_NEEDED); use another number.`);
    this.name = 'PasswordProtectedNumberError';
  }
}

/** Logs `client` (connected) in as `phone`, signing up when the number is new. Returns the user. */
export async function logInWithTestNumber(client: TelegramClient, login: TestNumberLogin): Promise<Api.User> {
  if (await client.checkAuthorization()) return (await client.getMe()) as Api.User;
  const { phoneCodeHash } = await client.sendCode({ apiId: login.apiId, apiHash: login.apiHash }, login.phone);
  let result: Api.auth.TypeAuthorization;
  try {
    result = await client.invoke(new Api.auth.SignIn({ phoneNumber: login.phone, phoneCodeHash, phoneCode: login.code }));
  } catch (error) {
    if ((error as { errorMessage?: string }).errorMessage === 'SESSION_PASSWORD_NEEDED') throw new PasswordProtectedNumberError(login.phone);
    throw error;
  }
  if (result instanceof Api.auth.AuthorizationSignUpRequired) {
    result = await client.invoke(new Api.auth.SignUp({ phoneNumber: login.phone, phoneCodeHash, firstName: login.firstName, lastName: '' }));
  }
  if (!(result instanceof Api.auth.Authorization)) throw new Error(`Unexpected answer to signing in ${login.phone}: ${result.className}`);
  return result.user as Api.User;
}
