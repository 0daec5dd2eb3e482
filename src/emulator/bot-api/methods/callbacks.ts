import { TelegramError } from '../../errors';
import { badRequest, fromTelegramError } from '../errors';
import type { Method } from './context';

const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';

/** Answers a pressed inline button; the user's client gets the text, alert or URL. */
export const answerCallbackQuery: Method = (ctx) => {
  const raw = ctx.params.string('callback_query_id');
  if (!raw) throw badRequest('parameter "callback_query_id" is required');
  if (!/^\d{1,20}$/.test(raw)) throw badRequest(QUERY_INVALID);
  const text = ctx.params.string('text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  const url = ctx.params.string('url');
  const cacheTime = ctx.params.integer('cache_time');
  try {
    ctx.state.answerCallbackQuery(ctx.bot.id, BigInt(raw), {
      ...(text ? { text } : {}),
      ...(ctx.params.boolean('show_alert') ? { alert: true } : {}),
      ...(url ? { url } : {}),
      ...(cacheTime !== undefined ? { cacheTime } : {}),
    });
  } catch (error) {
    if (error instanceof TelegramError) throw fromTelegramError(error);
    throw error;
  }
  return true;
};
