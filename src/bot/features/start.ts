import { Composer } from 'grammy';
import type { AlbumContext } from '../context';
import { mainKeyboard } from '../keyboards';
import { texts } from '../texts';
import { askToJoin } from './join-request';

/** Deep-link payload of an invitation: `join_<code>` (see `/invite` in family.ts). */
const JOIN_PAYLOAD = /^join_(.*)$/s;

/**
 * /start (registration happens in `identifyPerson`): greets by first name and shows the reply
 * keyboard. `/start join_<code>` — an opened invitation link — also asks to join; the greeting
 * and the outcome go in one message. /help explains the bot.
 */
export const start = new Composer<AlbumContext>();

start.command('start', async (ctx) => {
  const greeting = texts.start.greeting(ctx.person.firstName, ctx.isNewPerson);
  const invitation = JOIN_PAYLOAD.exec(ctx.match.trim());
  if (!invitation) {
    await ctx.reply(greeting, { reply_markup: mainKeyboard() });
    return;
  }
  const invite = await ctx.repos.invites.lookUp(invitation[1] ?? '');
  const outcome =
    invite.kind === 'valid' ? await askToJoin(ctx, invite.albumId, 'invite') : invite.kind === 'expired' ? texts.invite.expired : texts.invite.unknown;
  await ctx.reply(`${greeting}\n\n${outcome}`, { reply_markup: mainKeyboard() });
});

start.command('help', async (ctx) => {
  await ctx.reply(texts.help, { reply_markup: mainKeyboard() });
});
