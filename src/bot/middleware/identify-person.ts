import type { MiddlewareFn } from 'grammy';
import type { AlbumContext } from '../context';

/**
 * Registers (or refreshes the name of) whoever sent the update and puts them on `ctx.person`.
 *
 * Registration happens on any update, not only /start: Telegram apps send /start first anyway,
 * and a person must never be "unknown" to a photo or a button. Updates without a sender (none
 * reach a private-chat bot in practice) go no further.
 */
export const identifyPerson: MiddlewareFn<AlbumContext> = async (ctx, next) => {
  const from = ctx.from;
  if (!from || from.is_bot) return;
  const { person, isNew } = await ctx.repos.people.register({ id: from.id, firstName: from.first_name, username: from.username });
  ctx.person = person;
  ctx.isNewPerson = isNew;
  await next();
};
