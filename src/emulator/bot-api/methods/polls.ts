import { TelegramError } from '../../errors';
import { createPoll, POLL_LIMITS } from '../../state';
import { pollJson } from '../content-json';
import { badRequest, fromTelegramError, messageNotFound } from '../errors';
import { type Method, type MethodContext, requireChat, requireMessage } from './context';
import { replyMarkup, replyTarget } from './content';
import { checkCanWrite } from './media';
import { send } from './messages';

/**
 * Polls and quizzes: sendPoll reads its parameters as tdlib/telegram-bot-api Client.cpp does
 * (process_send_poll_query, get_input_poll_options) and checks them with TDLib's own words
 * (td/telegram/MessageContent.cpp: "Poll question must be non-empty", "Poll must have at least
 * 2 option", "Poll can't have more than 12 options", …); stopPoll closes one and answers it.
 */

export const sendPoll: Method = (ctx) => {
  const question = ctx.params.string('question') ?? '';
  const options = pollOptions(ctx);
  const type = ctx.params.string('type') ?? '';
  if (type !== '' && type !== 'regular' && type !== 'quiz') throw badRequest('unsupported poll type specified');
  const quiz = type === 'quiz';
  if (question === '') throw badRequest('poll question must be non-empty');
  if (question.length > POLL_LIMITS.questionLength) throw badRequest(`poll question length must not exceed ${POLL_LIMITS.questionLength}`);
  if (options.length < POLL_LIMITS.minOptions) throw badRequest('poll must have at least 2 option');
  if (options.length > POLL_LIMITS.maxOptions) throw badRequest(`poll can't have more than ${POLL_LIMITS.maxOptions} options`);
  if (options.some((option) => option === '')) throw badRequest('poll options must be non-empty');
  if (options.some((option) => option.length > POLL_LIMITS.optionLength)) throw badRequest(`poll options length must not exceed ${POLL_LIMITS.optionLength}`);
  const openPeriod = ctx.params.clampedInteger('open_period', 0, 2628000);
  const closeDate = ctx.params.clampedInteger('close_date', -(2 ** 31), 2 ** 31 - 1);

  const chat = requireChat(ctx);
  const replyToBoxId = replyTarget(ctx, chat);
  const markup = replyMarkup(ctx);
  checkCanWrite(ctx, chat);
  const poll = fromState(() => createPoll({
    question,
    options,
    anonymous: ctx.params.boolean('is_anonymous') ?? true,
    quiz,
    multipleAnswers: ctx.params.boolean('allows_multiple_answers') ?? false,
    correctOption: quiz ? correctOption(ctx) : undefined,
    explanation: quiz ? ctx.params.string('explanation') || undefined : undefined,
    ...(openPeriod > 0 ? { openPeriod, closeDate: Math.floor(Date.now() / 1000) + openPeriod } : closeDate > 0 ? { closeDate } : {}),
    closed: ctx.params.boolean('is_closed') ?? false,
  }));
  return send(ctx, chat, { media: { kind: 'poll', poll }, replyMarkup: markup, replyToBoxId });
};

/** Closes a poll the bot sent and answers the final Poll. */
export const stopPoll: Method = (ctx) => {
  const chat = requireChat(ctx);
  const messageId = ctx.params.integer('message_id');
  let message;
  try {
    message = requireMessage(ctx, chat, messageId, 'edit');
  } catch {
    throw badRequest('message with poll to stop not found');
  }
  const markup = replyMarkup(ctx, true);
  const boxId = ctx.state.boxIdOf(message, ctx.bot.id)!;
  const closed = fromState(() => ctx.state.closePoll(ctx.bot.id, boxId), {
    MEDIA_INVALID: 'message is not a poll',
    POLL_ALREADY_CLOSED: 'poll has already been closed',
    MESSAGE_AUTHOR_REQUIRED: "poll can't be stopped",
  });
  if (markup !== undefined) fromState(() => ctx.state.editMessage(ctx.bot.id, boxId, { replyMarkup: markup }));
  if (closed.media?.kind !== 'poll') throw messageNotFound('edit');
  return pollJson(closed.media.poll);
};

/** options: a JSON array of strings (or of InputPollOption objects with a text). */
function pollOptions(ctx: MethodContext): string[] {
  const raw = ctx.params.raw('options');
  let value: unknown = raw;
  if (typeof raw === 'string' || raw === undefined || raw === null) {
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : '');
    } catch {
      throw badRequest("can't parse options JSON object");
    }
  }
  if (!Array.isArray(value)) throw badRequest('expected an Array of String as options');
  return value.map((option) => {
    if (typeof option === 'string') return option;
    if (typeof option === 'object' && option !== null && !Array.isArray(option)) {
      const text = (option as Record<string, unknown>).text;
      if (typeof text === 'string') return text;
      if (typeof text === 'number') return String(text);
      throw badRequest(text === undefined ? 'Can\'t find field "text"' : 'Field "text" must be of type String');
    }
    throw badRequest('expected an option to be of type String');
  });
}

/** correct_option_ids (a JSON array, Bot API 10) or correct_option_id; a quiz has exactly one here. */
function correctOption(ctx: MethodContext): number | undefined {
  const list = ctx.params.json('correct_option_ids', "can't parse correct option identifiers JSON object");
  if (list !== undefined) {
    if (!Array.isArray(list)) throw badRequest('expected an Array of correct option identifiers');
    if (list.some((id) => typeof id !== 'number')) throw badRequest('correct option identifier must be of type Number');
    return list[0] as number | undefined;
  }
  if (ctx.params.raw('correct_option_id') === undefined) return undefined;
  return ctx.params.clampedInteger('correct_option_id', -(2 ** 31), 2 ** 31 - 1, -1);
}

/** Runs a state call; its RPC errors become Bot API errors, with `descriptions` where TDLib words them its own way. */
function fromState<T>(call: () => T, descriptions: Record<string, string> = {}): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof TelegramError) {
      const own = descriptions[error.errorMessage];
      throw own ? badRequest(own) : fromTelegramError(error);
    }
    throw error;
  }
}
