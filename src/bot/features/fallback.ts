import { Composer } from 'grammy';
import type { AlbumContext } from '../context';
import { mainKeyboard } from '../keyboards';
import { texts } from '../texts';

/**
 * Whatever no feature handled: stickers, voice, documents, text… get a short hint; an image
 * sent as a file gets told to send it as a photo; a stale button gets its spinner stopped.
 * Registered last.
 */
export const fallback = new Composer<AlbumContext>();

fallback.on('message:document', async (ctx, next) => {
  if (!ctx.msg.document.mime_type?.startsWith('image/')) return next();
  await ctx.reply(texts.fallback.imageAsFile);
});

// The hint says "Tap 📷 Photo … 👪 Family": it brings the keyboard, for whoever never pressed Start.
fallback.on('message', async (ctx) => {
  await ctx.reply(texts.fallback.hint, { reply_markup: mainKeyboard() });
});

fallback.on('callback_query', async (ctx) => {
  await ctx.answerCallbackQuery({ text: texts.fallback.unknownButton });
});
