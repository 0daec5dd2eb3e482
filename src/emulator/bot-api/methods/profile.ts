import { type Account, botTextOf, type BotTexts, type MenuButton, menuButtonFor } from '../../state';
import { badRequest } from '../errors';
import { type Method, type MethodContext } from './context';

/**
 * What people see of the bot beyond its messages: its name, description and short
 * description per language (setMyName, setMyDescription, setMyShortDescription and their
 * get… forms), the chat menu button (setChatMenuButton / getChatMenuButton), and profile
 * photos (getUserProfilePhotos). Read as tdlib/telegram-bot-api Client.cpp reads them; the
 * texts reach users over MTProto in users.getFullUser (bot_info.description, about). The
 * documented lengths (name ≤ 64, description ≤ 512, short description ≤ 120) are enforced by
 * Telegram's servers with errors not published anywhere we could check, so they are not checked here.
 */

const TEXT_FIELDS = {
  name: 'name',
  description: 'description',
  shortDescription: 'short_description',
} as const;

function setText(field: keyof BotTexts): Method {
  return (ctx) => {
    const language = languageOf(ctx);
    const value = ctx.params.string(TEXT_FIELDS[field]) ?? '';
    const texts = (ctx.bot.botTexts ??= new Map());
    if (field === 'name' && language === '') {
      // The default name is the bot's own name; an empty one leaves it as it is.
      if (value !== '') ctx.bot.firstName = value;
      return true;
    }
    const entry = { ...texts.get(language) };
    if (value === '') delete entry[field];
    else entry[field] = value;
    if (Object.keys(entry).length === 0) texts.delete(language);
    else texts.set(language, entry);
    return true;
  };
}

function getText(field: keyof BotTexts): Method {
  return (ctx) => ({ [TEXT_FIELDS[field]]: botTextOf(ctx.bot, field, languageOf(ctx)) });
}

/** language_code: empty (the default) or a two-letter ISO 639-1 code. */
function languageOf(ctx: MethodContext): string {
  const language = ctx.params.string('language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  return language;
}

export const setMyName = setText('name');
export const getMyName = getText('name');
export const setMyDescription = setText('description');
export const getMyDescription = getText('description');
export const setMyShortDescription = setText('shortDescription');
export const getMyShortDescription = getText('shortDescription');

// ── the menu button ───────────────────────────────────────────────────────────────────────

/**
 * setChatMenuButton: for one user (chat_id) or everyone; an absent menu_button resets it to
 * the default (Client::get_bot_menu_button).
 */
export const setChatMenuButton: Method = (ctx) => {
  const button = menuButtonOf(ctx);
  const target = ctx.params.has('chat_id') ? knownUser(ctx, 'chat_id').id : 0;
  const buttons = (ctx.bot.menuButtons ??= new Map());
  if (button.kind === 'default') buttons.delete(target);
  else buttons.set(target, button);
  return true;
};

export const getChatMenuButton: Method = (ctx) => {
  const target = ctx.params.has('chat_id') ? knownUser(ctx, 'chat_id').id : 0;
  return menuButtonJson(menuButtonFor(ctx.bot, target));
};

function menuButtonJson(button: MenuButton): Record<string, unknown> {
  if (button.kind === 'web_app') return { type: 'web_app', text: button.text, web_app: { url: button.url } };
  return { type: button.kind };
}

function menuButtonOf(ctx: MethodContext): MenuButton {
  const fail = (reason: string) => badRequest(`can't parse menu button: ${reason}`);
  const value = ctx.params.json('menu_button', "can't parse menu button JSON object");
  if (value === undefined) return { kind: 'default' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('MenuButton must be an Object');
  const object = value as Record<string, unknown>;
  const stringField = (holder: Record<string, unknown>, name: string): string => {
    if (!(name in holder)) throw fail(`Can't find field "${name}"`);
    const field = holder[name];
    if (typeof field === 'number') return String(field);
    if (typeof field !== 'string') throw fail(`Field "${name}" must be of type String`);
    return field;
  };
  const type = stringField(object, 'type');
  if (type === 'default' || type === 'commands') return { kind: type };
  if (type === 'web_app') {
    const text = stringField(object, 'text');
    const webApp = object.web_app;
    if (typeof webApp !== 'object' || webApp === null || Array.isArray(webApp)) throw fail('Field "web_app" must be of type Object');
    return { kind: 'web_app', text, url: stringField(webApp as Record<string, unknown>, 'url') };
  }
  throw fail('MenuButton has unsupported type');
}

/**
 * A user the bot may know, by id (Client::get_user_id: "Invalid user_id specified" unless a
 * positive number; check_user: "user not found" unless the user exists and has met the bot).
 */
function knownUser(ctx: MethodContext, name: string): Account {
  const raw = ctx.params.string(name) ?? '';
  const id = /^\s*\d+/.test(raw) ? Number(/\d+/.exec(raw)![0]) : 0;
  if (!(id > 0)) throw badRequest(`invalid ${name} specified`);
  const user = ctx.state.findAccount(id);
  if (!user || user.isBot || !ctx.state.hasConversation(user.id, ctx.bot.id)) throw badRequest('user not found');
  return user;
}

// ── profile photos ────────────────────────────────────────────────────────────────────────

/**
 * A person's profile photos: people in the embedded Telegram have none (photos.uploadProfilePhoto
 * is not served), so the answer is an empty list; offset and limit are read and clamped
 * (0…, 1–100) as the server reads them.
 */
export const getUserProfilePhotos: Method = (ctx) => {
  knownUser(ctx, 'user_id');
  ctx.params.clampedInteger('offset', 0, 2 ** 31 - 1);
  ctx.params.clampedInteger('limit', 1, 100, 100);
  return { total_count: 0, photos: [] };
};
