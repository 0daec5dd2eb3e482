/**
 * Attaches each scenario's conversation to cucumber's report: a chat rendering (SVG, shown
 * inline by cucumber's HTML report and by reports/index.html), a plain-text transcript, and
 * its events as JSON; and beside a step whose expectation failed, that failure as JSON. The
 * living documentation explains failures from those two (run-model.ts, explain.ts).
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
import { After, Before, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { ExpectationError } from '../actors/assertions';
import { conversationAttachments, expectationAttachment } from './render/attachments';
import type { ConversationEvent } from './render/conversation';
import { maskSecrets, registerSecretsFromEnvironment } from './render/mask';
import { conversationFromActors } from './from-actors';
import type { ReportableWorld } from './reporting-view';
import { transcriptOf } from './world-transcript';
import { withinTimeLimit } from '../time-limit';
import { SHOWS_ATTACHMENT, showsOf } from './specification';
import { forgetProducedTexts, observeBotTexts, producedTexts } from './texts-spy';

registerSecretsFromEnvironment();
observeBotTexts();

/** Which of the bot's texts a scenario shows is counted from its own beginning (specification.ts). */
Before(function () {
  forgetProducedTexts();
});

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
  const { image, text, json } = conversationAttachments(ordered, pickle.name);
  this.attach(image.data, { mediaType: image.mediaType, fileName: image.fileName });
  this.attach(text.data, { mediaType: text.mediaType, fileName: text.fileName });
  this.attach(json.data, { mediaType: json.mediaType, fileName: json.fileName });
  // A copy first: listing the bot's texts (in showsOf) reads them too.
  const produced = new Map([...producedTexts()].map(([key, made]) => [key, new Set(made)]));
  this.attach(maskSecrets(JSON.stringify(showsOf(ordered, produced))), { mediaType: SHOWS_ATTACHMENT.mediaType, fileName: SHOWS_ATTACHMENT.fileName });
});

/**
 * A step whose expectation failed carries the failure as data beside it (expectation.json):
 * every step definition is wrapped so that an {@link ExpectationError} is attached before
 * cucumber records the failure. Nothing else changes: the error is rethrown as it was.
 */
setDefinitionFunctionWrapper((code: (...args: unknown[]) => unknown) =>
  function (this: Partial<ReportableWorld> | undefined, ...args: unknown[]): unknown {
    const attachFailure = (error: unknown): never => {
      if (error instanceof ExpectationError && this?.attach) {
        const { data, mediaType, fileName } = expectationAttachment(error.failed);
        this.attach(data, { mediaType, fileName });
      }
      throw error;
    };
    try {
      const result = code.apply(this, args);
      return result instanceof Promise ? result.catch(attachFailure) : result;
    } catch (error) {
      return attachFailure(error);
    }
  },
);
