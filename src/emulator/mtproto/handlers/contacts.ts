/** contacts.*: finding people by username. Nobody has contacts in the emulator. */
import { Api } from 'telegram';
import { peerUser, userToTl } from '../convert';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';

/** USERNAME_INVALID when malformed, USERNAME_NOT_OCCUPIED when nobody has it. */
function resolveUsername(ctx: RequestContext, request: Api.contacts.ResolveUsername): Api.contacts.ResolvedPeer {
  const viewer = signedInAccount(ctx);
  const account = ctx.state.resolveUsername(request.username ?? '');
  return new Api.contacts.ResolvedPeer({ peer: peerUser(account.id), chats: [], users: [userToTl(account, viewer.id)] });
}

function getContacts(ctx: RequestContext): Api.contacts.Contacts {
  signedInAccount(ctx);
  return new Api.contacts.Contacts({ contacts: [], savedCount: 0, users: [] });
}

export const contactsHandlers: HandlerRegistry = {
  'contacts.ResolveUsername': resolveUsername,
  'contacts.GetContacts': getContacts,
};
