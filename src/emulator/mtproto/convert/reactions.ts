import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import type { Message, Reaction } from '../../state';
import { fromLong, toLong } from './long';
import { messageToTl, type Viewpoint } from './message';
import { peerUser } from './peers';

/** Reactions between the state and TL: the Reaction kinds, and a message's reactions as a viewer sees them. */

export function reactionToTl(reaction: Reaction): Api.TypeReaction {
  if (reaction.kind === 'emoji') return new Api.ReactionEmoji({ emoticon: reaction.emoji });
  if (reaction.kind === 'custom_emoji') return new Api.ReactionCustomEmoji({ documentId: toLong(BigInt(reaction.customEmojiId)) });
  return new Api.ReactionPaid();
}

export function reactionFromTl(reaction: unknown): Reaction {
  if (reaction instanceof Api.ReactionEmoji) return { kind: 'emoji', emoji: reaction.emoticon };
  if (reaction instanceof Api.ReactionCustomEmoji) return { kind: 'custom_emoji', customEmojiId: fromLong(reaction.documentId).toString() };
  if (reaction instanceof Api.ReactionPaid) return { kind: 'paid' };
  throw new BadRequestError('REACTION_INVALID', `${(reaction as { className?: string } | undefined)?.className ?? 'no reaction'} is not a reaction`);
}

const sameReaction = (a: Reaction, b: Reaction) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A message's reactions as `viewerId` sees them: a count per reaction (with the viewer's
 * own marked by `chosen_order`) and, as in private chats, who reacted with what.
 */
export function messageReactionsToTl(message: Message, viewerId: number): Api.MessageReactions {
  const counts: Array<{ reaction: Reaction; count: number; chosenOrder?: number }> = [];
  const recent: Api.MessagePeerReaction[] = [];
  for (const [accountId, chosen] of message.reactions ?? []) {
    chosen.reactions.forEach((reaction, order) => {
      const entry = counts.find((count) => sameReaction(count.reaction, reaction)) ?? counts[counts.push({ reaction, count: 0 }) - 1];
      entry.count++;
      if (accountId === viewerId) entry.chosenOrder = order;
      recent.push(new Api.MessagePeerReaction({
        peerId: peerUser(accountId),
        date: chosen.date,
        reaction: reactionToTl(reaction),
        big: chosen.big || undefined,
        my: accountId === viewerId || undefined,
      }));
    });
  }
  return new Api.MessageReactions({
    canSeeList: true,
    results: counts.map((count) => new Api.ReactionCount({ reaction: reactionToTl(count.reaction), count: count.count, chosenOrder: count.chosenOrder })),
    recentReactions: recent,
  });
}

/**
 * What a reaction in a private chat looks like to one participant: the message edited (with its
 * reactions, advancing that participant's pts) and updateMessageReactions — the two updates
 * Telegram's answer to messages.sendReaction holds (mtcute's sendReaction: "normally the group
 * contains 2 updates: updateEdit(Channel)Message, updateMessageReactions").
 */
export function reactionUpdates(view: Viewpoint, message: Message, box: { ownerId: number; boxId: number; pts: number }): Api.TypeUpdate[] {
  const peerId = view.state.peerOf(message, box.ownerId);
  return [
    new Api.UpdateEditMessage({ message: messageToTl(view, message, box.boxId), pts: box.pts, ptsCount: 1 }),
    new Api.UpdateMessageReactions({ peer: peerUser(peerId), msgId: box.boxId, reactions: messageReactionsToTl(message, box.ownerId) }),
  ];
}
