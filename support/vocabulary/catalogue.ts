/**
 * The vocabulary as cucumber sees it: every step definition of the suite with its phrase (what it
 * means, its example sentences), how often the features use it, and what is wrong with it.
 *
 * Everything is matched by cucumber itself: one dry run (no hooks, nothing started) over the
 * features plus a generated feature holding every example sentence; its messages say, per line,
 * which definitions matched. So an example is proven to reach exactly its own step, a feature line
 * that matches no step or two is named with its file and line, and an ambiguous new definition is
 * named beside the one it collides with.
 *
 * Loads the support code into this process: call it once per process (`scripts/vocabulary.ts`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { phraseOf, type Phrase } from './phrase';

export interface VocabularyStep {
  /** Given, When or Then, as the definition was written. */
  readonly keyword: string;
  readonly expression: string;
  /** Where it is defined, e.g. steps/photos.steps.ts:40. */
  readonly location: string;
  readonly phrase?: Phrase;
  /** Lines of the features this step (alone) matches. */
  readonly uses: number;
}

export interface Catalogue {
  readonly steps: VocabularyStep[];
  /** What must be fixed, one sentence each, naming files and lines. */
  readonly problems: string[];
}

export interface CatalogueOptions {
  /** The project directory (cucumber.js, steps/, features/). */
  readonly cwd: string;
  /** More support files to load (e.g. a step definition under review). */
  readonly extraRequire?: readonly string[];
}

interface LoadedStepDefinition {
  id: string;
  keyword: string;
  pattern: string | RegExp;
  uri: string;
  line: number;
}

const EXAMPLES_FEATURE = 'vocabulary-examples.feature';

export async function readCatalogue(options: CatalogueOptions): Promise<Catalogue> {
  const { cwd } = options;
  const sink = new PassThrough();
  sink.resume();
  const environment = { cwd, stdout: sink, stderr: sink, env: process.env };
  const { runConfiguration } = await loadConfiguration({ file: 'cucumber.js', profiles: [] }, environment);
  const support = { ...runConfiguration.support, requirePaths: [...(runConfiguration.support.requirePaths ?? []), ...(options.extraRequire ?? [])] };
  // The default profile names no paths: cucumber's default is every feature under features/.
  const featurePaths = runConfiguration.sources.paths.length ? runConfiguration.sources.paths : ['features/**/*.feature'];
  const library = await loadSupport({ sources: runConfiguration.sources, support }, environment);
  const definitions = (library as unknown as { stepDefinitions: LoadedStepDefinition[] }).stepDefinitions;
  const phrases = definitions.map((definition) => phraseOf(String(definition.pattern)));

  const dir = mkdtempSync(join(tmpdir(), 'vocabulary-'));
  try {
    const examplesPath = join(dir, EXAMPLES_FEATURE);
    writeFileSync(examplesPath, examplesFeature(phrases));
    const envelopes: Envelope[] = [];
    await runCucumber(
      {
        ...runConfiguration,
        sources: { ...runConfiguration.sources, paths: [...featurePaths, examplesPath], names: [], tagExpression: '', shard: undefined },
        support: library,
        runtime: { ...runConfiguration.runtime, dryRun: true, parallel: 0, retry: 0 },
        formats: { stdout: 'summary', files: {}, publish: false, options: {} },
      },
      environment,
      (envelope) => envelopes.push(envelope),
    );
    return judge(definitions, phrases, envelopes, relative(cwd, examplesPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One scenario per phrase, its examples as steps: "Scenario: phrase 3" with "* Bob asks for it". */
function examplesFeature(phrases: ReadonlyArray<Phrase | undefined>): string {
  const scenarios = phrases.flatMap((phrase, index) =>
    phrase ? [`  Scenario: phrase ${index}\n${phrase.examples.map((example) => `    * ${example}`).join('\n')}\n`] : [],
  );
  return `Feature: The vocabulary's own example sentences\n\n${scenarios.join('\n')}`;
}

function judge(definitions: LoadedStepDefinition[], phrases: ReadonlyArray<Phrase | undefined>, envelopes: Envelope[], examplesUri: string): Catalogue {
  const problems: string[] = [];
  const where = (definition: LoadedStepDefinition) => `${definition.uri}:${definition.line}`;
  const named = (definition: LoadedStepDefinition) => `${where(definition)} '${String(definition.pattern)}'`;
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const uses = new Map<string, number>(definitions.map((definition) => [definition.id, 0]));

  for (const envelope of envelopes) {
    if (envelope.parseError) problems.push(`${envelope.parseError.source.uri}${envelope.parseError.source.location ? `:${envelope.parseError.source.location.line}` : ''}: ${envelope.parseError.message}`);
  }
  const stepLines = new Map<string, number>();
  for (const envelope of envelopes) {
    const children = envelope.gherkinDocument?.feature?.children ?? [];
    const visit = (list: typeof children) => {
      for (const child of list) {
        for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) stepLines.set(step.id, step.location.line);
        if (child.rule) visit(child.rule.children as typeof children);
      }
    };
    visit(children);
  }
  const pickles = new Map(envelopes.flatMap((envelope) => (envelope.pickle ? [[envelope.pickle.id, envelope.pickle] as const] : [])));

  for (const envelope of envelopes) {
    const testCase = envelope.testCase;
    if (!testCase) continue;
    const pickle = pickles.get(testCase.pickleId)!;
    const isExample = pickle.uri.endsWith(EXAMPLES_FEATURE);
    const owner = isExample ? definitions[Number(/^phrase (\d+)$/.exec(pickle.name)![1])] : undefined;
    for (const testStep of testCase.testSteps) {
      if (!testStep.pickleStepId) continue;
      const pickleStep = pickle.steps.find((step) => step.id === testStep.pickleStepId)!;
      const matched = (testStep.stepDefinitionIds ?? []).map((id) => byId.get(id)!);
      const line = isExample
        ? `The example "${pickleStep.text}" of ${named(owner!)}`
        : `${pickle.uri}:${stepLines.get(pickleStep.astNodeIds[0]!) ?? '?'} "${pickleStep.text}"`;
      if (matched.length === 0) problems.push(`${line} matches no step${isExample ? '' : ' (undefined)'}.`);
      else if (matched.length > 1) problems.push(`${line} is ambiguous: it matches ${matched.map(named).join(' and ')}.`);
      else if (isExample && matched[0] !== owner) problems.push(`${line} is matched by ${named(matched[0]!)} instead.`);
      else if (!isExample) uses.set(matched[0]!.id, (uses.get(matched[0]!.id) ?? 0) + 1);
    }
  }

  definitions.forEach((definition, index) => {
    if (!phrases[index]) {
      problems.push(`${named(definition)} has no description: write it as ${definition.keyword}(phrase('${String(definition.pattern)}', { means: '…', examples: ['…'] }), …) (support/vocabulary/phrase.ts).`);
    }
    if (uses.get(definition.id) === 0) problems.push(`${named(definition)} is used by no feature: give it a scenario, or remove it.`);
  });
  void examplesUri;

  return {
    steps: definitions.map((definition, index) => ({
      keyword: definition.keyword,
      expression: String(definition.pattern),
      location: where(definition),
      phrase: phrases[index],
      uses: uses.get(definition.id) ?? 0,
    })),
    problems,
  };
}
