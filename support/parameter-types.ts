/**
 * Words of the step vocabulary that stand for things:
 * - `{user}`: a person — "Alice", "Bob", "Carol" … any capitalised name, or "user A". The person
 *   is logged in on first mention in the worker and readied on first mention in the scenario.
 * - `{buttons}`: one or more quoted labels — `"Allow" and "Deny"`, `"📷 Photo", "👪 Family"`.
 */
import { defineParameterType } from '@cucumber/cucumber';
import type { Actor } from './actors/actor';
import type { FamilyAlbumWorld } from './world';

defineParameterType({
  name: 'user',
  regexp: /[A-Z][a-z]+|user [A-Z0-9]+/,
  transformer(this: FamilyAlbumWorld, name: string): Promise<Actor> {
    return this.actor(name);
  },
  useForSnippets: true,
});

defineParameterType({
  name: 'buttons',
  regexp: /"[^"]*"(?:(?:, | and )"[^"]*")*/,
  useForSnippets: false,
  transformer(list: string): string[] {
    return [...list.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  },
});
