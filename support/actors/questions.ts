/**
 * What a person can tell about their chat with the bot. "Received" means: since the current
 * block of actions began (the inbox mark), or since the scenario began when it has no actions.
 */
import type { Api } from 'telegram';
import { telegramApi } from './telegram-api';
import { recognisePhoto, type RecognisedPhoto } from './fixtures';
import type { Actor, Question } from './actor';
import type { ReceivedMessage } from './inbox';

const question = <T>(description: string, answeredBy: (actor: Actor) => Promise<T> | T): Question<T> => ({
  description,
  answeredBy: async (actor) => answeredBy(actor),
});

/** Messages from the bot that arrived (or changed) since the mark, oldest first. */
export const messagesReceived = () => question('messages received', (actor) => actor.inbox.changedSinceMark());

/** Texts (or captions) of those messages. */
export const textsReceived = () => question('texts received', (actor) => actor.inbox.changedSinceMark().map(textOf));

/** Photo messages from the bot that arrived since the mark. */
export const photosReceived = () => question('photos received', (actor) => actor.inbox.sinceMark().filter((entry) => isPhoto(entry)));

/**
 * The photos received since the mark as a person sees them (downloads each one, the size a
 * Telegram app shows full-screen): each one's fingerprint and the fixture it shows, if any.
 */
export const picturesReceived = () =>
  question('pictures received', async (actor): Promise<RecognisedPhoto[]> => {
    const photos = actor.inbox.sinceMark().filter(isPhoto);
    const pictures: RecognisedPhoto[] = [];
    for (const entry of photos) pictures.push(await recognisePhoto(await actor.telegram.download(entry.message)));
    return pictures;
  });

/** The newest message from the bot in the scenario, if any. */
export const lastMessage = () => question('last message', (actor) => actor.inbox.all().filter((m) => !m.deleted).at(-1));

/** Texts the bot showed as answers to pressed inline buttons since the mark. */
export const noticesReceived = () => question('notices received', (actor) => actor.inbox.noticesSinceMark().map((notice) => notice.text));

/** The buttons a person sees now: texts of inline buttons under the newest message that has some, and the reply keyboard. */
export const buttons = () =>
  question('buttons', (actor) => {
    const { inline, keyboard } = currentButtons(actor);
    return { inline: inline.map((b) => b.button.text), keyboard };
  });

export interface InlineButtonOnMessage {
  readonly button: Api.TypeKeyboardButton;
  readonly message: Api.Message;
}

/**
 * Inline buttons: those of the newest bot message that still shows inline buttons. Reply
 * keyboard: the newest keyboard the bot sent, unless a later message removed it.
 */
export function currentButtons(actor: Actor): { inline: InlineButtonOnMessage[]; keyboard: string[] } {
  const messages = actor.inbox.all().filter((entry) => !entry.deleted).reverse();
  const withInline = messages.find((entry) => entry.message.replyMarkup instanceof telegramApi().ReplyInlineMarkup);
  const inline = withInline
    ? (withInline.message.replyMarkup as Api.ReplyInlineMarkup).rows.flatMap((row) => row.buttons.map((button) => ({ button, message: withInline.message })))
    : [];
  const withKeyboard = messages.find((entry) => entry.message.replyMarkup instanceof telegramApi().ReplyKeyboardMarkup || entry.message.replyMarkup instanceof telegramApi().ReplyKeyboardHide);
  const markup = withKeyboard?.message.replyMarkup;
  const keyboard = markup instanceof telegramApi().ReplyKeyboardMarkup ? markup.rows.flatMap((row) => row.buttons.map((button) => button.text)) : [];
  return { inline, keyboard };
}

export function textOf(entry: ReceivedMessage): string {
  return entry.message.message ?? '';
}

export function isPhoto(entry: ReceivedMessage): boolean {
  return entry.message.photo !== undefined || (entry.message.media instanceof telegramApi().MessageMediaPhoto);
}

/** Finds a t.me deep link in what the person received (text or a URL button), newest first. */
export const inviteLinkReceived = () =>
  question('invite link', (actor) => {
    for (const entry of actor.inbox.all().reverse()) {
      const inText = /https:\/\/t\.me\/[A-Za-z0-9_]+\?start=\S+/.exec(textOf(entry))?.[0];
      if (inText) return inText;
      const markup = entry.message.replyMarkup;
      if (markup instanceof telegramApi().ReplyInlineMarkup) {
        for (const button of markup.rows.flatMap((row) => row.buttons)) {
          if (button instanceof telegramApi().KeyboardButtonUrl && /\?start=/.test(button.url)) return button.url;
        }
      }
    }
    return undefined;
  });
