/**
 * Attaches each scenario's conversation to cucumber's report: a chat rendering (SVG, shown
 * inline by cucumber's HTML report and by reports/index.html) and a plain-text transcript.
 *
 * The conversation comes from what steps recorded with `transcriptOf(world)` and from the logs of
 * the people the World shows through its typed {@link ReportingView} (`world.reporting`); a World
 * without one (a test's own) reports its transcript alone. Everything attached is masked
 * (support/reporting/render/mask.ts).
 *
 * Hook order: the conversation is read from the people's logs, which stay readable until the
 * next scenario begins, so this hook needs nothing that the lifecycle hooks (support/hooks.ts)
 * tear down. cucumber.js still loads this file after those, and cucumber runs After hooks in
 * reverse order of definition, so it runs first: the bot is still running, and photos are
 * downloaded from a Telegram that nothing has touched yet.
 */
import { After } from '@cucumber/cucumber';
import { conversationAttachments } from './render/attachments';
import type { ConversationEvent } from './render/conversation';
import { registerSecretsFromEnvironment } from './render/mask';
import { conversationFromActors } from './from-actors';
import type { ReportableWorld } from './reporting-view';
import { transcriptOf } from './world-transcript';
import { withinTimeLimit } from '../time-limit';

registerSecretsFromEnvironment();

/** Reading the actors' chats after a scenario never takes longer than this. */
const READ_TIMEOUT_MS = 10_000;

After({ name: 'Attach the conversation', timeout: READ_TIMEOUT_MS + 5_000 }, async function (this: ReportableWorld, { pickle }) {
  const actors = this.reporting?.actors ?? [];
  const fromActors = actors.length ? await withinTimeLimit(conversationFromActors(actors), READ_TIMEOUT_MS, () => undefined) : [];
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
