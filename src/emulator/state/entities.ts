import { USERNAME_PATTERN } from './rules';
import type { MessageEntity } from './types';

/**
 * Finds the entities Telegram's server derives from plain text sent by a user client:
 * bot commands, @mentions, URLs, e-mails, hashtags. Clients send text without them, yet a bot
 * sees `bot_command` entities (grammY's `bot.command()` matches on them), so the emulator
 * must parse them as the real server does.
 */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const [type, pattern] of DETECTORS) {
    for (const match of text.matchAll(pattern)) {
      const lead = match[1] ?? '';
      const offset = (match.index ?? 0) + lead.length;
      const length = match[0].length - lead.length;
      if (!found.some((e) => offset < e.offset + e.length && e.offset < offset + length)) {
        found.push({ type, offset, length });
      }
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

// Each pattern's first group is the boundary before the entity (start or a non-word char).
const DETECTORS: ReadonlyArray<[MessageEntity['type'], RegExp]> = [
  ['bot_command', new RegExp(String.raw`(^|[\s(])\/[A-Za-z0-9_]{1,64}(?:@${USERNAME_PATTERN})?(?![A-Za-z0-9_@/])`, 'g')],
  ['url', /(^|[\s(])(?:https?:\/\/|t\.me\/)[^\s]+/g],
  ['email', /(^|[\s(])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  ['mention', new RegExp(String.raw`(^|[\s(])@${USERNAME_PATTERN}(?![A-Za-z0-9_])`, 'g')],
  ['hashtag', /(^|[\s(])#[\p{L}\p{N}_]+/gu],
];
