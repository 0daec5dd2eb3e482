/**
 * Assertions in the words of the features: when one fails, it says what the person received,
 * so a product owner can read the failure too.
 */
import type { Actor } from './actors/actor';
import { textOf } from './actors/questions';

export class ExpectationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectationError';
  }
}

/** What `actor` received since the actions began, one line per message. */
export function whatArrived(actor: Actor): string {
  const entries = actor.telegram.inbox.changedSinceMark();
  if (entries.length === 0) return `${actor.name} received nothing.`;
  return [`${actor.name} received:`, ...entries.map((entry) => `  - ${entry.message.photo ? '[photo] ' : ''}${JSON.stringify(textOf(entry))}${entry.edits ? ' (edited)' : ''}`)].join('\n');
}

export function check(condition: boolean, actor: Actor, expectation: string): void {
  if (!condition) throw new ExpectationError(`Expected ${expectation}\n${whatArrived(actor)}`);
}
