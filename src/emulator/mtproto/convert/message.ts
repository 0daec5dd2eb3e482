import { Api } from 'telegram';
import type { Account, Message, TelegramState } from '../../state';
import { entityToTl } from './entities';
import { toLong } from './long';
import { replyMarkupToTl } from './markup';
import { mediaToTl } from './media';
import { peerUser } from './peers';
import { messageReactionsToTl } from './reactions';
import { userToTl } from './user';

/** Who is looking: what every converted message depends on. */
export interface Viewpoint {
  readonly state: TelegramState;
  readonly viewerId: number;
}

/**
 * One message as `viewerId` sees it in its own box: its own id there (`boxId`), `out` only in
 * the sender's copy, and `peerId` the other participant (for an incoming message, the sender).
 */
export function messageToTl(view: Viewpoint, message: Message, boxId: number): Api.Message {
  const { state, viewerId } = view;
  const peerId = state.peerOf(message, viewerId);
  return new Api.Message({
    id: boxId,
    out: message.senderId === viewerId || undefined,
    fromId: peerUser(message.senderId),
    peerId: peerUser(peerId),
    date: message.date,
    message: message.text,
    media: message.media ? mediaToTl(message.media, viewerId) : undefined,
    replyMarkup: message.replyMarkup ? replyMarkupToTl(message.replyMarkup) : undefined,
    entities: message.entities.length > 0 ? message.entities.map(entityToTl) : undefined,
    fwdFrom: message.forward
      ? new Api.MessageFwdHeader({
          date: message.forward.date,
          fromId: message.forward.fromId !== undefined ? peerUser(message.forward.fromId) : undefined,
          fromName: message.forward.fromId === undefined ? message.forward.senderName : undefined,
        })
      : undefined,
    groupedId: message.groupedId !== undefined ? toLong(message.groupedId) : undefined,
    replyTo: replyHeader(view, message, peerId),
    editDate: message.editDate,
    reactions: message.reactions ? messageReactionsToTl(message, viewerId) : undefined,
  });
}

/** The reply header, pointing at the replied-to message's id in the viewer's box, if it is still there. */
function replyHeader(view: Viewpoint, message: Message, peerId: number): Api.MessageReplyHeader | undefined {
  if (message.replyToKey === undefined) return undefined;
  const original = view.state.history(view.viewerId, peerId).find((entry) => entry.message.key === message.replyToKey);
  return original ? new Api.MessageReplyHeader({ replyToMsgId: original.boxId }) : undefined;
}

/**
 * The users a set of messages mentions (senders, recipients, forwarded authors), as TL users
 * for `Updates.users` / `messages.Messages.users`: GramJS needs them to know who sent what.
 */
export function usersOf(view: Viewpoint, messages: Iterable<Message>, extra: Iterable<number> = []): Api.User[] {
  const ids = new Set<number>(extra);
  for (const message of messages) {
    ids.add(message.senderId);
    ids.add(message.recipientId);
    if (message.forward?.fromId !== undefined) ids.add(message.forward.fromId);
    for (const entity of message.entities) if (entity.userId !== undefined) ids.add(entity.userId);
  }
  return usersById(view, ids);
}

export function usersById(view: Viewpoint, ids: Iterable<number>): Api.User[] {
  const users: Api.User[] = [];
  for (const id of new Set(ids)) {
    const account: Account | undefined = view.state.findAccount(id);
    if (account) users.push(userToTl(account, view.viewerId));
  }
  return users;
}
