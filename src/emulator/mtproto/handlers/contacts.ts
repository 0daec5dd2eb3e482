/** contacts.*: finding people by username, blocking them. Nobody has contacts in the emulator. */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { peerUser, resolveInputPeer, userToTl } from '../convert';
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

/**
 * Blocks a person or a bot: a blocked bot may no longer write to the blocker (and gets
 * my_chat_member "kicked"), and the blocker may not write to whom they blocked. True, also when
 * nothing changes, as Telegram answers.
 */
function block(ctx: RequestContext, request: Api.contacts.Block): boolean {
  const me = signedInAccount(ctx);
  // my_stories_from hides one's stories only: there are no stories here, so nothing changes.
  if (request.myStoriesFrom) return true;
  ctx.state.setBlocked(me.id, peerToBlock(ctx, me.id, request.id), true);
  return true;
}

function unblock(ctx: RequestContext, request: Api.contacts.Unblock): boolean {
  const me = signedInAccount(ctx);
  if (request.myStoriesFrom) return true;
  ctx.state.setBlocked(me.id, peerToBlock(ctx, me.id, request.id), false);
  return true;
}

/** The most contacts.getBlocked answers at once, as for the other pages of this emulator. */
const BLOCKED_PAGE = 100;

/** The blocked peers, newest first, a page of them. */
function getBlocked(ctx: RequestContext, request: Api.contacts.GetBlocked): Api.contacts.TypeBlocked {
  const me = signedInAccount(ctx);
  const all = ctx.state.blockedBy(me.id).reverse();
  const offset = Math.max(request.offset ?? 0, 0);
  const page = all.slice(offset, offset + Math.min(Math.max(request.limit ?? 0, 0) || BLOCKED_PAGE, BLOCKED_PAGE));
  const blocked = page.map((entry) => new Api.PeerBlocked({ peerId: peerUser(entry.peerId), date: entry.date }));
  const users = page.map((entry) => ctx.state.findAccount(entry.peerId)).filter((account) => account !== undefined).map((account) => userToTl(account, me.id));
  if (page.length === all.length) return new Api.contacts.Blocked({ blocked, chats: [], users });
  return new Api.contacts.BlockedSlice({ count: all.length, blocked, chats: [], users });
}

/** CONTACT_ID_INVALID for a peer that is no account (or oneself), as contacts.block answers. */
function peerToBlock(ctx: RequestContext, viewerId: number, peer: unknown): number {
  try {
    return resolveInputPeer(ctx.state, viewerId, peer).id;
  } catch {
    throw new BadRequestError('CONTACT_ID_INVALID', 'this peer cannot be blocked: private chats only');
  }
}

export const contactsHandlers: HandlerRegistry = {
  'contacts.ResolveUsername': resolveUsername,
  'contacts.GetContacts': getContacts,
  'contacts.Block': block,
  'contacts.Unblock': unblock,
  'contacts.GetBlocked': getBlocked,
};
