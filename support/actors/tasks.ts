/**
 * What people do in Telegram, as tasks an {@link Actor} performs. Each task first counts the
 * updates it will give the bot (one per message, one per photo of an album, one per button
 * press), then does it with real MTProto calls, exactly as a Telegram app would.
 */
import { randomBytes } from 'node:crypto';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import type { Fixture } from './fixtures';
import { defaultSettleTimeoutMs } from '../settle';
import type { Actor, Task } from './actor';
import { currentButtons } from './questions';

const task = (description: string, performAs: (actor: Actor) => Promise<void>): Task => ({ description, performAs });

function file(fixture: Fixture): CustomFile {
  return new CustomFile(fixture.name, fixture.bytes.length, '', fixture.bytes);
}

/** Keeps what the actor sent the bot: the bot may delete those too, and a forward may reuse them. */
function rememberSent(actor: Actor, sent: Api.Message | Api.Message[] | undefined): void {
  const messages = Array.isArray(sent) ? sent : sent ? [sent] : [];
  actor.telegram.inbox.recordOwn(messages);
}

/** Types a text (or a command) in the chat with the bot and sends it. */
export const sends = (text: string): Task =>
  task(`sends ${JSON.stringify(text)}`, async (actor) => {
    actor.cause();
    rememberSent(actor, await actor.telegram.client.sendMessage(actor.telegram.botPeer(), { message: text, parseMode: undefined }));
  });

/** Presses "Start" in a new chat with the bot: Telegram sends "/start". */
export const startsTheBot = (): Task => ({ ...sends('/start'), description: 'starts the bot' });

/** Opens a t.me deep link to the bot: Telegram sends "/start <payload>" (payload may be garbage). */
export const opensLink = (link: string): Task =>
  task(`opens ${link}`, async (actor) => {
    const match = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\?start=(.*)$/.exec(link);
    if (!match) throw new Error(`"${link}" is not a deep link to a bot (https://t.me/<bot>?start=<payload>)`);
    // What a Telegram app does with such a link: messages.startBot, which sends "/start <payload>".
    actor.cause();
    await actor.telegram.client.invoke(
      new Api.messages.StartBot({ bot: actor.telegram.botPeer(), peer: actor.telegram.botPeer(), randomId: bigInt(randomBytes(7).toString('hex'), 16), startParam: match[2]! }),
    );
  });

/** Sends photos one by one, each its own message. */
export const uploadsPhotos = (photos: Fixture[]): Task =>
  task(`uploads ${photos.map((p) => p.name).join(', ')}`, async (actor) => {
    for (const photo of photos) {
      actor.cause();
      rememberSent(actor, await actor.telegram.client.sendFile(actor.telegram.botPeer(), { file: file(photo) }));
      actor.uploaded.push(photo);
    }
  });

/** Sends one photo with a caption. */
export const uploadsPhotoWithCaption = (photo: Fixture, caption: string): Task =>
  task(`uploads ${photo.name} with the caption ${JSON.stringify(caption)}`, async (actor) => {
    actor.cause();
    rememberSent(actor, await actor.telegram.client.sendFile(actor.telegram.botPeer(), { file: file(photo), caption, parseMode: undefined }));
    actor.uploaded.push(photo);
  });

/** Sends photos as one album (a media group): one update per photo. */
export const sendsAlbum = (photos: Fixture[]): Task =>
  task(`sends an album of ${photos.map((p) => p.name).join(', ')}`, async (actor) => {
    if (photos.length < 2 || photos.length > 10) throw new Error(`An album holds 2 to 10 photos, not ${photos.length}`);
    actor.cause(photos.length);
    rememberSent(actor, await actor.telegram.client.sendFile(actor.telegram.botPeer(), { file: photos.map(file) }));
    actor.uploaded.push(...photos);
  });

/** Sends a file as a document ("send as file"), image or not. */
export const sendsFile = (document: Fixture): Task =>
  task(`sends the file ${document.name}`, async (actor) => {
    actor.cause();
    rememberSent(actor, await actor.telegram.client.sendFile(actor.telegram.botPeer(), { file: file(document), forceDocument: true }));
  });

/** Sends a voice message (a recording from the microphone button). */
export const sendsVoiceMessage = (recording: Fixture): Task =>
  task('sends a voice message', async (actor) => {
    actor.cause();
    rememberSent(actor, await actor.telegram.client.sendFile(actor.telegram.botPeer(), {
      file: file(recording),
      voiceNote: true,
      attributes: [new Api.DocumentAttributeAudio({ voice: true, duration: 2 })],
    }));
  });

/** Sends a sticker (a WebP image marked as a sticker). */
export const sendsSticker = (sticker: Fixture): Task =>
  task('sends a sticker', async (actor) => {
    actor.cause();
    rememberSent(actor, await actor.telegram.client.sendFile(actor.telegram.botPeer(), {
      file: file(sticker),
      forceDocument: true,
      attributes: [new Api.DocumentAttributeSticker({ alt: '👍', stickerset: new Api.InputStickerSetEmpty() })],
    }));
  });

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
      if (!(button instanceof Api.KeyboardButtonCallback)) throw new Error(`The button "${label}" is not a callback button (${button.className})`);
      actor.cause(times);
      actor.pressedButtons.push(...Array<string>(times).fill(label));
      // Presses at once, as a person tapping twice before the message changes.
      const answers = await Promise.all(
        Array.from({ length: times }, () =>
          actor.telegram.client.invoke(new Api.messages.GetBotCallbackAnswer({ peer: actor.telegram.botPeer(), msgId: message.id, data: button.data })),
        ),
      );
      for (const answer of answers) actor.telegram.inbox.recordNotice(answer);
      return;
    }
    if (keyboard.includes(label)) {
      for (let i = 0; i < times; i++) await sends(label).performAs(actor);
      return;
    }
    const seen = [...inline.map((b) => b.button.text), ...keyboard];
    throw new Error(`${actor.name} sees no button "${label}"; the buttons shown are: ${seen.length ? seen.map((t) => `"${t}"`).join(', ') : 'none'}`);
  });

/** Writes to another person directly (not to the bot), e.g. so they can forward it. */
export const writesTo = (other: Actor, text: string): Task =>
  task(`writes to ${other.name}: ${JSON.stringify(text)}`, async (actor) => {
    const peer = await peerOf(actor, other);
    const before = other.telegram.inbox.messagesFromPeople().length;
    const timeoutMs = defaultSettleTimeoutMs();
    await new Promise<void>((resolve, reject) => {
      // Person-to-person messages do not pass the bot, so the barrier does not see them: wait
      // for this one to reach the other person's inbox (the timeout is only a failure guard).
      const timer = setTimeout(() => done(new Error(`${other.name} did not receive ${actor.name}'s message within ${timeoutMs} ms`)), timeoutMs);
      const stop = other.telegram.inbox.onChange(() => {
        if (other.telegram.inbox.messagesFromPeople().length > before) done();
      });
      function done(error?: Error) {
        clearTimeout(timer);
        stop();
        if (error) reject(error);
        else resolve();
      }
      actor.telegram.client.sendMessage(peer, { message: text, parseMode: undefined }).catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
    });
  });

/** Forwards to the bot the newest message `author` wrote to this actor. */
export const forwardsMessageFrom = (author: Actor): Task =>
  task(`forwards ${author.name}'s message to the bot`, async (actor) => {
    const message = actor.telegram.inbox
      .messagesFromPeople()
      .filter((m) => m.senderId?.toString() === String(author.userId))
      .at(-1);
    if (!message) throw new Error(`${actor.name} has no message from ${author.name} to forward`);
    actor.cause();
    const forwarded = await actor.telegram.client.forwardMessages(actor.telegram.botPeer(), { messages: [message.id], fromPeer: await peerOf(actor, author) });
    rememberSent(actor, forwarded);
  });

/** Forwards back to the bot the newest message the bot sent this actor. */
export const forwardsTheBotsLastMessage = (): Task =>
  task("forwards the bot's last message back to it", async (actor) => {
    const last = actor.telegram.inbox.all().filter((entry) => !entry.deleted).at(-1);
    if (!last) throw new Error(`${actor.name} has no message from the bot to forward`);
    actor.cause();
    rememberSent(actor, await actor.telegram.client.forwardMessages(actor.telegram.botPeer(), { messages: [last.id], fromPeer: actor.telegram.botPeer() }));
  });

/** Forwards back to the bot the newest message this actor sent it. */
export const forwardsTheirOwnMessage = (): Task =>
  task('forwards their own message back to the bot', async (actor) => {
    const own = actor.telegram.inbox.sentByMe().at(-1);
    if (!own) throw new Error(`${actor.name} has sent the bot no message to forward`);
    actor.cause();
    rememberSent(actor, await actor.telegram.client.forwardMessages(actor.telegram.botPeer(), { messages: [own.id], fromPeer: actor.telegram.botPeer() }));
  });

/** Sets Telegram's "Forwarded messages" privacy to "Nobody". */
export const hidesTheirNameInForwards = (): Task =>
  task('hides their account in forwards', (actor) => actor.telegram.setForwardsHidden(true));

/** `other` as an input peer for `actor`, found by username as a person would find them. */
async function peerOf(actor: Actor, other: Actor): Promise<Api.InputPeerUser> {
  const username = await other.telegram.ensureUsername();
  const resolved = await actor.telegram.client.invoke(new Api.contacts.ResolveUsername({ username }));
  const user = resolved.users.find((u): u is Api.User => u instanceof Api.User && u.id.toString() === String(other.userId));
  if (!user) throw new Error(`${actor.name} cannot find ${other.name} on Telegram as @${username}`);
  return new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash! });
}
