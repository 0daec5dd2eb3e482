/** account.*: the signed-in user's own profile (username, names) and privacy settings. */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { privacyKeyFromTl, privacyRulesFromTl, privacyRulesToTl, userToTl } from '../convert';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';

/** Sets or (with an empty string) removes the username; USERNAME_INVALID/OCCUPIED/NOT_MODIFIED as on Telegram. */
function updateUsername(ctx: RequestContext, request: Api.account.UpdateUsername): Api.User {
  const account = signedInAccount(ctx);
  return userToTl(ctx.state.setUsername(account.id, request.username ?? ''), account.id);
}

/** Changes the first and/or last name; an omitted field stays as it is. */
function updateProfile(ctx: RequestContext, request: Api.account.UpdateProfile): Api.User {
  const account = signedInAccount(ctx);
  // Absent optional fields are undefined in process and null when decoded: both mean "unchanged".
  const firstName = request.firstName ?? undefined;
  const lastName = request.lastName ?? undefined;
  if (firstName === undefined && lastName === undefined && (request.about ?? undefined) === undefined) {
    throw new BadRequestError('FIRSTNAME_INVALID', 'pass a first name, a last name or both');
  }
  return userToTl(ctx.state.updateProfile(account.id, { firstName, lastName }), account.id);
}

/** True when the username is free (or already this account's); USERNAME_INVALID when malformed. */
function checkUsername(ctx: RequestContext, request: Api.account.CheckUsername): boolean {
  const account = signedInAccount(ctx);
  return ctx.state.isUsernameAvailable(account.id, request.username ?? '');
}

/** Online/offline status: accepted and not tracked (nobody can see it in the emulator). */
function updateStatus(ctx: RequestContext): boolean {
  signedInAccount(ctx);
  return true;
}

/**
 * Replaces the rules of one privacy key and answers them back, as Telegram does
 * (account.setPrivacy → account.PrivacyRules). The forwards key decides whether the person's
 * messages, forwarded by someone else, link to their account or carry only their name.
 */
function setPrivacy(ctx: RequestContext, request: Api.account.SetPrivacy): Api.account.PrivacyRules {
  const account = signedInAccount(ctx);
  const key = privacyKeyFromTl(request.key);
  const rules = ctx.state.setPrivacy(account.id, key, privacyRulesFromTl(ctx.state, account.id, request.rules));
  return privacyRulesToTl(rules, (ids) => usersAsSeenBy(ctx, ids, account.id));
}

/** The rules of one privacy key: what the person set, or Telegram's default. */
function getPrivacy(ctx: RequestContext, request: Api.account.GetPrivacy): Api.account.PrivacyRules {
  const account = signedInAccount(ctx);
  const rules = ctx.state.privacyOf(account.id, privacyKeyFromTl(request.key));
  return privacyRulesToTl(rules, (ids) => usersAsSeenBy(ctx, ids, account.id));
}

function usersAsSeenBy(ctx: RequestContext, ids: number[], viewerId: number): Api.User[] {
  return ids.flatMap((id) => {
    const user = ctx.state.findAccount(id);
    return user ? [userToTl(user, viewerId)] : [];
  });
}

export const accountHandlers: HandlerRegistry = {
  'account.UpdateUsername': updateUsername,
  'account.UpdateProfile': updateProfile,
  'account.CheckUsername': checkUsername,
  'account.UpdateStatus': updateStatus,
  'account.SetPrivacy': setPrivacy,
  'account.GetPrivacy': getPrivacy,
};
