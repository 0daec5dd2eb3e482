import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import type { Account, TelegramState } from '../../state';
import { fromLong, toLong } from './long';

/** TL `PeerUser` for an account id: only private chats exist in the emulator. */
export function peerUser(accountId: number): Api.PeerUser {
  return new Api.PeerUser({ userId: toLong(accountId) });
}

/**
 * Requests arrive decoded, so peers are TL objects even where the `telegram` typings allow the
 * client-side shortcuts (usernames, ids): these take `unknown` and check the class.
 *
 * The account an `InputPeer` names, seen from `viewerId`. Groups and channels do not exist
 * here, so they are PEER_ID_INVALID, as an unknown user or a wrong access hash is.
 */
export function resolveInputPeer(state: TelegramState, viewerId: number, peer: unknown): Account {
  if (peer instanceof Api.InputPeerSelf) return state.requireAccount(viewerId);
  if (peer instanceof Api.InputPeerUser) return state.requireAccount(Number(peer.userId.toString()), fromLong(peer.accessHash));
  if (peer instanceof Api.InputPeerUserFromMessage) return state.requireAccount(Number(peer.userId.toString()));
  const kind = (peer as { className?: string } | undefined)?.className ?? 'no peer';
  throw new BadRequestError('PEER_ID_INVALID', `${kind} is not a user: the emulator has private chats only`);
}

/** The account an `InputUser` names; USER_ID_INVALID when unknown or the access hash is wrong. */
export function resolveInputUser(state: TelegramState, viewerId: number, user: unknown): Account {
  try {
    if (user instanceof Api.InputUserSelf) return state.requireAccount(viewerId);
    if (user instanceof Api.InputUser) return state.requireAccount(Number(user.userId.toString()), fromLong(user.accessHash));
    if (user instanceof Api.InputUserFromMessage) return state.requireAccount(Number(user.userId.toString()));
  } catch {
    throw new BadRequestError('USER_ID_INVALID', `no user ${describeInputUser(user)} (or a wrong access hash)`);
  }
  throw new BadRequestError('USER_ID_INVALID', `${(user as { className?: string } | undefined)?.className ?? 'no user'} does not name a user`);
}

function describeInputUser(user: unknown): string {
  return user instanceof Api.InputUser ? user.userId.toString() : String((user as { className?: string } | undefined)?.className);
}

/** A message id from a decoded request (typed as GramJS's client-side `MessageIDLike`). */
export function messageIdOf(id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id)) throw new BadRequestError('MESSAGE_ID_INVALID', `${String(id)} is not a message id`);
  return id;
}
