import { Composer } from 'grammy';
import type { AlbumContext } from '../context';
import { mainKeyboard } from '../keyboards';
import { texts } from '../texts';

/**
 * Photos in (stored in the sender's album) and out (a random one, never the same twice in a row).
 *
 * Media groups (several photos sent at once) get exactly one reply, without timers: Telegram
 * delivers each photo as its own update and never says which is the last, so a debounce would
 * be a guess and a fixed wait (the acceptance suite could not know when the bot is done). The
 * first photo of the group to be stored claims the reply in the database (atomically); each
 * later photo edits that reply to the new count. Every update is fully handled when it returns,
 * and the reply always ends up showing the final count.
 */
export const photos = new Composer<AlbumContext>();

photos.on('message:photo', async (ctx) => {
  const { photo: sizes, media_group_id: mediaGroupId, caption } = ctx.msg;
  const largest = sizes[sizes.length - 1]!;
  const saved = await ctx.repos.photos.add({
    uploaderId: ctx.person.id,
    fileId: largest.file_id,
    fileUniqueId: largest.file_unique_id,
    caption: caption ?? null,
    mediaGroupId: mediaGroupId ?? null,
    chatId: ctx.chat.id,
    messageId: ctx.msg.message_id,
  });
  const { albumTotal, group } = saved;

  if (!mediaGroupId || !group) {
    await ctx.reply(albumTotal === 1 ? texts.photos.welcome : texts.photos.saved(albumTotal), withButtonsItMentions(albumTotal === 1));
    return;
  }
  const startedTheAlbum = albumTotal === group.count;
  if (group.isFirst) {
    const reply = await ctx.reply(startedTheAlbum ? texts.photos.welcome : texts.photos.saved(albumTotal), withButtonsItMentions(startedTheAlbum));
    await ctx.repos.photos.rememberGroupReply(ctx.chat.id, mediaGroupId, reply.message_id);
  } else if (group.replyMessageId !== null) {
    const text = startedTheAlbum ? texts.photos.welcomeGroup(albumTotal) : texts.photos.saved(albumTotal);
    await ctx.api.editMessageText(ctx.chat.id, group.replyMessageId, text);
  } else {
    // Only when updates are handled concurrently: the first photo's reply is still on its way.
    ctx.logger.warn(`Media group ${mediaGroupId}: no reply recorded yet to edit; the photo is stored`);
  }
});

/**
 * The welcome says "Tap 📷 Photo": someone whose first message is a photo never pressed Start,
 * so has no keyboard yet — the welcome brings it. (An edit cannot add a reply keyboard, which
 * is why `welcomeGroup`, the edited reply, does not mention the button.)
 */
function withButtonsItMentions(isWelcome: boolean) {
  return isWelcome ? { reply_markup: mainKeyboard() } : {};
}

photos.command('photo', sendRandomPhoto);
photos.hears(texts.keyboard.photo, sendRandomPhoto);

photos.command('count', async (ctx) => {
  await ctx.reply(texts.photos.count(await ctx.repos.photos.stats(ctx.person.id)));
});

async function sendRandomPhoto(ctx: AlbumContext): Promise<void> {
  const photo = await ctx.repos.photos.showRandom(ctx.person.id);
  if (!photo) {
    await ctx.reply(texts.photos.empty);
    return;
  }
  await ctx.replyWithPhoto(photo.fileId, { caption: texts.photos.caption(photo.uploader.firstName, photo.sentAt, photo.caption) });
}
