import { GrammyError } from 'grammy';
import type { AlbumContext } from '../context';
import type { JoinVia } from '../db/join-requests';
import { joinRequestKeyboard } from '../keyboards';
import { texts } from '../texts';

/**
 * Asks the owner of `albumId` to let the sender in, and returns what to tell the sender.
 * Shared by the invitation deep link (`start.ts`) and forwarded messages (`family.ts`).
 */
export async function askToJoin(ctx: AlbumContext, albumId: number, via: JoinVia): Promise<string> {
  const result = await ctx.repos.joinRequests.open({ requesterId: ctx.person.id, albumId, via });
  switch (result.kind) {
    case 'already-member':
      return texts.join.alreadyMember(result.owner.firstName, result.owner.id === ctx.person.id);
    case 'must-leave-first':
      return texts.join.mustLeaveFirst(result.owner.firstName, result.isOwner);
    case 'already-pending':
      return texts.join.alreadyPending(result.owner.firstName);
    case 'album-gone':
      return texts.join.albumGone;
    case 'created':
      try {
        await ctx.api.sendMessage(result.owner.id, texts.join.ownerPrompt({ firstName: ctx.person.firstName, username: ctx.person.username }), {
          reply_markup: joinRequestKeyboard(result.requestId),
        });
      } catch (error) {
        if (!(error instanceof GrammyError)) throw error;
        ctx.logger.warn(`Could not send join request ${result.requestId} to ${result.owner.id}: ${error.description}`);
        await ctx.repos.joinRequests.cancel(result.requestId);
        return texts.join.ownerUnreachable(result.owner.firstName);
      }
      return texts.join.requestSent(result.owner.firstName);
  }
}
