/** The Bot API contract over Telegraf, with `telegram.apiRoot`. */
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { fetchBytes, type BotLibraryBot, type BotLibraryFactory } from './bot-library';

class TelegrafBot implements BotLibraryBot {
  private readonly bot: Telegraf;
  private polling?: Promise<void>;

  constructor(token: string, apiRoot: string) {
    this.bot = new Telegraf(token, { telegram: { apiRoot } });
  }

  async getMe() {
    const me = await this.bot.telegram.getMe();
    return { id: me.id, username: me.username, isBot: me.is_bot };
  }

  startPolling(handlers: Parameters<BotLibraryBot['startPolling']>[0]): Promise<void> {
    this.bot.on(message('text'), (ctx) => handlers.onText({ chatId: ctx.chat.id, fromId: ctx.from.id, messageId: ctx.message.message_id, text: ctx.message.text }));
    this.bot.on('callback_query', (ctx) => {
      const query = ctx.callbackQuery;
      if ('data' in query) handlers.onPress({ id: query.id, fromId: query.from.id, messageId: query.message!.message_id, data: query.data });
    });
    // launch() resolves only when polling stops; its callback runs once getMe has answered.
    return new Promise((started, failed) => {
      this.polling = this.bot.launch(() => started()).catch((error: Error) => {
        handlers.onError(error);
        failed(error);
      });
    });
  }

  async sendMessageWithButton(chatId: number, text: string, button: { text: string; data: string }) {
    const sent = await this.bot.telegram.sendMessage(chatId, text, { reply_markup: { inline_keyboard: [[{ text: button.text, callback_data: button.data }]] } });
    return sent.message_id;
  }

  async answerCallbackQuery(id: string, text: string) {
    await this.bot.telegram.answerCbQuery(id, text);
  }

  async sendPhoto(chatId: number, bytes: Buffer) {
    const sent = await this.bot.telegram.sendPhoto(chatId, { source: bytes, filename: 'photo.png' });
    return { messageId: sent.message_id, fileId: sent.photo.at(-1)!.file_id };
  }

  async download(fileId: string) {
    return fetchBytes(String(await this.bot.telegram.getFileLink(fileId)));
  }

  async editMessageText(chatId: number, messageId: number, text: string) {
    await this.bot.telegram.editMessageText(chatId, messageId, undefined, text);
  }

  async stop() {
    try {
      this.bot.stop();
    } catch {
      // not running: nothing to stop
    }
    await this.polling;
  }
}

export const telegraf: BotLibraryFactory = {
  name: 'Telegraf 4.16.3 (telegram.apiRoot)',
  create: (token, apiRoot) => new TelegrafBot(token, apiRoot),
};
