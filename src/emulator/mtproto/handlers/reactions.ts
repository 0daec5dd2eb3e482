/** messages.sendReaction: a person's reaction to a message of one of their chats. */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { unixNow } from '../../state';
import { messageIdOf, reactionFromTl, reactionUpdates, resolveInputPeer, usersOf } from '../convert';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';
import { viewpoint } from './common';

/**
 * Sets (or, with no reaction, removes) the signed-in person's reaction; the answer carries the
 * edit of their own copy and updateMessageReactions, and the other participant is told the same
 * (a bot that asked for message_reaction gets it over the Bot API).
 */
function sendReaction(ctx: RequestContext, request: Api.messages.SendReaction): Api.Updates {
  const me = signedInAccount(ctx);
  const other = resolveInputPeer(ctx.state, me.id, request.peer);
  const msgId = messageIdOf(request.msgId);
  const message = ctx.state.messageInBox(me.id, msgId);
  if (!message || ctx.state.peerOf(message, me.id) !== other.id) throw new BadRequestError('MESSAGE_ID_INVALID', `message ${msgId} is not in your chat with ${other.id}`);
  const reactions = (request.reaction ?? []).map(reactionFromTl);
  const change = ctx.state.setReactions(me.id, msgId, reactions, request.big ?? false);
  const mine = change.boxes.find((box) => box.ownerId === me.id)!;
  const view = viewpoint(ctx, me.id);
  return new Api.Updates({ updates: reactionUpdates(view, message, mine), users: usersOf(view, [message]), chats: [], date: unixNow(), seq: 0 });
}

export const reactionsHandlers: HandlerRegistry = {
  'messages.SendReaction': sendReaction,
};
