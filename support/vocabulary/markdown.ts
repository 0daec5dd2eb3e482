/**
 * `docs/vocabulary.md`, the published vocabulary, written from the catalogue (the step
 * definitions as cucumber loaded them, with their phrases). Deterministic, so that a test can
 * tell a stale copy from a fresh one.
 */
import { basename } from 'node:path';
import type { Catalogue, VocabularyStep } from './catalogue';
import { PARAMETER_TYPES } from './parameter-types';

export function renderVocabularyMarkdown(catalogue: Catalogue): string {
  const byFile = new Map<string, VocabularyStep[]>();
  for (const step of catalogue.steps) {
    const file = step.location.replace(/:\d+$/, '');
    byFile.set(file, [...(byFile.get(file) ?? []), step]);
  }
  const sections = [...byFile].map(([file, steps]) => [
    `## ${titleOf(file)}`,
    '',
    `From \`${file}\`.`,
    '',
    '| Kind | Phrase | What happens | For example |',
    '|---|---|---|---|',
    ...steps.map((step) => `| ${step.keyword} | \`${cell(step.expression)}\` | ${cell(step.phrase?.means ?? '(no description)')} | ${(step.phrase?.examples ?? []).map((example) => cell(example)).join('<br>')} |`),
    '',
  ].join('\n'));
  return [
    '# Step vocabulary',
    '',
    '<!-- Written by `npm run vocabulary` from the step definitions (steps/) and their phrases; do not edit by hand. -->',
    '',
    `Every line a scenario may use: ${catalogue.steps.length} steps. Given/When/Then are interchangeable in cucumber;`,
    'the Kind column shows the intended use. A line that matches none of them is "Undefined", and the',
    'run prints the closest lines below beside cucumber\'s snippet ("did you mean").',
    '',
    'How to read a phrase (Cucumber Expressions): `(has )` may be left out; `uploaded/uploads` is',
    'either word; `photo(s)` is "photo" or "photos". The words in braces stand for things:',
    '',
    ...PARAMETER_TYPES.map((type) => `- \`{${type.name}}\`: ${type.means}.`),
    '- `{string}`: a quoted text, `"hello"`; `{int}`: a number, `3`.',
    '',
    sections.join('\n'),
  ].join('\n');
}

/** steps/photos.steps.ts → "Photos". */
function titleOf(file: string): string {
  const name = basename(file).replace(/\.steps\.[jt]s$|\.[jt]s$/, '').replace(/[-_]/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Text safe in a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
