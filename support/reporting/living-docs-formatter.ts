/**
 * The living documentation, `reports/index.html`, written by cucumber itself: a formatter
 * configured in cucumber.js (`./support/reporting/living-docs-formatter.cjs:reports/index.html`),
 * so every way of running the features — `npx cucumber-js`, `-p ci`, `--shard`, `--parallel`
 * (the formatter runs in the coordinator, which sees every worker's messages) — writes it.
 *
 * It keeps the run's messages as they arrive and renders the page when cucumber closes its
 * formatters, from the same code as `npm run docs`, which rebuilds the page from saved messages
 * (scripts/living-docs.ts).
 */
import type { Envelope } from '@cucumber/messages';
import type { FormatterPlugin } from '@cucumber/cucumber/lib/plugin/types';
import { renderLivingDocs } from './render/living-docs';
import { registerSecretsFromEnvironment } from './render/mask';
import { buildRunView, type RunView } from './render/run-model';
import { specification } from './specification';

export const DEFAULT_TITLE = 'Family Album bot — living documentation';

/** The page for a run (or several merged), with the bot's specification coverage. */
export function livingDocsPage(run: RunView, title = DEFAULT_TITLE): string {
  registerSecretsFromEnvironment();
  return renderLivingDocs(run, { title, specification: specification() });
}

/** The page for a run's messages. */
export function livingDocsOf(envelopes: readonly Envelope[], title = DEFAULT_TITLE): string {
  return livingDocsPage(buildRunView(envelopes as Parameters<typeof buildRunView>[0]), title);
}

const livingDocsFormatter: FormatterPlugin<{ title?: string }> = {
  type: 'formatter',
  // formatOptions: { livingDocs: { title: '…' } } in cucumber.js
  optionsKey: 'livingDocs',
  formatter({ on, write, options }) {
    const envelopes: Envelope[] = [];
    on('message', (envelope) => envelopes.push(envelope));
    return () => {
      write(livingDocsOf(envelopes, options?.title));
    };
  },
};

export default livingDocsFormatter;
