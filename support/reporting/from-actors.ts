/**
 * A scenario's conversation for the reports, read from each person's log of their chat with
 * the bot (support/actors/inbox.ts) without changing it: what they sent and pressed, every
 * version of every bot message, deletions and notices, each at the time the log noted it.
 * Photos the person sent are the fixtures themselves; photos from the bot are downloaded (up to
 * a budget) and named after the fixture they show (recognised by the picture: Telegram
 * recompresses photos), when they show one.
 */
import type { Api } from 'telegram';
import { telegramApi } from '../actors/telegram-api';
import { BOT, type ConversationEvent, type Keyboard, type PhotoRef } from './render/conversation';
import type { Actor } from '../actors/actor';
import type { ChatEvent } from '../actors/inbox';
import { recognisePhoto } from '../actors/fixtures';

/** Photos downloaded per scenario at most: a report stays small, and a stuck client cannot stall it. */
const MAX_PHOTO_DOWNLOADS = 24;

/** Everything the actors sent to and received from the bot, each event with its time. */
export async function conversationFromActors(actors: readonly Actor[]): Promise<ConversationEvent[]> {
  const budget = { photos: MAX_PHOTO_DOWNLOADS };
  const events: ConversationEvent[] = [];
  for (const actor of actors) events.push(...(await chatOf(actor, budget)));
  return events;
}

async function chatOf(actor: Actor, budget: { photos: number }): Promise<ConversationEvent[]> {
  const log = actor.inbox.events;
  const firstVersions = new Map<number, Api.Message>();
  const events: ConversationEvent[] = [];
  /** The bot's album being shown: its photos arrive as one message each, a person sees one album. */
  let album: { groupedId: string; event: Extract<ConversationEvent, { kind: 'message' }> } | undefined;
  for (const event of log) {
    const inAlbum = event.kind === 'received' && event.message.groupedId ? event.message.groupedId.toString() : undefined;
    if (inAlbum === undefined) album = undefined;
    const shown = await show(actor, event, firstVersions, budget);
    if (!shown) continue;
    if (inAlbum !== undefined && album?.groupedId === inAlbum && shown.kind === 'message') {
      album.event.photos = [...(album.event.photos ?? []), ...(shown.photos ?? [])];
      if (shown.text) album.event.text = album.event.text ? `${album.event.text}\n${shown.text}` : shown.text;
      continue;
    }
    events.push(shown);
    if (inAlbum !== undefined && shown.kind === 'message') album = { groupedId: inAlbum, event: shown };
  }
  return events;
}

/** One log event as the reports show it; undefined for what is not part of the chat with the bot. */
async function show(actor: Actor, event: ChatEvent, firstVersions: Map<number, Api.Message>, budget: { photos: number }): Promise<ConversationEvent | undefined> {
  const { at } = event;
  switch (event.kind) {
    case 'sent': {
      const [first] = event.messages;
      const text = event.content.text ?? (event.messages.map((message) => message.message).filter(Boolean).join('\n') || undefined);
      const photos = event.content.photos?.length
        ? event.content.photos.map((photo) => ({ bytes: photo.bytes, name: photo.name }))
        : await photosIn(actor, event.messages, budget);
      return { kind: 'message', from: actor.name, to: BOT, text, photos, forwardedFrom: first && forwardedFrom(first), at };
    }
    case 'pressed':
      return { kind: 'press', by: actor.name, button: event.label, at };
    case 'received':
      firstVersions.set(event.message.id, event.message);
      return { kind: 'message', from: BOT, to: actor.name, text: event.message.message || undefined, photos: await photosIn(actor, [event.message], budget), keyboard: keyboardOf(event.message), at };
    case 'edited':
      return { kind: 'edit', from: BOT, to: actor.name, text: event.message.message || undefined, keyboard: keyboardOf(event.message), at };
    case 'deleted': {
      // A deletion of the person's own message is not shown: only the bot's messages can be seen going.
      const texts = event.ids.flatMap((id) => (firstVersions.has(id) ? [firstVersions.get(id)!.message || ''] : []));
      return texts.length ? { kind: 'delete', from: BOT, to: actor.name, text: texts.join('\n') || undefined, at } : undefined;
    }
    case 'notice':
      return { kind: 'note', text: `The bot shows ${actor.name} ${event.alert ? 'an alert' : 'a notice'}: “${event.text}”`, at };
    case 'fromPerson':
    case 'wrote':
      return undefined;
  }
}

function forwardedFrom(message: Api.Message): string | undefined {
  const header = message.fwdFrom;
  if (!header) return undefined;
  return header.fromName ?? 'someone';
}

function keyboardOf(message: Api.Message): Keyboard | undefined {
  const markup = message.replyMarkup;
  if (markup instanceof telegramApi().ReplyInlineMarkup) return { type: 'inline', rows: markup.rows.map((row) => row.buttons.map((b) => b.text)) };
  if (markup instanceof telegramApi().ReplyKeyboardMarkup) return { type: 'reply', rows: markup.rows.map((row) => row.buttons.map((b) => b.text)) };
  return undefined;
}

async function photosIn(actor: Actor, messages: readonly Api.Message[], budget: { photos: number }): Promise<PhotoRef[] | undefined> {
  const photos: PhotoRef[] = [];
  for (const message of messages) {
    if (!(message.media instanceof telegramApi().MessageMediaPhoto)) continue;
    if (budget.photos <= 0) {
      photos.push({ name: 'photo' });
      continue;
    }
    budget.photos--;
    try {
      const bytes = await actor.telegram.download(message);
      photos.push({ bytes, name: await fixtureShown(bytes) });
    } catch {
      photos.push({ name: 'photo (could not be downloaded)' });
    }
  }
  return photos.length ? photos : undefined;
}

/** The fixture a photo shows, recognised by the picture, so it reads "beach.png" in the transcript. */
async function fixtureShown(bytes: Buffer): Promise<string | undefined> {
  try {
    return (await recognisePhoto(bytes)).fixture;
  } catch {
    return undefined; // not decodable, or no fixtures directory: the photo simply goes unnamed
  }
}
