import { BotError, GrammyError, HttpError, type NextFunction } from 'grammy';
import type { AlbumContext, Logger } from '../context';
import { texts } from '../texts';

/**
 * The error boundary around every feature: log the error, and tell the person we are sorry.
 *
 * Repository changes run in transactions, so a failure (a database that is down included)
 * leaves nothing half-written: "nothing was changed" is true. Handled inside the middleware
 * chain, so `handleUpdate` resolves only after the apology was sent — the acceptance suite's
 * settle barrier relies on that.
 */
export function apologize(logger: Logger) {
  return async (error: BotError<AlbumContext>, _next: NextFunction): Promise<void> => {
    const { ctx } = error;
    logger.error(`Update ${ctx.update.update_id} failed: ${describe(error.error)}`, error.error);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: texts.errors.apology, show_alert: true });
      else if (ctx.chat) await ctx.reply(texts.errors.apology);
    } catch (apologyError) {
      logger.error(`Could not apologise for update ${ctx.update.update_id}: ${describe(apologyError)}`);
    }
  };
}

function describe(error: unknown): string {
  if (error instanceof GrammyError) return `Telegram refused ${error.method}: ${error.description}`;
  if (error instanceof HttpError) return `Telegram unreachable: ${error.message}`;
  return error instanceof Error ? error.message || error.name : String(error);
}
