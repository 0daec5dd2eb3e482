/**
 * The step vocabulary, checked and published: `docs/vocabulary.md` is written from the step
 * definitions and their phrases (support/vocabulary/), never by hand.
 *
 *   npm run vocabulary                      # check, then (re)write docs/vocabulary.md
 *   npm run vocabulary -- --check           # check only; also fails when docs/vocabulary.md is stale
 *   npm run vocabulary -- --require x.ts    # with one more support file (e.g. a new step under review)
 *
 * The check fails on a step with no description, an example sentence that matches no step, another
 * step or two, a feature line that matches no step or two, and a step no feature uses; every
 * problem names its file and line. test/support/vocabulary/vocabulary.test.ts runs it in `npm test`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCatalogue } from '../support/vocabulary/catalogue';
import { renderVocabularyMarkdown } from '../support/vocabulary/markdown';

const ROOT = join(__dirname, '..');
export const PUBLISHED = join(ROOT, 'docs', 'vocabulary.md');
const USAGE = 'Usage: vocabulary [--check] [--require <support file>]…';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const extraRequire: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') continue;
    if (args[i] === '--require' && args[i + 1]) extraRequire.push(resolve(args[++i]!));
    else throw new Error(`Unknown argument ${JSON.stringify(args[i])}. ${USAGE}`);
  }
  const catalogue = await readCatalogue({ cwd: ROOT, extraRequire });
  const problems = [...catalogue.problems];
  const markdown = renderVocabularyMarkdown(catalogue);
  const published = existsSync(PUBLISHED) ? readFileSync(PUBLISHED, 'utf8') : undefined;
  if (check && published !== markdown) {
    problems.push(`docs/vocabulary.md is ${published === undefined ? 'missing' : 'stale'}: run \`npm run vocabulary\` to write it from the step definitions, and commit it.`);
  }
  if (!check && catalogue.problems.length === 0 && published !== markdown) {
    writeFileSync(PUBLISHED, markdown);
    console.log(`Wrote docs/vocabulary.md: ${catalogue.steps.length} steps.`);
  }
  if (problems.length > 0) {
    console.error(`The step vocabulary has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`The step vocabulary is sound: ${catalogue.steps.length} steps, every example matches its own step only, every feature line one step, docs/vocabulary.md up to date.`);
  // Loading the support code opened nothing, but imported modules may keep handles: end here.
  process.exit(0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`vocabulary: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
