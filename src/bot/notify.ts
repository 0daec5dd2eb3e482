import { GrammyError, type Api, type RawApi } from 'grammy';
import type { Other } from 'grammy/out/core/api';
import type { Logger } from './context';

/**
 * Sends a message to someone other than the sender of the update (an owner, a requester).
 * Awaited like every other call, so the update is done only once it is sent; a person who
 * blocked the bot must not turn the sender's successful action into an apology, so Telegram's
 * refusal is logged and reported as `false`.
 */
export async function notify(
  api: Api,
  logger: Logger,
  chatId: number,
  text: string,
  other?: Other<RawApi, 'sendMessage', 'chat_id' | 'text'>,
): Promise<boolean> {
  try {
    await api.sendMessage(chatId, text, other);
    return true;
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    logger.warn(`Could not tell chat ${chatId}: ${error.description}`);
    return false;
  }
}
