/**
 * The words of the vocabulary that stand for things, as cucumber parameter types. Pure
 * definitions: `support/parameter-types.ts` registers them with cucumber, and the "did you mean"
 * snippets (`snippet-syntax.ts`) build a registry of their own from the same list, so both read
 * a feature line alike.
 *
 * - `{user}`: a person — "Alice", "Bob" … any capitalised name, "user A", or "A" for a "user A"
 *   the scenario already named.
 * - `{users}`: two or more people — "Alice and Bob", "Alice, Bob and Carol".
 * - `{count}`: a number as a person writes it — "2", "two", "a", "an", "one", "no".
 * - `{a photo}`: a photo the person asks for — "a photo", "another photo", "another one", "it"
 *   (the photo just named: "When user B asks for it").
 * - `{buttons}`: one or more quoted labels — `"Allow" and "Deny"`, `"📷 Photo", "👪 Family"`.
 */
import type { Actor } from '../actors/actor';

/** What `{user}` and `{users}` need from the World: the person a name stands for, ready for the scenario. */
export interface Cast {
  actor(name: string): Promise<Actor>;
}

export interface ParameterTypeDefinition {
  readonly name: string;
  /** What it stands for, with examples (published in docs/vocabulary.md). */
  readonly means: string;
  readonly regexp: RegExp;
  readonly transformer: (this: Cast, ...match: string[]) => unknown;
  /** Cucumber's snippets name this type for text it matches (only for types that cannot be mistaken). */
  readonly useForSnippets: boolean;
}

const NAME = /user [A-Z0-9]+|[A-Z][a-z]+|[A-Z]/.source;

const NUMBER_WORDS: Record<string, number> = { no: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "2" → 2, "two" → 2, "a" → 1, "no" → 0. */
export function countOf(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : NUMBER_WORDS[text]!;
}

/** "Alice, Bob and Carol" → ["Alice", "Bob", "Carol"]. */
export function namesOf(list: string): string[] {
  return list.split(/, | and /);
}

export const PARAMETER_TYPES: readonly ParameterTypeDefinition[] = [
  {
    name: 'user',
    means: 'a person: "Alice", "Bob", any capitalised name, "user A", or "A" once "user A" was named',
    regexp: new RegExp(NAME),
    transformer(this: Cast, name: string) {
      return this.actor(name);
    },
    useForSnippets: true,
  },
  {
    name: 'users',
    means: 'two or more people: "Alice and Bob", "Alice, Bob and Carol"',
    regexp: new RegExp(`(?:${NAME})(?:, (?:${NAME}))* and (?:${NAME})`),
    transformer(this: Cast, list: string) {
      return Promise.all(namesOf(list).map((name) => this.actor(name)));
    },
    useForSnippets: false,
  },
  {
    name: 'count',
    means: 'a number as people write it: "2", "two", "a", "an", "one", "no" (0)',
    regexp: new RegExp(`\\d+|${Object.keys(NUMBER_WORDS).join('|')}`),
    transformer: countOf,
    useForSnippets: false,
  },
  {
    name: 'a photo',
    means: 'a photo asked for: "a photo", "another photo", "another one", "one more", or "it" for the photo just named',
    regexp: /a photo|another photo|another one|one more|it/,
    transformer: (words: string) => words,
    useForSnippets: false,
  },
  {
    name: 'buttons',
    means: 'one or more quoted button labels: `"Allow" and "Deny"`, `"📷 Photo", "👪 Family"`',
    regexp: /"[^"]*"(?:(?:, | and )"[^"]*")*/,
    transformer(list: string): string[] {
      return [...list.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
    },
    useForSnippets: false,
  },
];
