/**
 * From state events to pushed MTProto updates.
 *
 * Each account's sessions hear about changes it did not cause itself: a message someone sent
 * it, an edit of such a message, messages the other side deleted (or a wipe), reactions the
 * other side set. The account's own sends, edits, deletions and reactions come back in its RPC
 * results instead, as on Telegram.
 * Every push is an `Updates` with the users it mentions: GramJS needs them to build events.
 * Bots read updates over the Bot API, so nothing is pushed to them here.
 */
import { Api } from 'telegram';
import type { BoxEvent, DeletionEvent, ReactionEvent, TelegramState } from '../state';
import { unixNow } from '../state';
import { messageToTl, reactionUpdates, usersOf, type Viewpoint } from './convert';
import type { PushUpdates } from './handler';

export function subscribeUpdates(state: TelegramState, push: PushUpdates): () => void {
  const isUser = (id: number) => state.findAccount(id)?.isBot === false;

  const bundle = (view: Viewpoint, update: Api.TypeUpdate, event: BoxEvent) =>
    new Api.Updates({ updates: [update], users: usersOf(view, [event.message]), chats: [], date: unixNow(), seq: 0 });

  const onMessage = (event: BoxEvent) => {
    if (event.outgoing || !isUser(event.ownerId)) return;
    const view = { state, viewerId: event.ownerId };
    const message = messageToTl(view, event.message, event.boxId);
    push(event.ownerId, bundle(view, new Api.UpdateNewMessage({ message, pts: event.pts, ptsCount: 1 }), event));
  };
  const onEdit = (event: BoxEvent) => {
    if (event.outgoing || !isUser(event.ownerId)) return;
    const view = { state, viewerId: event.ownerId };
    const message = messageToTl(view, event.message, event.boxId);
    push(event.ownerId, bundle(view, new Api.UpdateEditMessage({ message, pts: event.pts, ptsCount: 1 }), event));
  };
  const onDelete = (event: DeletionEvent) => {
    if (event.causedBy === event.ownerId || !isUser(event.ownerId)) return;
    const update = new Api.UpdateDeleteMessages({ messages: event.boxIds, pts: event.pts, ptsCount: event.boxIds.length });
    push(event.ownerId, new Api.Updates({ updates: [update], users: [], chats: [], date: unixNow(), seq: 0 }));
  };

  // Someone reacted: the other participant gets the edit and the reactions (the actor has them in its result).
  const onReaction = (event: ReactionEvent) => {
    const ownerId = state.peerOf(event.message, event.actorId);
    const box = event.boxes.find((candidate) => candidate.ownerId === ownerId);
    if (!isUser(ownerId) || !box) return;
    const view = { state, viewerId: ownerId };
    push(ownerId, new Api.Updates({ updates: reactionUpdates(view, event.message, box), users: usersOf(view, [event.message]), chats: [], date: unixNow(), seq: 0 }));
  };

  state.on('message', onMessage);
  state.on('edit', onEdit);
  state.on('delete', onDelete);
  state.on('reaction', onReaction);
  return () => {
    state.off('message', onMessage);
    state.off('edit', onEdit);
    state.off('delete', onDelete);
    state.off('reaction', onReaction);
  };
}
