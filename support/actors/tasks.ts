/**
 * What people do in Telegram, as tasks an {@link Actor} performs (through the World's
 * `perform`). A task decides *what* to do from what the person sees; the ability
 * ({@link TelegramUser}) does it with the MTProto calls a Telegram app makes, and logs the
 * updates that gives the bot in the same call, so no task can forget to.
 */
import { telegramApi } from './telegram-api';
import type { Fixture } from './fixtures';
import type { Actor, Task } from './actor';
import { currentButtons } from './questions';

const task = (description: string, performAs: (actor: Actor) => Promise<void>): Task => ({ description, performAs });

/** Types a text (or a command) in the chat with the bot and sends it. */
export const sends = (text: string): Task => task(`sends ${JSON.stringify(text)}`, (actor) => actor.telegram.sendText(text));

/** Presses "Start" in a new chat with the bot: Telegram sends "/start". */
export const startsTheBot = (): Task => ({ ...sends('/start'), description: 'starts the bot' });

/** Opens a t.me deep link to the bot: Telegram sends "/start <payload>" (payload may be garbage). */
export const opensLink = (link: string): Task =>
  task(`opens ${link}`, async (actor) => {
    const match = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\?start=(.*)$/.exec(link);
    if (!match) throw new Error(`"${link}" is not a deep link to a bot (https://t.me/<bot>?start=<payload>)`);
    await actor.telegram.startBot(match[2]!);
  });

/** Sends photos one by one, each its own message. */
export const uploadsPhotos = (photos: Fixture[]): Task =>
  task(`uploads ${photos.map((p) => p.name).join(', ')}`, async (actor) => {
    for (const photo of photos) await actor.telegram.sendPhotos([photo]);
  });

/** Sends one photo with a caption. */
export const uploadsPhotoWithCaption = (photo: Fixture, caption: string): Task =>
  task(`uploads ${photo.name} with the caption ${JSON.stringify(caption)}`, (actor) => actor.telegram.sendPhotos([photo], { caption }));

/** Sends photos as one album (a media group): one update per photo. */
export const sendsAlbum = (photos: Fixture[]): Task =>
  task(`sends an album of ${photos.map((p) => p.name).join(', ')}`, (actor) => actor.telegram.sendPhotos(photos, { album: true }));

/** Sends a file as a document ("send as file"), image or not. */
export const sendsFile = (document: Fixture): Task => task(`sends the file ${document.name}`, (actor) => actor.telegram.sendDocument(document, 'file'));

/** Sends a voice message (a recording from the microphone button). */
export const sendsVoiceMessage = (recording: Fixture): Task => task('sends a voice message', (actor) => actor.telegram.sendDocument(recording, 'voice'));

/** Sends a sticker (a WebP image marked as a sticker). */
export const sendsSticker = (sticker: Fixture): Task => task('sends a sticker', (actor) => actor.telegram.sendDocument(sticker, 'sticker'));

/**
 * Presses a button the bot shows: an inline button under the newest message that has it, or
 * else a button of the reply keyboard (which sends its text).
 */
export const presses = (label: string, times = 1): Task =>
  task(`presses "${label}"${times > 1 ? ` ${times} times` : ''}`, async (actor) => {
    const { inline, keyboard } = currentButtons(actor);
    const target = inline.find((candidate) => candidate.button.text === label);
    if (target) {
      const { button, message } = target;
      if (!(button instanceof telegramApi().KeyboardButtonCallback)) throw new Error(`The button "${label}" is not a callback button (${button.className})`);
      await actor.telegram.press(message, button, times);
      return;
    }
    if (keyboard.includes(label)) {
      for (let i = 0; i < times; i++) await actor.telegram.sendText(label);
      return;
    }
    const seen = [...inline.map((b) => b.button.text), ...keyboard];
    throw new Error(`${actor.name} sees no button "${label}"; the buttons shown are: ${seen.length ? seen.map((t) => `"${t}"`).join(', ') : 'none'}`);
  });

/**
 * Writes to another person directly (not to the bot), e.g. so they can forward it. The
 * barrier waits for it to reach them, as it waits for the bot's messages.
 */
export const writesTo = (other: Actor, text: string): Task =>
  task(`writes to ${other.name}: ${JSON.stringify(text)}`, (actor) => actor.telegram.writeTo(other.telegram, text));

/** Forwards to the bot the newest message `author` wrote to this actor. */
export const forwardsMessageFrom = (author: Actor): Task =>
  task(`forwards ${author.name}'s message to the bot`, async (actor) => {
    const message = actor.inbox
      .messagesFromPeople()
      .filter((m) => m.senderId?.toString() === String(author.userId))
      .at(-1);
    if (!message) throw new Error(`${actor.name} has no message from ${author.name} to forward`);
    await actor.telegram.forwardToBot(await actor.telegram.peerOf(author.telegram), [message.id]);
  });

/** Forwards back to the bot the newest message the bot sent this actor. */
export const forwardsTheBotsLastMessage = (): Task =>
  task("forwards the bot's last message back to it", async (actor) => {
    const last = actor.inbox.all().filter((entry) => !entry.deleted).at(-1);
    if (!last) throw new Error(`${actor.name} has no message from the bot to forward`);
    await actor.telegram.forwardToBot(actor.telegram.botPeer(), [last.id]);
  });

/** Forwards back to the bot the newest message this actor sent it. */
export const forwardsTheirOwnMessage = (): Task =>
  task('forwards their own message back to the bot', async (actor) => {
    const own = actor.inbox.sentByMe().at(-1);
    if (!own) throw new Error(`${actor.name} has sent the bot no message to forward`);
    await actor.telegram.forwardToBot(actor.telegram.botPeer(), [own.id]);
  });

/** Sets Telegram's "Forwarded messages" privacy to "Nobody". */
export const hidesTheirNameInForwards = (): Task =>
  task('hides their account in forwards', (actor) => actor.telegram.setForwardsHidden(true));
