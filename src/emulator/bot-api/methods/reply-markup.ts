import type { InlineButton, KeyboardButton, ReplyMarkup, SwitchInlineTarget } from '../../state';
import { LIMITS } from '../../state';
import { badRequest, type BotApiError } from '../errors';
import type { MethodContext } from './context';

/**
 * `reply_markup` as the state's ReplyMarkup, read as Telegram's Bot API server reads it
 * (tdlib/telegram-bot-api Client.cpp `get_reply_markup`, `get_inline_keyboard_button_type`;
 * TDLib td/telegram/ReplyMarkup.cpp `get_reply_markup` for what happens next):
 *
 * - every inline button kind: url, callback_data, callback_game, pay, switch_inline_query,
 *   switch_inline_query_chosen_chat, switch_inline_query_current_chat, login_url, web_app,
 *   copy_text — tried in that order, so the first present kind wins; an empty url or
 *   callback_data counts as absent;
 * - a button with empty text is dropped, and so is a row left empty; at most 12 buttons a row
 *   and 300 in all are kept; a keyboard left with no button is no keyboard at all;
 * - a JSON field of the wrong type is refused with the JSON reader's own words
 *   ('Field "web_app" must be of type Object'), prefixed as the server prefixes them.
 *
 * Everything is checked before the state is touched, so a refused markup changes nothing.
 */

const MARKUP_ERROR = "can't parse reply keyboard markup JSON object";

const ROW_LIMIT = 12;
const TOTAL_LIMIT = 300;

/** `reply_markup` as the state's ReplyMarkup; `inlineOnly` for edits, which take only inline keyboards. */
export function replyMarkup(ctx: MethodContext, inlineOnly = false): ReplyMarkup | undefined {
  const value = ctx.params.json('reply_markup', MARKUP_ERROR);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('object expected as reply markup');
  const markup = value as Record<string, unknown>;
  // The server reads both keyboards, then picks: a reply keyboard, an inline one, removal, force reply, or none.
  const keyboard = 'keyboard' in markup ? keep(rowsOf(markup.keyboard, 'ReplyKeyboardMarkup', 'keyboard'), keyboardButton) : [];
  const inline = 'inline_keyboard' in markup ? keep(rowsOf(markup.inline_keyboard, 'InlineKeyboardMarkup', 'inline_keyboard'), (button) => inlineButton(ctx, button)) : [];
  const selective = markup.selective === true ? { selective: true as const } : {};
  const placeholder = typeof markup.input_field_placeholder === 'string' ? { placeholder: markup.input_field_placeholder } : {};
  let result: ReplyMarkup | undefined;
  if (keyboard.length > 0) {
    result = {
      kind: 'keyboard',
      rows: keyboard,
      ...(markup.resize_keyboard === true ? { resize: true } : {}),
      ...(markup.one_time_keyboard === true ? { oneTime: true } : {}),
      ...(markup.is_persistent === true ? { persistent: true } : {}),
      ...selective,
      ...placeholder,
    };
  } else if (inline.length > 0) {
    result = { kind: 'inline', rows: inline };
  } else if (markup.remove_keyboard === true || markup.hide_keyboard === true) {
    result = { kind: 'remove', ...selective };
  } else if (markup.force_reply === true) {
    result = { kind: 'force_reply', ...selective, ...placeholder };
  }
  if (inlineOnly && result !== undefined && result.kind !== 'inline') throw badRequest('inline keyboard expected');
  return result;
}

function rowsOf(value: unknown, typeName: string, field: string): unknown[][] {
  if (!Array.isArray(value) || !value.every(Array.isArray)) throw badRequest(`field "${field}" of the ${typeName} must be an Array of Arrays`);
  return value as unknown[][];
}

/** Parses every button, then keeps what TDLib keeps: non-empty texts, ≤ 12 a row, ≤ 300 in all, no empty rows. */
function keep<T extends { text: string }>(rows: unknown[][], parse: (button: unknown) => T): T[][] {
  const parsed = rows.map((row) => row.map(parse));
  const kept: T[][] = [];
  let total = 0;
  for (const row of parsed) {
    const buttons = row.filter((button) => button.text !== '').slice(0, ROW_LIMIT).slice(0, TOTAL_LIMIT - total);
    total += buttons.length;
    if (buttons.length > 0) kept.push(buttons);
    if (total >= TOTAL_LIMIT) break;
  }
  return kept;
}

function inlineButton(ctx: MethodContext, value: unknown): InlineButton {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw buttonError('InlineKeyboardButton must be an Object');
  const button = value as Record<string, unknown>;
  const text = requiredString(button, 'text');

  const url = optionalString(button, 'url');
  if (url) {
    if (!/^(https?|tg):\/\/\S+$/i.test(url)) throw badRequest('BUTTON_URL_INVALID');
    return { text, url };
  }
  const callbackData = optionalString(button, 'callback_data');
  if (callbackData) {
    const data = Buffer.from(callbackData, 'utf8');
    if (data.length > LIMITS.callbackDataBytes) throw badRequest('BUTTON_DATA_INVALID');
    return { text, callbackData: data };
  }
  if ('callback_game' in button) return { text, callbackGame: true };
  if ('pay' in button) return { text, pay: true };
  if ('switch_inline_query' in button) {
    return { text, switchInline: { query: requiredString(button, 'switch_inline_query'), currentChat: false } };
  }
  if ('switch_inline_query_chosen_chat' in button) {
    return { text, switchInline: chosenChat(requiredObject(button, 'switch_inline_query_chosen_chat')) };
  }
  if ('switch_inline_query_current_chat' in button) {
    return { text, switchInline: { query: requiredString(button, 'switch_inline_query_current_chat'), currentChat: true } };
  }
  if ('login_url' in button) return { text, loginUrl: loginUrl(ctx, requiredObject(button, 'login_url')) };
  if ('web_app' in button) {
    const webAppUrl = requiredString(requiredObject(button, 'web_app'), 'url');
    checkHttpLink(webAppUrl, 'Web App ');
    return { text, webAppUrl };
  }
  if ('copy_text' in button) return { text, copyText: requiredString(requiredObject(button, 'copy_text'), 'text') };
  throw buttonError('Text buttons are unallowed in the inline keyboard');
}

/** switch_inline_query_chosen_chat; TDLib refuses one that allows no chat type at all. */
function chosenChat(object: Record<string, unknown>): SwitchInlineTarget {
  const chatTypes = {
    users: optionalBoolean(object, 'allow_user_chats'),
    bots: optionalBoolean(object, 'allow_bot_chats'),
    groups: optionalBoolean(object, 'allow_group_chats'),
    channels: optionalBoolean(object, 'allow_channel_chats'),
  };
  const query = optionalString(object, 'query') ?? '';
  if (!Object.values(chatTypes).some(Boolean)) throw badRequest('at least one chat type must be allowed');
  return { query, currentChat: false, chatTypes };
}

/**
 * login_url: the logging-in bot is this one unless `bot_username` names another (which must
 * exist: "bot "name" not found"); its domain must be set (@BotFather's /setdomain) or
 * Telegram answers BOT_DOMAIN_INVALID (telegraf/telegraf#793, yagop/node-telegram-bot-api#1090).
 */
function loginUrl(ctx: MethodContext, object: Record<string, unknown>): NonNullable<InlineButton['loginUrl']> {
  const url = requiredString(object, 'url');
  const username = (optionalString(object, 'bot_username') ?? '').replace(/^@/, '');
  const requestWriteAccess = optionalBoolean(object, 'request_write_access');
  const forwardText = optionalString(object, 'forward_text') || undefined;
  if (optionalString(object, 'bot_username') !== undefined && (username === '' || !/^[A-Za-z0-9_]+$/.test(username))) {
    throw buttonError('LoginUrl bot username is invalid');
  }
  checkHttpLink(url, 'login ');
  const bot = username === '' ? ctx.bot : ctx.state.findByUsername(username);
  if (!bot?.isBot) throw badRequest(`bot "${username}" not found`);
  const host = new URL(url).hostname.toLowerCase();
  if (!bot.loginDomain || host !== bot.loginDomain.toLowerCase()) throw badRequest('BOT_DOMAIN_INVALID');
  return { url, botId: bot.id, requestWriteAccess, ...(forwardText ? { forwardText } : {}) };
}

/**
 * Web App and login URLs must be http(s) links (TDLib LinkManager::check_link with http_only;
 * the test DC also accepts plain http, as here). The wording is TDLib's for a tg: link.
 */
function checkHttpLink(url: string, kind: string): void {
  if (!/^https?:\/\/[^\s/?#]+/i.test(url)) throw badRequest(`inline keyboard button ${kind}URL '${url}' is invalid: Only HTTP links are allowed`);
}

function keyboardButton(value: unknown): KeyboardButton {
  if (typeof value === 'string') return { text: value };
  const button = value as Record<string, unknown>;
  if (typeof button !== 'object' || button === null || Array.isArray(button)) throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
  if (typeof button.text !== 'string') throw badRequest(`can't parse keyboard button: ${'text' in button ? 'Field "text" must be of type String' : 'Can\'t find field "text"'}`);
  return { text: button.text };
}

// ── the JSON reader's checks (td/tdutils JsonObject), as the Bot API server words them ─────

function buttonError(reason: string): BotApiError {
  return badRequest(`can't parse inline keyboard button: ${reason}`);
}

function requiredString(object: Record<string, unknown>, name: string): string {
  if (!(name in object)) throw buttonError(`Can't find field "${name}"`);
  const value = object[name];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw buttonError(`Field "${name}" must be of type String`);
  return value;
}

function optionalString(object: Record<string, unknown>, name: string): string | undefined {
  return name in object ? requiredString(object, name) : undefined;
}

function optionalBoolean(object: Record<string, unknown>, name: string): boolean {
  if (!(name in object)) return false;
  const value = object[name];
  if (typeof value !== 'boolean') throw buttonError(`Field "${name}" must be of type Boolean`);
  return value;
}

function requiredObject(object: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = object[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw buttonError(`Field "${name}" must be of type Object`);
  return value as Record<string, unknown>;
}
