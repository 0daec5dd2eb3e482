/**
 * Explains a failed scenario in plain words, for the people who read the living documentation
 * instead of stack traces: "Bob expected 1 photo but received none; the bot said 'The album is
 * empty'". It reads the failed step's own words (the product language of the features), the
 * error message (the settle barrier's diagnostic or an assertion's), and the conversation.
 *
 * It never hides the technical detail: the report shows that folded below this sentence.
 */
import { BOT, countOf } from './conversation';
import type { TranscriptLine } from './render-text';

export interface FailedStep {
  /** Keyword and text as written, e.g. "Then Bob receives 1 photo"; undefined when a hook failed. */
  step?: string;
  /** Cucumber's status: FAILED, UNDEFINED, AMBIGUOUS, PENDING. */
  status: string;
  /** The error message (ANSI colours and stack are tolerated). */
  message?: string;
  /** Set when a hook failed rather than a step; e.g. "Before". */
  hook?: string;
}

const NUMBER_WORDS: Record<string, number> = { no: 0, none: 0, zero: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "(Then) Bob receives 2 photos", "user A receives no messages", "Carol gets a photo". */
const RECEIVES_COUNT = /^(?:(?:Given|When|Then|And|But|\*)\s+)?(.+?)\s+(?:receives?|gets?|should (?:receive|get))\s+(no|none|zero|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:more\s+|new\s+)?(photo|picture|image|message|reply|replie|text)s?\b/i;
/** "Bob receives nothing", "Bob receives no reply". */
const RECEIVES_NOTHING = /^(?:(?:Given|When|Then|And|But|\*)\s+)?(.+?)\s+(?:receives?|gets?)\s+nothing\b/i;
/** "Bob receives a message containing "Welcome"", "Bob is told "…"", "Bob's last message from the bot says "…"". */
const RECEIVES_TEXT = /^(.+?)(?:'s last message from the bot says|\s+(?:receives?|gets?)\s+(?:an?\s+|the\s+)?(?:message|reply|text)\s+(?:containing|saying|that says)|\s+is told|\s+sees the notice)\s+"([^"]+)"/i;
/** "Bob receives no message containing "…"". */
const RECEIVES_NO_TEXT = /^(.+?)\s+(?:receives?|gets?)\s+no\s+(?:message|reply|text)\s+(?:containing|saying)\s+"([^"]+)"/i;

export function explainFailure(failure: FailedStep, conversation: readonly TranscriptLine[] = []): string {
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

  const bodyOfStep = stripKeyword(step);
  const timedOut = /timed? ?out|timeout|did not settle|not settled|still pending/i.test(failure.message ?? '');
  const unwanted = bodyOfStep.match(RECEIVES_NO_TEXT);
  const wanted = unwanted ? null : bodyOfStep.match(RECEIVES_TEXT);
  const count = wanted || unwanted ? null : bodyOfStep.match(RECEIVES_COUNT);
  const nothing = bodyOfStep.match(RECEIVES_NOTHING);
  let sentence: string | undefined;
  if (unwanted) {
    const actor = unwanted[1];
    sentence = `${actor} expected no message containing "${unwanted[2]}"${saidTo(actor, conversation, true, 'but')}`;
  } else if (wanted) {
    const actor = wanted[1];
    sentence = `${actor} expected to be told "${wanted[2]}"${saidTo(actor, conversation, true, 'but')}`;
  } else if (count) {
    const actor = count[1];
    const expected = NUMBER_WORDS[count[2].toLowerCase()] ?? Number(count[2]);
    const noun = normaliseNoun(count[3]);
    const received = receivedCount(failure.message, noun === 'photo' ? photosTo(actor, conversation) : messagesTo(actor, conversation).length);
    const receivedWords = received === undefined ? 'a different number' : received === 0 ? 'none' : String(received);
    sentence = `${actor} expected ${expected === 0 ? `no ${noun}s` : countOf(expected, noun)} but received ${receivedWords}`;
    sentence += saidTo(actor, conversation, true);
  } else if (nothing) {
    const actor = nothing[1];
    sentence = `${actor} expected nothing but received something${saidTo(actor, conversation, false)}`;
  }
  if (sentence) {
    return `${sentence}.${timedOut ? ` The bot did not finish in time${detail ? `: ${withoutStop(detail)}` : ''}.` : ''}`;
  }

  let explanation = timedOut ? `The bot did not finish in time after "${step}"` : `The step "${step}" failed`;
  explanation += detail ? `: ${withoutStop(detail)}.` : '.';
  const actor = conversationActorIn(bodyOfStep, conversation);
  if (actor) {
    const said = lastTextTo(actor, conversation);
    explanation += said ? ` The bot last said to ${actor}: '${said}'.` : ` The bot sent ${actor} no text.`;
  }
  return explanation;
}

function withoutStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/**
 * How many arrived, as the assertion saw it ("…, not 2", "Received length: 0"): the transcript
 * covers the whole scenario while "Then" steps count from the start of the actions, so the
 * transcript's count is used only when it is zero (then it is zero for any part of it).
 */
function receivedCount(message: string | undefined, inTranscript: number): number | undefined {
  const text = withoutColours(message ?? '');
  const stated = text.match(/,? not (\d+)\b/) ?? text.match(/Received(?: length)?:\s*(\d+)/) ?? text.match(/received (\d+)\b/i);
  if (stated) return Number(stated[1]);
  return inTranscript === 0 ? 0 : undefined;
}

function stripKeyword(step: string): string {
  return step.replace(/^(?:Given|When|Then|And|But|\*)\s+/, '');
}

function normaliseNoun(noun: string): 'photo' | 'message' {
  return /photo|picture|image/i.test(noun) ? 'photo' : 'message';
}

function messagesTo(actor: string, conversation: readonly TranscriptLine[]): TranscriptLine[] {
  return conversation.filter((line) => line.kind === 'message' && line.from === BOT && sameName(line.to, actor));
}

function photosTo(actor: string, conversation: readonly TranscriptLine[]): number {
  return messagesTo(actor, conversation).reduce((sum, line) => sum + line.photoCount, 0);
}

/** "; the bot said 'The album is empty'" — the last text the bot sent this actor, if any. */
function saidTo(actor: string, conversation: readonly TranscriptLine[], always: boolean, joiner: ';' | 'but' = ';'): string {
  const lead = joiner === 'but' ? ' but' : ';';
  const said = lastTextTo(actor, conversation);
  if (!said) return always ? `${lead} the bot sent ${actor} no text at all` : '';
  return `${lead} the bot said '${said}'`;
}

function lastTextTo(actor: string, conversation: readonly TranscriptLine[]): string | undefined {
  const said = messagesTo(actor, conversation).filter((line) => line.text.trim());
  if (said.length === 0) return undefined;
  const last = said[said.length - 1].text.replace(/\s+/g, ' ').trim();
  return last.length > 140 ? `${last.slice(0, 139)}…` : last;
}

function sameName(a: string | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}

/** The first person of the conversation whose name the step mentions. */
function conversationActorIn(step: string, conversation: readonly TranscriptLine[]): string | undefined {
  const names = new Set(conversation.flatMap((line) => [line.from, line.to, line.by]).filter((n): n is string => !!n && n !== BOT));
  return [...names].find((name) => new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(step));
}

/**
 * One line out of an error message: without colours and stack, and for an assertion from
 * `expect`/`assert` the "expected …, received …" pair instead of the matcher's signature.
 */
export function summariseError(message: string | undefined): string {
  if (!message) return '';
  const clean = withoutColours(message);
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

/** The text without the terminal's colour codes (ESC [ … m) that assertion libraries add. */
function withoutColours(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
