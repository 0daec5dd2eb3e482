/**
 * Explains a failed scenario in plain words, for the people who read the living documentation
 * instead of stack traces: "Bob expected 1 photo but received none; the bot said 'The album is
 * empty'". It only formats data the run recorded: the failed expectation (who expected what,
 * and what had arrived: expectation.ts, attached by the assertion's step) and the conversation
 * (its events, attached as JSON). A failure without an expectation (an action that failed, a
 * timeout, a hook) is told by the step's name and the first line of its error.
 *
 * It never hides the technical detail: the report shows that folded below this sentence.
 */
import { stripVTControlCharacters } from 'node:util';
import { BOT, countOf, type ConversationEvent } from './conversation';
import type { FailedExpectation } from './expectation';

export interface FailedStep {
  /** Keyword and text as written, e.g. "Then Bob receives 1 photo"; undefined when a hook failed. */
  step?: string;
  /** Cucumber's status: FAILED, UNDEFINED, AMBIGUOUS, PENDING. */
  status: string;
  /** The error message (ANSI colours and stack are tolerated). */
  message?: string;
  /** Set when a hook failed rather than a step; e.g. "Before". */
  hook?: string;
  /** The expectation that failed, when an assertion failed (attached beside the step). */
  expectation?: FailedExpectation;
}

export function explainFailure(failure: FailedStep, conversation: readonly ConversationEvent[] = []): string {
  const detail = summariseError(failure.message);
  if (failure.hook) {
    return `The scenario could not ${failure.hook.startsWith('After') ? 'clean up' : 'start'}: the ${failure.hook} hook failed${detail ? ` — ${detail}` : ''}.`;
  }
  const step = failure.step ?? 'a step';
  switch (failure.status) {
    case 'UNDEFINED':
      return `No step definition matches "${step}" yet: this step has to be written (cucumber's report shows a snippet).`;
    case 'AMBIGUOUS':
      return `More than one step definition matches "${step}": the wording has to be made unique.`;
    case 'PENDING':
      return `The step "${step}" is marked as pending: it is not implemented yet.`;
  }
  if (failure.expectation) return explainExpectation(step, failure.expectation, conversation);
  const timedOut = /timed? ?out|timeout|did not settle|not settled|still pending/i.test(failure.message ?? '');
  return `${timedOut ? `The bot did not finish in time after "${step}"` : `The step "${step}" failed`}${detail ? `: ${withoutStop(detail)}.` : '.'}`;
}

/** The sentence for a failed expectation, from its data and what the bot said to that person. */
function explainExpectation(step: string, failed: FailedExpectation, conversation: readonly ConversationEvent[]): string {
  const { actor, expected, received } = failed;
  switch (expected.kind) {
    case 'count': {
      const got = expected.of === 'photo' ? received.photos : received.messages;
      const wanted = expected.count === 0 ? `no ${expected.of}s` : countOf(expected.count, expected.of);
      return `${actor} expected ${wanted} but received ${got === 0 ? 'none' : got}${saidTo(actor, conversation, 'always')}.`;
    }
    case 'text':
      return `${actor} expected to be told "${expected.text}"${saidTo(actor, conversation, 'always', ' but')}.`;
    case 'no-text':
      return `${actor} expected no message containing "${expected.text}"${saidTo(actor, conversation, 'always', ' but')}.`;
    case 'nothing':
      return `${actor} expected nothing but received ${received.messages + received.notices.length > 0 ? describeReceived(failed) : 'something'}${saidTo(actor, conversation, 'if-any')}.`;
    case 'other': {
      const said = lastTextTo(actor, conversation);
      return `The step "${step}" failed: expected ${failed.expectation}.${said ? ` The bot last said to ${actor}: '${said}'.` : ` The bot sent ${actor} no text.`}`;
    }
  }
}

function describeReceived({ received }: FailedExpectation): string {
  const parts = [received.messages ? countOf(received.messages, 'message') : '', received.notices.length ? countOf(received.notices.length, 'notice') : ''];
  return parts.filter(Boolean).join(' and ');
}

function withoutStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** "; the bot said 'The album is empty'" — the last text the bot sent this person, if any. */
function saidTo(actor: string, conversation: readonly ConversationEvent[], when: 'always' | 'if-any', lead: '; ' | ' but' = '; '): string {
  const joiner = lead === ' but' ? ' but' : ';';
  const said = lastTextTo(actor, conversation);
  if (!said) return when === 'always' ? `${joiner} the bot sent ${actor} no text at all` : '';
  return `${joiner} the bot said '${said}'`;
}

function lastTextTo(actor: string, conversation: readonly ConversationEvent[]): string | undefined {
  const said = conversation.filter((event) => event.kind === 'message' && event.from === BOT && event.to === actor && event.text?.trim());
  const last = said.at(-1);
  if (!last || last.kind !== 'message') return undefined;
  const text = (last.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/**
 * One line out of an error message: without colours and stack, and for an assertion from
 * `expect`/`assert` the "expected …, received …" pair instead of the matcher's signature.
 */
export function summariseError(message: string | undefined): string {
  if (!message) return '';
  const clean = stripVTControlCharacters(message);
  const lines = clean.split('\n').map((line) => line.trim()).filter((line) => line && !/^at\s/.test(line));
  const expected = lines.find((line) => /^Expected\b[^:]*:/.test(line));
  const received = lines.find((line) => /^Received\b[^:]*:/.test(line));
  if (expected && received) {
    return `${expected.replace(/^Expected\b[^:]*:\s*/, 'expected ')}, ${received.replace(/^Received\b[^:]*:\s*/, 'received ')}`;
  }
  const first = lines.find((line) => !/^(expect\(|AssertionError|Error:?$)/.test(line)) ?? lines[0] ?? '';
  const text = first.replace(/^(?:Assertion)?Error(?: \[[A-Z_]+\])?:\s*/, '');
  return text.length > 240 ? `${text.slice(0, 239)}…` : text;
}
