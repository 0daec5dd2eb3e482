/**
 * Assertions in the words of the features. `expect` does the comparing; when it fails, the
 * error leads with what the feature expected and what the person received — the sentence a
 * product owner reads in the report — and keeps expect's own diff below it for the developer.
 *
 * The error also carries the same facts as data ({@link FailedExpectation}: who expected what,
 * and what had arrived), which the reporting hooks attach beside the step so the living
 * documentation explains the failure without re-reading any of these sentences.
 */
import { stripVTControlCharacters } from 'node:util';
import type { Expected, FailedExpectation, Received } from '../reporting/render/expectation';
import type { Actor } from './actor';
import { isPhoto, textOf } from './questions';

export type { Expected } from '../reporting/render/expectation';

export class ExpectationError extends Error {
  constructor(
    message: string,
    /** The failure as data, for the reports. */
    readonly failed: FailedExpectation,
  ) {
    super(message);
    this.name = 'ExpectationError';
  }
}

/** What `actor` had received since the actions began, as data. */
export function receivedBy(actor: Actor): Received {
  const changed = actor.inbox.changedSinceMark();
  return {
    messages: changed.length,
    photos: actor.inbox.sinceMark().filter(isPhoto).length,
    texts: changed.map(textOf),
    notices: actor.inbox.noticesSinceMark().map((notice) => notice.text),
  };
}

/** What `actor` received since the actions began, one line per message. */
export function whatArrived(actor: Actor): string {
  const entries = actor.inbox.changedSinceMark();
  if (entries.length === 0) return `${actor.name} received nothing.`;
  return [`${actor.name} received:`, ...entries.map((entry) => `  - ${entry.message.photo ? '[photo] ' : ''}${JSON.stringify(textOf(entry))}${entry.edits ? ' (edited)' : ''}`)].join('\n');
}

/**
 * Runs `assertion` (one or more `expect(…)` calls). On failure throws an ExpectationError:
 * "Expected <expectation>", what `actor` received, then expect's message; with `expected`
 * (what the feature expected, as data) and what had arrived as its data.
 */
export function check(actor: Actor, expectation: string, assertion: () => void, expected: Expected = { kind: 'other' }): void {
  try {
    assertion();
  } catch (error) {
    const detail = error instanceof Error ? stripVTControlCharacters(error.message) : String(error);
    const failed: FailedExpectation = { actor: actor.name, expectation: expectation.replace(/\.$/, ''), expected, received: receivedBy(actor) };
    throw new ExpectationError(`Expected ${expectation}\n${whatArrived(actor)}\n\n${detail}`, failed);
  }
}
