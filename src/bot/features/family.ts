import { Composer } from 'grammy';
import type { AlbumContext } from '../context';
import { JOIN_DECISION } from '../keyboards';
import { notify } from '../notify';
import { texts } from '../texts';
import { askToJoin } from './join-request';

/**
 * Families: who is in the album, invitations, join requests (by link or by forwarding a
 * member's message), the owner's Allow/Deny, leaving and handing over. The rules are stated in
 * texts.ts and enforced in db/families.ts and db/join-requests.ts.
 */
export const family = new Composer<AlbumContext>();

async function showMembers(ctx: AlbumContext): Promise<void> {
  const { members } = await ctx.repos.families.familyOf(ctx.person.id);
  await ctx.reply(texts.family.members(members));
}
family.command('members', showMembers);
family.hears(texts.keyboard.family, showMembers);

family.command('invite', async (ctx) => {
  const { code, expiresAt } = await ctx.repos.invites.create(ctx.person.albumId, ctx.person.id);
  await ctx.reply(texts.family.invite(`https://t.me/${ctx.me.username}?start=join_${code}`, expiresAt), {
    link_preview_options: { is_disabled: true },
  });
});

/** Forwarding a message written by a member asks to join that member's album. */
family.on('message:forward_origin', async (ctx) => {
  const origin = ctx.msg.forward_origin;
  if (origin.type === 'hidden_user') {
    await ctx.reply(texts.forward.hiddenUser(origin.sender_user_name));
    return;
  }
  if (origin.type !== 'user' || origin.sender_user.is_bot) {
    await ctx.reply(texts.forward.notAPerson);
    return;
  }
  const author = await ctx.repos.people.find(origin.sender_user.id);
  if (!author) {
    await ctx.reply(texts.forward.notStarted(origin.sender_user.first_name));
    return;
  }
  await ctx.reply(await askToJoin(ctx, author.albumId, 'forward'));
});

family.callbackQuery(JOIN_DECISION, async (ctx) => {
  const decision = ctx.match[1] as 'allow' | 'deny';
  const result = await ctx.repos.joinRequests.decide(Number(ctx.match[2]), ctx.person.id, decision);
  switch (result.kind) {
    case 'allowed':
      await ctx.editMessageText(texts.join.ownerAllowed(result.requester.firstName));
      await notify(ctx.api, ctx.logger, result.requester.id, texts.join.allowed(result.owner.firstName, result.movedPhotos));
      await ctx.answerCallbackQuery({ text: texts.join.answerAllowed });
      return;
    case 'denied':
      await ctx.editMessageText(texts.join.ownerDenied(result.requester.firstName));
      await notify(ctx.api, ctx.logger, result.requester.id, texts.join.denied(result.owner.firstName));
      await ctx.answerCallbackQuery({ text: texts.join.answerDenied });
      return;
    case 'already-decided':
      await ctx.answerCallbackQuery({ text: texts.join.answerAlreadyDecided(result.status) });
      return;
    case 'not-found':
      await ctx.answerCallbackQuery({ text: texts.join.answerNotFound });
      return;
    case 'not-approver':
      await ctx.answerCallbackQuery({ text: texts.join.answerNotApprover });
      return;
    case 'no-longer-owner':
      await ctx.editMessageText(texts.join.ownerCancelled(result.requester.firstName));
      await ctx.answerCallbackQuery({ text: texts.join.answerNoLongerOwner });
      return;
    case 'requester-in-other-family':
      await ctx.editMessageText(texts.join.ownerCancelled(result.requester.firstName));
      await ctx.answerCallbackQuery({ text: texts.join.answerRequesterElsewhere(result.requester.firstName) });
      return;
  }
});

family.command('leave', async (ctx) => {
  const result = await ctx.repos.families.leave(ctx.person.id);
  switch (result.kind) {
    case 'left':
      await ctx.reply(texts.leave.left(result.formerOwner.firstName));
      await notify(ctx.api, ctx.logger, result.formerOwner.id, texts.leave.memberLeft(ctx.person.firstName));
      return;
    case 'owner-with-members':
      await ctx.reply(texts.leave.ownerWithMembers(result.successor.firstName));
      return;
    case 'alone':
      await ctx.reply(texts.leave.alone);
      return;
  }
});

family.command('handover', async (ctx) => {
  const result = await ctx.repos.families.handOver(ctx.person.id);
  switch (result.kind) {
    case 'handed-over':
      await ctx.reply(texts.handover.done(result.newOwner.firstName));
      await notify(ctx.api, ctx.logger, result.newOwner.id, texts.handover.youOwnIt(ctx.person.firstName));
      return;
    case 'not-owner':
      await ctx.reply(texts.handover.notOwner(result.owner.firstName));
      return;
    case 'no-members':
      await ctx.reply(texts.handover.noMembers);
      return;
  }
});
