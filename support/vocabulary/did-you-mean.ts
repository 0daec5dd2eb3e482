/**
 * "Did you mean": the lines of the vocabulary closest to a line that matches no step.
 *
 * Cucumber turns an undefined line into an expression for its snippet ("Bob asks for a
 * photograph" → "{user} asks for a photograph"); the vocabulary's own example sentences go
 * through the same generator with the same parameter types ("Bob asks for a photo" → "{user}
 * asks for a photo"), so names, numbers and quoted texts do not count, only the words around
 * them. How alike two of those are is 1 − (Levenshtein distance ÷ length of the longer), from
 * `fastest-levenshtein`; each phrase counts with its closest example.
 *
 * The suggestions travel as comment lines at the top of cucumber's own snippet (see
 * `snippet-syntax.ts`), so they reach the terminal, cucumber's reports and the messages; the
 * living documentation reads them back from the snippet with {@link parseSuggestions}.
 */
import { CucumberExpressionGenerator, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';
import { distance } from 'fastest-levenshtein';
import { PARAMETER_TYPES } from './parameter-types';
import type { Phrase } from './phrase';

export interface Suggestion {
  /** An example sentence of the vocabulary, as a product owner writes it. */
  readonly example: string;
  /** What that step means. */
  readonly means: string;
  /** 0–100: how alike the undefined line and the example are. */
  readonly alike: number;
}

const SHOWN = 3;

/** Cucumber's snippet generator over the suite's parameter types (cucumber's built-ins included). */
export function expressionGenerator(): CucumberExpressionGenerator {
  const registry = new ParameterTypeRegistry();
  for (const type of PARAMETER_TYPES) {
    registry.defineParameterType(new ParameterType(type.name, type.regexp, null, (...args: string[]) => args, type.useForSnippets, false));
  }
  return new CucumberExpressionGenerator(() => registry.parameterTypes);
}

/** How alike two expressions are, 0–1. */
export function similarity(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - distance(x, y) / longer;
}

/**
 * The phrases closest to an undefined line, given as the expression cucumber generated for it
 * (`{user} asks for a photograph`), most alike first.
 */
export function closestPhrases(undefinedExpression: string, phrases: readonly Phrase[], generator = expressionGenerator()): Suggestion[] {
  const scored = phrases.map((phrase) => {
    let best = { example: phrase.examples[0] ?? phrase.expression, score: -1 };
    for (const example of phrase.examples) {
      const abstract = generator.generateExpressions(example)[0]?.source ?? example;
      const score = similarity(undefinedExpression, abstract);
      if (score > best.score) best = { example, score };
    }
    return { example: best.example, means: phrase.means, alike: Math.round(best.score * 100) };
  });
  return scored.sort((a, b) => b.alike - a.alike).slice(0, SHOWN);
}

const HEADER = '// Did you mean one of these? The closest lines of the vocabulary (docs/vocabulary.md):';
const FOOTER = '// If none fits, a new step could start from this snippet (support/vocabulary/README.md):';
const LINE = /^\/\/ +(\d+)% alike: ("(?:[^"\\]|\\.)*") — (.*)$/;

/** The comment lines that go above cucumber's snippet; none without suggestions. */
export function formatSuggestions(suggestions: readonly Suggestion[]): string {
  if (suggestions.length === 0) return '';
  const lines = suggestions.map((s) => `//   ${String(s.alike).padStart(3)}% alike: ${JSON.stringify(s.example)} — ${s.means}`);
  return [HEADER, ...lines, FOOTER, ''].join('\n');
}

/** The suggestions written into a snippet by {@link formatSuggestions}; none if it has no such header. */
export function parseSuggestions(snippet: string): Suggestion[] {
  const lines = snippet.split('\n');
  if (!lines.includes(HEADER)) return [];
  return lines.flatMap((line) => {
    const match = LINE.exec(line);
    return match ? [{ alike: Number(match[1]), example: JSON.parse(match[2]!) as string, means: match[3]! }] : [];
  });
}
