/** The Bot API contract over grammY, with `client.apiRoot`. */
import { Bot, InputFile } from 'grammy';
import { fetchBytes, type BotLibraryBot, type BotLibraryFactory } from './bot-library';

class GrammyBot implements BotLibraryBot {
  private readonly bot: Bot;
  private polling?: Promise<void>;

  constructor(private readonly token: string, private readonly apiRoot: string) {
    this.bot = new Bot(token, { client: { apiRoot } });
  }

  async getMe() {
    const me = await this.bot.api.getMe();
    return { id: me.id, username: me.username, isBot: me.is_bot };
  }

  startPolling(handlers: Parameters<BotLibraryBot['startPolling']>[0]): Promise<void> {
    this.bot.on('message:text', (ctx) => handlers.onText({ chatId: ctx.chat.id, fromId: ctx.from.id, messageId: ctx.message.message_id, text: ctx.message.text }));
    this.bot.on('callback_query:data', (ctx) => handlers.onPress({ id: ctx.callbackQuery.id, fromId: ctx.from.id, messageId: ctx.callbackQuery.message!.message_id, data: ctx.callbackQuery.data }));
    return new Promise((started, failed) => {
      this.polling = this.bot.start({ onStart: () => started() }).catch((error: Error) => {
        handlers.onError(error);
        failed(error);
      });
    });
  }

  async sendMessageWithButton(chatId: number, text: string, button: { text: string; data: string }) {
    const sent = await this.bot.api.sendMessage(chatId, text, { reply_markup: { inline_keyboard: [[{ text: button.text, callback_data: button.data }]] } });
    return sent.message_id;
  }

  async answerCallbackQuery(id: string, text: string) {
    await this.bot.api.answerCallbackQuery(id, { text });
  }

  async sendPhoto(chatId: number, bytes: Buffer) {
    const sent = await this.bot.api.sendPhoto(chatId, new InputFile(bytes, 'photo.png'));
    return { messageId: sent.message_id, fileId: sent.photo.at(-1)!.file_id };
  }

  async download(fileId: string) {
    const file = await this.bot.api.getFile(fileId);
    // grammY's core has no download; the URL is the one the Bot API documents (/file/bot<token>/<file_path>).
    return fetchBytes(`${this.apiRoot}/file/bot${this.token}/${file.file_path}`);
  }

  async editMessageText(chatId: number, messageId: number, text: string) {
    await this.bot.api.editMessageText(chatId, messageId, text);
  }

  async stop() {
    if (this.bot.isRunning()) await this.bot.stop();
    await this.polling;
  }
}

export const grammy: BotLibraryFactory = {
  name: 'grammY 1.46.0 (client.apiRoot)',
  create: (token, apiRoot) => new GrammyBot(token, apiRoot),
};
