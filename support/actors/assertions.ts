/**
 * Assertions in the words of the features. `expect` does the comparing; when it fails, the
 * error leads with what the feature expected and what the person received — the sentence a
 * product owner reads in the report — and keeps expect's own diff below it for the developer.
 */
import { stripVTControlCharacters } from 'node:util';
import type { Actor } from './actor';
import { textOf } from './questions';

export class ExpectationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectationError';
  }
}

/** What `actor` received since the actions began, one line per message. */
export function whatArrived(actor: Actor): string {
  const entries = actor.inbox.changedSinceMark();
  if (entries.length === 0) return `${actor.name} received nothing.`;
  return [`${actor.name} received:`, ...entries.map((entry) => `  - ${entry.message.photo ? '[photo] ' : ''}${JSON.stringify(textOf(entry))}${entry.edits ? ' (edited)' : ''}`)].join('\n');
}

/**
 * Runs `assertion` (one or more `expect(…)` calls). On failure throws an ExpectationError:
 * "Expected <expectation>", what `actor` received, then expect's message.
 */
export function check(actor: Actor, expectation: string, assertion: () => void): void {
  try {
    assertion();
  } catch (error) {
    const detail = error instanceof Error ? stripVTControlCharacters(error.message) : String(error);
    throw new ExpectationError(`Expected ${expectation}\n${whatArrived(actor)}\n\n${detail}`);
  }
}
