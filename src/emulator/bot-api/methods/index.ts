import type { Method } from './context';
import * as bot from './bot';
import * as callbacks from './callbacks';
import * as media from './media';
import * as messages from './messages';
import * as nonFile from './non-file-media';
import * as polls from './polls';
import * as profile from './profile';
import * as reactions from './reactions';
import * as updates from './updates';

export type { Method, MethodContext } from './context';

/** Every Bot API method the embedded Telegram serves, by name. */
const METHODS: Record<string, Method> = {
  getMe: bot.getMe,
  logOut: bot.logOut,
  close: bot.close,
  getChat: bot.getChat,
  setMyCommands: bot.setMyCommands,
  getMyCommands: bot.getMyCommands,
  deleteMyCommands: bot.deleteMyCommands,
  setMyName: profile.setMyName,
  getMyName: profile.getMyName,
  setMyDescription: profile.setMyDescription,
  getMyDescription: profile.getMyDescription,
  setMyShortDescription: profile.setMyShortDescription,
  getMyShortDescription: profile.getMyShortDescription,
  setChatMenuButton: profile.setChatMenuButton,
  getChatMenuButton: profile.getChatMenuButton,
  getUserProfilePhotos: profile.getUserProfilePhotos,
  getUpdates: updates.getUpdates,
  setWebhook: updates.setWebhook,
  deleteWebhook: updates.deleteWebhook,
  getWebhookInfo: updates.getWebhookInfo,
  sendMessage: messages.sendMessage,
  forwardMessage: messages.forwardMessage,
  forwardMessages: messages.forwardMessages,
  copyMessages: messages.copyMessages,
  deleteMessages: messages.deleteMessages,
  editMessageMedia: media.editMessageMedia,
  copyMessage: messages.copyMessage,
  editMessageText: messages.editMessageText,
  editMessageCaption: messages.editMessageCaption,
  editMessageReplyMarkup: messages.editMessageReplyMarkup,
  deleteMessage: messages.deleteMessage,
  sendChatAction: messages.sendChatAction,
  sendPhoto: media.sendPhoto,
  sendDocument: media.sendDocument,
  sendVoice: media.sendVoice,
  sendAudio: media.sendAudio,
  sendVideo: media.sendVideo,
  sendAnimation: media.sendAnimation,
  sendSticker: media.sendSticker,
  sendVideoNote: media.sendVideoNote,
  sendMediaGroup: media.sendMediaGroup,
  sendLocation: nonFile.sendLocation,
  sendVenue: nonFile.sendVenue,
  sendContact: nonFile.sendContact,
  sendDice: nonFile.sendDice,
  sendPoll: polls.sendPoll,
  stopPoll: polls.stopPoll,
  getFile: media.getFile,
  answerCallbackQuery: callbacks.answerCallbackQuery,
  setMessageReaction: reactions.setMessageReaction,
};

/** The served method names, as the Bot API spells them (the emulator README lists them; a test keeps it current). */
export const servedMethodNames: readonly string[] = Object.keys(METHODS);

const BY_LOWERCASE = new Map(Object.entries(METHODS).map(([name, method]) => [name.toLowerCase(), { name, method }]));

/** Bot API method names are case-insensitive. */
export function findMethod(name: string): { name: string; method: Method } | undefined {
  return BY_LOWERCASE.get(name.toLowerCase());
}
