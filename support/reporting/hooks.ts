/**
 * Attaches each scenario's conversation to cucumber's report: a chat rendering (SVG, shown
 * inline by cucumber's HTML report and by reports/index.html) and a plain-text transcript.
 *
 * The conversation comes from what steps recorded with `transcriptOf(world)` and, when the
 * World has actors (`world.actors`), from their chats and inboxes, read after the scenario.
 * Everything attached is masked (support/reporting/render/mask.ts).
 *
 * Hook order: cucumber runs After hooks in reverse order of definition, and this file is loaded
 * after support/hooks.ts, so the conversation is read before the suite's own clean-up.
 */
import { EventEmitter } from 'node:events';
import { After, AfterStep, BeforeStep } from '@cucumber/cucumber';
import { conversationAttachments } from './render/attachments';
import type { ConversationEvent } from './render/conversation';
import { registerSecretsFromEnvironment } from './render/mask';
import type { Actor } from '../actors/actor';
import { ArrivalOrder, conversationFromActors } from './from-actors';
import { transcriptOf } from './world-transcript';
import { withinTimeLimit } from '../time-limit';

registerSecretsFromEnvironment();

/** Reading the actors' chats after a scenario never takes longer than this. */
const READ_TIMEOUT_MS = 10_000;

const orders = new WeakMap<object, ArrivalOrder>();

function actorsOf(world: object): Actor[] {
  const actors = (world as { actors?: unknown }).actors;
  if (actors instanceof Map) return [...actors.values()] as Actor[];
  if (Array.isArray(actors)) return actors as Actor[];
  return [];
}

/** Starts noting arrivals for people the scenario has mentioned so far. */
function watch(world: object): void {
  const actors = actorsOf(world);
  if (actors.length === 0) return;
  let order = orders.get(world);
  if (!order) {
    order = new ArrivalOrder();
    orders.set(world, order);
  }
  for (const actor of actors) order.watch(actor);
}

/**
 * The bot's ledger (support/settle.ts) changes as soon as the bot starts on an update, before it
 * answers: watching on each change catches a person who appeared in the middle of a step before
 * their first reply arrives, so their messages are timed like everyone else's.
 */
const ledgerWatches = new WeakMap<object, () => void>();

function watchLedger(world: object): void {
  if (ledgerWatches.has(world)) return;
  const ledger = (world as { scenario?: { bot?: { ledger?: unknown } } }).scenario?.bot?.ledger;
  if (!(ledger instanceof EventEmitter)) return;
  const listener = () => watch(world);
  ledger.on('change', listener);
  ledgerWatches.set(world, () => ledger.off('change', listener));
}

BeforeStep(function () {
  watchLedger(this);
  watch(this);
});

AfterStep(function () {
  watch(this);
});

After({ name: 'Attach the conversation', timeout: READ_TIMEOUT_MS + 5_000 }, async function ({ pickle }) {
  watch(this);
  const order = orders.get(this);
  const fromActors = order ? await withinTimeLimit(conversationFromActors(actorsOf(this), order), READ_TIMEOUT_MS, () => undefined) : [];
  order?.stop();
  ledgerWatches.get(this)?.();
  const events: ConversationEvent[] = [...transcriptOf(this).events, ...(fromActors ?? [])];
  if (events.length === 0) return;
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.at ?? 0) - (b.event.at ?? 0) || a.index - b.index)
    .map(({ event }) => event);
  const { image, text } = conversationAttachments(ordered, pickle.name);
  this.attach(image.data, { mediaType: image.mediaType, fileName: image.fileName });
  this.attach(text.data, { mediaType: text.mediaType, fileName: text.fileName });
});
