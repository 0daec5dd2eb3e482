/**
 * Reads a scenario's conversation out of the actors, without changing them: what each person
 * sent (their chat history with the bot), what the bot sent them (their inbox, which also knows
 * edits, deletions and notices), photos downloaded as bytes and named after the fixture they
 * are, when they are one.
 *
 * Order across people comes from {@link ArrivalOrder}: it notes when each bot message first
 * appeared in an inbox. A person's own message is placed just before the bot's next message
 * in the same chat (message ids in one chat increase in both directions).
 *
 * Not visible here, so not shown: presses of inline buttons that the bot answered without a
 * notice (a TODO for the suite: `transcriptOf(world).pressed(...)` in the `presses` task).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Api } from 'telegram';
import type { ConversationEvent, Keyboard, PhotoRef } from '../../src/reporting/conversation';
import type { Actor } from '../actors/actor';
import type { ReceivedMessage } from '../actors/inbox';
import { FIXTURES_DIR, fingerprint } from '../fixtures';

/** Photos downloaded per scenario at most: a report stays small, and a stuck client cannot stall it. */
const MAX_PHOTO_DOWNLOADS = 24;
const HISTORY_LIMIT = 200;

/**
 * Notes, per person, when bot messages and notices first appeared. Watching starts
 * when the reporting hooks first see a person (before or after a step); what is already in the
 * inbox then is noted at once, in the inbox's own order.
 */
export class ArrivalOrder {
  /** The last position handed out: a high-resolution time, kept strictly increasing. */
  private last = 0;
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly stops = new Map<string, () => void>();

  watch(actor: Actor): void {
    if (this.stops.has(actor.name)) return;
    this.note(actor);
    this.stops.set(actor.name, actor.telegram.inbox.onChange(() => this.note(actor)));
  }

  /** The position of a bot message (`m<id>`) or notice (`n<sequence>`) of `actor`. */
  of(actor: string, key: string): number | undefined {
    return this.seen.get(actor)?.get(key);
  }

  stop(): void {
    for (const stop of this.stops.values()) stop();
    this.stops.clear();
  }

  private note(actor: Actor): void {
    const seen = this.seen.get(actor.name) ?? new Map<string, number>();
    this.seen.set(actor.name, seen);
    const inbox = actor.telegram.inbox;
    const keys = [
      ...inbox.all().map((entry) => ({ key: `m${entry.id}`, sequence: entry.sequence })),
      ...inbox.noticesSinceMark().map((notice) => ({ key: `n${notice.sequence}`, sequence: notice.sequence })),
    ].sort((a, b) => a.sequence - b.sequence);
    for (const { key } of keys) if (!seen.has(key)) seen.set(key, this.now());
  }

  /** Positions are times on the same clock as `Transcript` uses, so both kinds of record merge. */
  private now(): number {
    this.last = Math.max(performance.timeOrigin + performance.now(), this.last + 0.001);
    return this.last;
  }
}

/** Everything the actors sent to and received from the bot, in order. */
export async function conversationFromActors(actors: readonly Actor[], order: ArrivalOrder): Promise<ConversationEvent[]> {
  const budget = { photos: MAX_PHOTO_DOWNLOADS };
  const events: ConversationEvent[] = [];
  for (const actor of actors) events.push(...(await chatOf(actor, order, budget)));
  return events;
}

async function chatOf(actor: Actor, order: ArrivalOrder, budget: { photos: number }): Promise<ConversationEvent[]> {
  const { telegram } = actor;
  const inbox = new Map<number, ReceivedMessage>(telegram.inbox.all().map((entry) => [entry.id, entry]));
  let history: Api.Message[] = [];
  try {
    history = (await telegram.client.getMessages(telegram.botPeer(), { limit: HISTORY_LIMIT })).filter((m): m is Api.Message => m instanceof Api.Message);
  } catch {
    // The chat cannot be read (the client is gone): the inbox alone still tells what the bot said.
  }
  const byId = new Map<number, { message: Api.Message; entry?: ReceivedMessage }>();
  for (const message of history) byId.set(message.id, { message, entry: inbox.get(message.id) });
  for (const entry of inbox.values()) if (!byId.has(entry.id)) byId.set(entry.id, { message: entry.message, entry });
  const chat = [...byId.values()].sort((a, b) => a.message.id - b.message.id);

  // Where each item goes: bot messages where they arrived; own messages just before the bot's next.
  const positions: number[] = chat.map(({ message }) => (message.out ? Number.NaN : order.of(actor.name, `m${message.id}`) ?? Number.NaN));
  let next = Number.POSITIVE_INFINITY;
  for (let i = chat.length - 1; i >= 0; i--) {
    if (Number.isNaN(positions[i])) positions[i] = next - 0.5 + i * 1e-4;
    else next = positions[i];
  }

  const events: ConversationEvent[] = [];
  let album: { id: string; event: ConversationEvent } | undefined;
  for (let i = 0; i < chat.length; i++) {
    const { message, entry } = chat[i];
    const at = positions[i];
    const photos = await photosOf(actor, message, budget);
    const text = message.message || undefined;
    // The photos of an album arrive as one message each; a person sees one album.
    const group = message.groupedId ? `${message.out ? 'out' : 'in'}:${message.groupedId.toString()}` : undefined;
    if (group && album?.id === group && album.event.kind === 'message' && !entry?.deleted) {
      album.event.photos = [...(album.event.photos ?? []), ...(photos ?? [])];
      if (text) album.event.text = album.event.text ? `${album.event.text}\n${text}` : text;
      continue;
    }
    album = undefined;
    if (message.out) {
      events.push({ kind: 'message', from: actor.name, to: 'bot', text, photos, forwardedFrom: forwardedFrom(message), at });
    } else if (entry?.deleted) {
      events.push({ kind: 'delete', from: 'bot', to: actor.name, text, at });
    } else if (entry && entry.edits > 0) {
      events.push({ kind: 'edit', from: 'bot', to: actor.name, text, photos, keyboard: keyboardOf(message), at });
    } else {
      events.push({ kind: 'message', from: 'bot', to: actor.name, text, photos, keyboard: keyboardOf(message), at });
    }
    if (group) album = { id: group, event: events[events.length - 1] };
  }
  for (const notice of telegram.inbox.noticesSinceMark()) {
    events.push({ kind: 'note', text: `The bot shows ${actor.name} ${notice.alert ? 'an alert' : 'a notice'}: “${notice.text}”`, at: order.of(actor.name, `n${notice.sequence}`) });
  }
  return events;
}

function forwardedFrom(message: Api.Message): string | undefined {
  const header = message.fwdFrom;
  if (!header) return undefined;
  return header.fromName ?? 'someone';
}

function keyboardOf(message: Api.Message): Keyboard | undefined {
  const markup = message.replyMarkup;
  if (markup instanceof Api.ReplyInlineMarkup) return { type: 'inline', rows: markup.rows.map((row) => row.buttons.map((b) => b.text)) };
  if (markup instanceof Api.ReplyKeyboardMarkup) return { type: 'reply', rows: markup.rows.map((row) => row.buttons.map((b) => b.text)) };
  return undefined;
}

async function photosOf(actor: Actor, message: Api.Message, budget: { photos: number }): Promise<PhotoRef[] | undefined> {
  if (!(message.media instanceof Api.MessageMediaPhoto)) return undefined;
  if (budget.photos <= 0) return [{ name: 'photo' }];
  budget.photos--;
  try {
    const bytes = await actor.telegram.client.downloadMedia(message, {});
    if (!Buffer.isBuffer(bytes)) return [{ name: 'photo' }];
    return [{ bytes, name: fixtureNames().get(fingerprint(bytes)) }];
  } catch {
    return [{ name: 'photo (could not be downloaded)' }];
  }
}

let names: Map<string, string> | undefined;

/** Fixture file names by content, so a photo reads "beach.png" in the transcript. */
function fixtureNames(): Map<string, string> {
  if (!names) {
    names = new Map();
    try {
      for (const name of readdirSync(FIXTURES_DIR)) names.set(fingerprint(readFileSync(join(FIXTURES_DIR, name))), name);
    } catch {
      // No fixtures directory: photos simply go unnamed.
    }
  }
  return names;
}
