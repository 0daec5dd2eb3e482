import type { Account, BotTexts, MenuButton } from './types';

/**
 * A bot's profile as people see it, by language: its name, description and short
 * description (each falling back to the default language; the default name is the bot's
 * own first name), and its menu button (the user's own, else the bot's, else Telegram's default).
 */
export function botTextOf(bot: Account, field: keyof BotTexts, language = ''): string {
  const own = bot.botTexts?.get(language)?.[field];
  if (own !== undefined) return own;
  if (field === 'name') return bot.firstName;
  return bot.botTexts?.get('')?.[field] ?? '';
}

export function menuButtonFor(bot: Account, userId: number): MenuButton {
  return bot.menuButtons?.get(userId) ?? bot.menuButtons?.get(0) ?? { kind: 'default' };
}
