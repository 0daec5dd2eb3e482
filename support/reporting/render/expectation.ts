/**
 * A failed expectation as data: who expected what, and what had arrived. The assertions
 * (support/actors/assertions.ts) know all of it when a "Then" fails; they carry it on the error,
 * and the reporting hooks attach it beside the step as JSON, so the living documentation
 * explains the failure from these fields instead of re-reading the step's words or the error's.
 *
 * Plain data, independent of GramJS and cucumber, like the conversation model beside it.
 */

/** What the feature expected, as data. */
export type Expected =
  /** "Bob receives 2 photos", "Bob receives 1 message", "Bob receives no photo". */
  | { readonly kind: 'count'; readonly of: 'photo' | 'message'; readonly count: number }
  /** "Bob receives a message containing …", "Bob is told …", "Bob sees the notice …". */
  | { readonly kind: 'text'; readonly text: string }
  /** "Bob receives no message containing …". */
  | { readonly kind: 'no-text'; readonly text: string }
  /** "Bob receives nothing". */
  | { readonly kind: 'nothing' }
  /** Anything else (buttons, the album's records, photos by content): the sentence says it. */
  | { readonly kind: 'other' };

/** What had reached the person since the actions began, when the expectation was checked. */
export interface Received {
  /** Messages from the bot that arrived or changed. */
  readonly messages: number;
  /** Photos from the bot that arrived. */
  readonly photos: number;
  /** Their texts (or captions), oldest first. */
  readonly texts: readonly string[];
  /** Notices the bot showed for pressed buttons. */
  readonly notices: readonly string[];
}

export interface FailedExpectation {
  /** Who expected it (a person's name as the scenario wrote it). */
  readonly actor: string;
  /** The expectation in the feature's words, e.g. "Bob to receive 1 photo(s)". */
  readonly expectation: string;
  readonly expected: Expected;
  readonly received: Received;
}

/** Reads a FailedExpectation back from its JSON attachment; undefined when it is not one. */
export function parseFailedExpectation(json: string): FailedExpectation | undefined {
  try {
    const value = JSON.parse(json) as Partial<FailedExpectation> | null;
    if (!value || typeof value.actor !== 'string' || typeof value.expected?.kind !== 'string' || typeof value.received?.messages !== 'number') return undefined;
    return value as FailedExpectation;
  } catch {
    return undefined;
  }
}
