import { Api } from 'telegram';
import type { Message } from '../../state';
import { unixNow } from '../../state';
import { messageToTl, usersOf, type Viewpoint } from '../convert';
import type { RequestContext } from '../handler';

/** The viewpoint of the signed-in account for converting messages. */
export function viewpoint(ctx: RequestContext, viewerId: number): Viewpoint {
  return { state: ctx.state, viewerId };
}

/** An `Updates` bundle with the users GramJS needs to make sense of it. */
export function updatesBundle(updates: Api.TypeUpdate[], users: Api.TypeUser[]): Api.Updates {
  return new Api.Updates({ updates, users, chats: [], date: unixNow(), seq: 0 });
}

/**
 * The result of sending messages: for each, `updateMessageID` (mapping the client's random id
 * to the new message id) and `updateNewMessage` with the message as the sender sees it.
 * GramJS's `_getResponseMessage` pairs them up to return the sent messages.
 * `pts` numbers follow the sender's box: these were its last changes, in this order.
 */
export function sentMessagesUpdates(ctx: RequestContext, senderId: number, sent: Array<{ message: Message; randomId?: unknown }>): Api.Updates {
  const view = viewpoint(ctx, senderId);
  const finalPts = ctx.state.requireAccount(senderId).pts;
  const updates: Api.TypeUpdate[] = [];
  sent.forEach(({ message, randomId }, index) => {
    const boxId = ctx.state.boxIdOf(message, senderId) ?? 0;
    if (randomId !== undefined) updates.push(new Api.UpdateMessageID({ id: boxId, randomId: randomId as Api.UpdateMessageID['randomId'] }));
    updates.push(new Api.UpdateNewMessage({ message: messageToTl(view, message, boxId), pts: finalPts - (sent.length - 1 - index), ptsCount: 1 }));
  });
  return updatesBundle(updates, usersOf(view, sent.map((entry) => entry.message)));
}
