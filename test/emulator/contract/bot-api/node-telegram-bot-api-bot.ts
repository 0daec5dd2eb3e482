/**
 * The Bot API contract over node-telegram-bot-api 0.67 (the classic `TelegramBot` API most bots
 * written with it use), with `baseApiUrl`. It ships no types; the few calls used are typed here.
 */
import { fetchBytes, type BotLibraryBot, type BotLibraryFactory } from './bot-library';

// Its documented switches (doc/usage.md) for the behaviour of its next major version — promises
// without cancellation (319), files sent as given (350); without them it prints notices.
process.env.NTBA_FIX_319 = '1';
process.env.NTBA_FIX_350 = '1';

type Message = { message_id: number; chat: { id: number }; from: { id: number }; text?: string; photo?: Array<{ file_id: string }> };
type CallbackQuery = { id: string; from: { id: number }; message?: Message; data?: string };
interface TelegramBot {
  getMe(): Promise<{ id: number; username: string; is_bot: boolean }>;
  on(event: 'message', listener: (message: Message) => void): void;
  on(event: 'callback_query', listener: (query: CallbackQuery) => void): void;
  on(event: 'polling_error', listener: (error: Error) => void): void;
  startPolling(): Promise<void>;
  stopPolling(options?: { cancel?: boolean }): Promise<void>;
  sendMessage(chatId: number, text: string, options?: object): Promise<Message>;
  answerCallbackQuery(id: string, options?: { text?: string }): Promise<boolean>;
  sendPhoto(chatId: number, photo: Buffer, options?: object, fileOptions?: { filename?: string; contentType?: string }): Promise<Message>;
  getFileLink(fileId: string): Promise<string>;
  editMessageText(text: string, options: { chat_id: number; message_id: number }): Promise<Message | boolean>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TelegramBotClass = require('node-telegram-bot-api') as new (token: string, options: { polling: boolean; baseApiUrl: string }) => TelegramBot;

class NodeTelegramBot implements BotLibraryBot {
  private readonly bot: TelegramBot;

  constructor(token: string, apiRoot: string) {
    this.bot = new TelegramBotClass(token, { polling: false, baseApiUrl: apiRoot });
  }

  async getMe() {
    const me = await this.bot.getMe();
    return { id: me.id, username: me.username, isBot: me.is_bot };
  }

  async startPolling(handlers: Parameters<BotLibraryBot['startPolling']>[0]) {
    this.bot.on('message', (message) => {
      if (message.text !== undefined) handlers.onText({ chatId: message.chat.id, fromId: message.from.id, messageId: message.message_id, text: message.text });
    });
    this.bot.on('callback_query', (query) => {
      if (query.data !== undefined) handlers.onPress({ id: query.id, fromId: query.from.id, messageId: query.message!.message_id, data: query.data });
    });
    this.bot.on('polling_error', (error) => handlers.onError(error));
    // startPolling's promise settles with its first getUpdates (a 10 s long poll): polling has begun once it is called.
    this.bot.startPolling().catch((error: Error) => handlers.onError(error));
  }

  async sendMessageWithButton(chatId: number, text: string, button: { text: string; data: string }) {
    const sent = await this.bot.sendMessage(chatId, text, { reply_markup: { inline_keyboard: [[{ text: button.text, callback_data: button.data }]] } });
    return sent.message_id;
  }

  async answerCallbackQuery(id: string, text: string) {
    await this.bot.answerCallbackQuery(id, { text });
  }

  async sendPhoto(chatId: number, bytes: Buffer) {
    const sent = await this.bot.sendPhoto(chatId, bytes, {}, { filename: 'photo.png', contentType: 'image/png' });
    return { messageId: sent.message_id, fileId: sent.photo!.at(-1)!.file_id };
  }

  async download(fileId: string) {
    return fetchBytes(await this.bot.getFileLink(fileId));
  }

  async editMessageText(chatId: number, messageId: number, text: string) {
    await this.bot.editMessageText(text, { chat_id: chatId, message_id: messageId });
  }

  async stop() {
    await this.bot.stopPolling({ cancel: true });
  }
}

export const nodeTelegramBotApi: BotLibraryFactory = {
  name: 'node-telegram-bot-api 0.67.0 (baseApiUrl)',
  create: (token, apiRoot) => new NodeTelegramBot(token, apiRoot),
};
