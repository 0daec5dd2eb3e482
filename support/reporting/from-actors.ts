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
 * A press of an inline button is an update the person caused without a message; its label
 * comes from the actor's `pressedButtons`, kept by the `presses` task.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Api } from 'telegram';
import type { ConversationEvent, Keyboard, PhotoRef } from './render/conversation';
import type { Actor } from '../actors/actor';
import type { ReceivedMessage } from '../actors/inbox';
import { FIXTURES_DIR, fingerprint } from '../actors/fixtures';

/** Photos downloaded per scenario at most: a report stays small, and a stuck client cannot stall it. */
const MAX_PHOTO_DOWNLOADS = 24;
const HISTORY_LIMIT = 200;

/** One bot message as a person saw it over time. */
interface Seen {
  /** When it first appeared, and how it read then. */
  at: number;
  original: Api.Message;
  /** Each edit seen afterwards: when, and the message as it read after it. */
  edits: Array<{ at: number; message: Api.Message }>;
  editSequence: number;
  deletedAt?: number;
}

/**
 * Notes, per person, when each bot message and notice appeared, how a message read before and
 * after each edit, and when it was deleted: the inbox keeps only the latest version. Watching
 * starts when the reporting hooks first see a person (on the bot's first activity for them, or
 * around a step); what is already in the inbox then is noted at once, in the inbox's order.
 */
export class ArrivalOrder {
  /** The last time handed out: a high-resolution time, kept strictly increasing. */
  private last = 0;
  private readonly messages = new Map<string, Map<number, Seen>>();
  private readonly notices = new Map<string, Map<number, number>>();
  /** When each person's actions were about to give the bot an update (Actor.cause), in order. */
  private readonly causes = new Map<string, number[]>();
  private readonly caused = new Map<string, number>();
  private readonly stops = new Map<string, () => void>();

  watch(actor: Actor): void {
    if (this.stops.has(actor.name)) return;
    this.caused.set(actor.name, actor.causedUpdates);
    this.note(actor);
    // The actor's own change events cover both its inbox and the updates it causes.
    this.stops.set(actor.name, actor.onChange(() => this.note(actor)));
  }

  /** Times at which `actor` caused updates: their messages and presses, as they were sent. */
  causeTimes(actor: string): readonly number[] {
    return this.causes.get(actor) ?? [];
  }

  seen(actor: string, id: number): Seen | undefined {
    return this.messages.get(actor)?.get(id);
  }

  noticeAt(actor: string, sequence: number): number | undefined {
    return this.notices.get(actor)?.get(sequence);
  }

  stop(): void {
    for (const stop of this.stops.values()) stop();
    this.stops.clear();
  }

  private note(actor: Actor): void {
    const messages = this.messages.get(actor.name) ?? new Map<number, Seen>();
    const notices = this.notices.get(actor.name) ?? new Map<number, number>();
    this.messages.set(actor.name, messages);
    this.notices.set(actor.name, notices);
    const inbox = actor.telegram.inbox;
    const caused = this.caused.get(actor.name) ?? 0;
    if (actor.causedUpdates > caused) {
      const times = this.causes.get(actor.name) ?? [];
      for (let i = caused; i < actor.causedUpdates; i++) times.push(this.now());
      this.causes.set(actor.name, times);
      this.caused.set(actor.name, actor.causedUpdates);
    }
    for (const entry of inbox.all()) {
      let seen = messages.get(entry.id);
      if (!seen) {
        seen = { at: this.now(), original: entry.message, edits: [], editSequence: entry.editSequence };
        messages.set(entry.id, seen);
      } else if (entry.editSequence !== seen.editSequence) {
        seen.edits.push({ at: this.now(), message: entry.message });
        seen.editSequence = entry.editSequence;
      }
      if (entry.deleted && seen.deletedAt === undefined) seen.deletedAt = this.now();
    }
    for (const notice of inbox.noticesSinceMark()) if (!notices.has(notice.sequence)) notices.set(notice.sequence, this.now());
  }

  /** Times on the same clock as `Transcript` uses, so both kinds of record merge. */
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

  const { positions, presses } = placeInTime(chat.map(({ message }) => (message.out ? undefined : order.seen(actor.name, message.id)?.at)), order.causeTimes(actor.name));

  const events: ConversationEvent[] = [];
  let album: { id: string; event: ConversationEvent } | undefined;
  for (let i = 0; i < chat.length; i++) {
    const { message, entry } = chat[i];
    const at = positions[i];
    const seen = message.out ? undefined : order.seen(actor.name, message.id);
    // How the message read when it arrived, if we saw that; else as it reads now.
    const first = seen?.original ?? message;
    const photos = await photosOf(actor, first, budget);
    const text = first.message || undefined;
    // The photos of an album arrive as one message each; a person sees one album.
    const group = first.groupedId ? `${first.out ? 'out' : 'in'}:${first.groupedId.toString()}` : undefined;
    if (group && album?.id === group && album.event.kind === 'message') {
      album.event.photos = [...(album.event.photos ?? []), ...(photos ?? [])];
      if (text) album.event.text = album.event.text ? `${album.event.text}\n${text}` : text;
    } else if (message.out) {
      events.push({ kind: 'message', from: actor.name, to: 'bot', text, photos, forwardedFrom: forwardedFrom(message), at });
    } else if (entry && entry.edits > 0 && (seen?.edits.length ?? 0) === 0) {
      // Edited before it was first noted: only the edited version is known.
      events.push({ kind: 'edit', from: 'bot', to: actor.name, text, photos, keyboard: keyboardOf(first), at });
    } else {
      events.push({ kind: 'message', from: 'bot', to: actor.name, text, photos, keyboard: keyboardOf(first), at });
    }
    album = group ? { id: group, event: album?.id === group ? album.event : events[events.length - 1] } : undefined;
    for (const edit of seen?.edits ?? []) {
      events.push({ kind: 'edit', from: 'bot', to: actor.name, text: edit.message.message || undefined, keyboard: keyboardOf(edit.message), at: edit.at });
    }
    if (entry?.deleted) events.push({ kind: 'delete', from: 'bot', to: actor.name, text, at: seen?.deletedAt ?? at + 1e-3 });
  }
  // Every update caused without a message is an inline-button press; the actor keeps their
  // labels in order. Should the two ever disagree, a press is shown without its label.
  const labels = presses.length === actor.pressedButtons.length ? actor.pressedButtons : [];
  presses.forEach((at, i) => events.push({ kind: 'press', by: actor.name, button: labels[i] ?? '', at }));
  for (const notice of telegram.inbox.noticesSinceMark()) {
    events.push({ kind: 'note', text: `The bot shows ${actor.name} ${notice.alert ? 'an alert' : 'a notice'}: “${notice.text}”`, at: order.noticeAt(actor.name, notice.sequence) });
  }
  return events;
}

/**
 * Times for a chat's messages in id order. The bot's are known (`arrivals`). A person's own
 * messages between two known ones take the last times they caused an update in that window
 * (earlier causes there were button presses, which are not messages), or else fall just
 * before the bot's next message.
 */
export function placeInTime(arrivals: Array<number | undefined>, causeTimes: readonly number[]): { positions: number[]; presses: number[] } {
  const positions: number[] = [];
  const used = new Set<number>();
  let i = 0;
  let previous = Number.NEGATIVE_INFINITY;
  while (i < arrivals.length) {
    const known = arrivals[i];
    if (known !== undefined) {
      positions.push(known);
      previous = known;
      i++;
      continue;
    }
    let end = i;
    while (end < arrivals.length && arrivals[end] === undefined) end++;
    const next = end < arrivals.length ? arrivals[end]! : Number.POSITIVE_INFINITY;
    const run = end - i;
    const window = causeTimes.filter((t) => t > previous && t < next).slice(-run);
    const missing = run - window.length;
    // Messages without a cause go just before the first placed one (or the bot's next message),
    // or just after the previous one when nothing follows.
    const anchor = window.length > 0 ? window[0] : next;
    for (let k = 0; k < run; k++) {
      if (k >= missing) {
        positions.push(window[k - missing]);
        used.add(window[k - missing]);
      }
      else if (Number.isFinite(anchor)) positions.push(anchor - (missing - k) * 1e-4);
      else positions.push((Number.isFinite(previous) ? previous : 0) + (k + 1) * 1e-4);
    }
    previous = positions[positions.length - 1];
    i = end;
  }
  // Updates caused without a message of their own: presses of inline buttons.
  return { positions, presses: causeTimes.filter((t) => !used.has(t)) };
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
