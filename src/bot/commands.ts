/**
 * The bot's commands as Telegram's command menu lists them (`setMyCommands` in main.ts), in
 * the order people see them. /start is not listed: Telegram shows its own Start button.
 */
export const COMMANDS = [
  { command: 'photo', description: 'A random photo from the album' },
  { command: 'count', description: 'How many photos the album has' },
  { command: 'members', description: 'Who is in the family' },
  { command: 'invite', description: 'A link to invite someone' },
  { command: 'leave', description: 'Leave the family' },
  { command: 'handover', description: 'Give your album to the longest-standing member' },
  { command: 'help', description: 'What this bot does' },
] as const;
