import { randomBytes, randomInt } from 'node:crypto';
import { BadRequestError } from '../errors';
import type { DiceMedia, GeoPoint, Poll } from './types';

/**
 * The rules of the media that are not files — locations, dice, polls — shared by both
 * protocols. They throw Telegram's RPC error names (messages.sendMedia's documented errors);
 * the Bot API checks its parameters first with TDLib's own wording, as the real Bot API
 * server does in TDLib before a request reaches Telegram.
 */

/** The dice Telegram throws and the highest value of each (core.telegram.org/bots/api#senddice). */
export const DICE_FACES: Readonly<Record<string, number>> = {
  '🎲': 6,
  '🎯': 6,
  '🎳': 6,
  '🏀': 5,
  '⚽': 5,
  '🎰': 64,
};

/** A dice throw: the server chooses the value, uniformly, as Telegram does. EMOTICON_INVALID for other emoji. */
export function throwDice(emoji: string): DiceMedia {
  const key = emoji.replace(/\uFE0F/g, '');
  const faces = DICE_FACES[key];
  if (faces === undefined) throw new BadRequestError('EMOTICON_INVALID', `"${emoji}" is not a dice: use one of ${Object.keys(DICE_FACES).join(' ')}`);
  return { kind: 'dice', emoji: key, value: randomInt(1, faces + 1) };
}

/** Whether a point is on the globe, as TDLib's Location::init decides (finite, |lat| ≤ 90, |long| ≤ 180). */
export function isValidGeoPoint(point: Pick<GeoPoint, 'latitude' | 'longitude'>): boolean {
  const { latitude, longitude } = point;
  return Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
}

export function checkGeoPoint(point: GeoPoint): GeoPoint {
  if (!isValidGeoPoint(point)) throw new BadRequestError('GEO_POINT_INVALID', `${point.latitude}, ${point.longitude} is not a point on the globe`);
  return point;
}

/** Telegram's poll limits: TDLib's MAX_POLL_QUESTION_LENGTH and MAX_POLL_OPTION_LENGTH, the Bot API's 2–12 options. */
export const POLL_LIMITS = { questionLength: 300, optionLength: 100, minOptions: 2, maxOptions: 12 } as const;

export interface NewPoll {
  question: string;
  options: string[];
  /** The options' wire identifiers as a client chose them (MTProto); their indexes otherwise. */
  optionData?: Buffer[];
  anonymous?: boolean;
  quiz?: boolean;
  multipleAnswers?: boolean;
  correctOption?: number;
  explanation?: string;
  openPeriod?: number;
  closeDate?: number;
  closed?: boolean;
}

/** A new poll with no votes, after Telegram's checks (POLL_QUESTION_INVALID, POLL_ANSWERS_INVALID, …). */
export function createPoll(init: NewPoll): Poll {
  const question = init.question.trim();
  if (question === '' || question.length > POLL_LIMITS.questionLength) throw new BadRequestError('POLL_QUESTION_INVALID', `a question has 1 to ${POLL_LIMITS.questionLength} characters`);
  if (init.options.length < POLL_LIMITS.minOptions || init.options.length > POLL_LIMITS.maxOptions) {
    throw new BadRequestError('POLL_ANSWERS_INVALID', `a poll has ${POLL_LIMITS.minOptions} to ${POLL_LIMITS.maxOptions} options`);
  }
  for (const option of init.options) {
    if (option.trim() === '' || option.length > POLL_LIMITS.optionLength) throw new BadRequestError('POLL_OPTION_INVALID', `an option has 1 to ${POLL_LIMITS.optionLength} characters`);
  }
  if (new Set(init.options).size !== init.options.length) throw new BadRequestError('POLL_OPTION_DUPLICATE', 'two options have the same text');
  if (init.optionData && new Set(init.optionData.map((data) => data.toString('hex'))).size !== init.optionData.length) {
    throw new BadRequestError('POLL_OPTION_DUPLICATE', 'two options have the same identifier');
  }
  if (init.quiz) {
    if (init.multipleAnswers) throw new BadRequestError('QUIZ_MULTIPLE_INVALID', 'a quiz has exactly one right answer');
    if (init.correctOption === undefined) throw new BadRequestError('QUIZ_CORRECT_ANSWERS_EMPTY', 'a quiz needs its right answer');
    if (!Number.isInteger(init.correctOption) || init.correctOption < 0 || init.correctOption >= init.options.length) {
      throw new BadRequestError('QUIZ_CORRECT_ANSWER_INVALID', `option ${init.correctOption} does not exist`);
    }
  }
  return {
    id: randomBytes(8).readBigInt64LE() & 0x7fffffffffffffffn,
    question,
    options: init.options.map((text, index) => ({ text, data: init.optionData?.[index] ?? Buffer.from(String(index)), voters: 0 })),
    anonymous: init.anonymous ?? true,
    quiz: init.quiz ?? false,
    multipleAnswers: init.multipleAnswers ?? false,
    ...(init.quiz ? { correctOption: init.correctOption, ...(init.explanation ? { explanation: init.explanation } : {}) } : {}),
    ...(init.openPeriod ? { openPeriod: init.openPeriod } : {}),
    ...(init.closeDate ? { closeDate: init.closeDate } : {}),
    closed: init.closed ?? false,
    votes: new Map(),
  };
}

/** The same question and options as a fresh poll (a copied message gets its own poll; a forward shows the same one). */
export function copyPoll(poll: Poll): Poll {
  return createPoll({
    question: poll.question,
    options: poll.options.map((option) => option.text),
    anonymous: poll.anonymous,
    quiz: poll.quiz,
    multipleAnswers: poll.multipleAnswers,
    correctOption: poll.correctOption,
    explanation: poll.explanation,
  });
}

/** Total voters of a poll: people, not votes (a multiple-answer voter counts once). */
export function totalVoters(poll: Poll): number {
  return poll.votes.size;
}
