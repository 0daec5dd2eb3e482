/**
 * What the bot can say and offer, for the living documentation's coverage: every reply text of
 * `src/bot/texts.ts`, every command (the menu of `src/bot/commands.ts`, and /start), every
 * button; and, per scenario, which of them it showed.
 *
 * A scenario "shows" a reply when a text the bot produced while it ran (`texts-spy.ts`) is part
 * of something the bot sent, edited or answered a button with; a command when a person sent it;
 * a button when a person pressed it (an inline button, or a keyboard button, which sends its
 * label). The record travels with the scenario as a JSON attachment, so a report built later from
 * saved messages, or merged from several shards, counts the same.
 */
import { COMMANDS } from '../../src/bot/commands';
import { texts } from '../../src/bot/texts';
import { BOT, type ConversationEvent } from './render/conversation';

/** The attachment that carries a scenario's record (cucumber message attachment). */
export const SHOWS_ATTACHMENT = { fileName: 'shows.json', mediaType: 'application/json' } as const;

/** What one scenario showed: keys of texts.ts, commands without "/", button labels. */
export interface Shows {
  replies: string[];
  commands: string[];
  buttons: string[];
  /** One text the bot actually sent for each reply shown (a sample of a text made from facts). */
  samples: Record<string, string>;
}

export interface Specification {
  /** texts.ts keys ("photos.saved") with the text itself where it is fixed. */
  replies: Array<{ key: string; text?: string }>;
  commands: Array<{ command: string; description: string }>;
  buttons: Array<{ label: string; key: string }>;
}

/**
 * Keys of texts.ts that are button labels rather than replies: the keyboard's, and the `…Button`
 * labels (a label is no sentence: `fallback.unknownButton`, the notice about a stale button, is a reply).
 */
function isButton(key: string, value: unknown): boolean {
  return typeof value === 'string' && (key.startsWith('keyboard.') || (/Button$/.test(key) && !/[.!?]$/.test(value)));
}

/** Every leaf of texts.ts, by dotted key, in the order the file lists them. */
export function textEntries(): Array<{ key: string; value: unknown }> {
  const entries: Array<{ key: string; value: unknown }> = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const name of Object.keys(node)) {
      const value = node[name];
      const key = prefix ? `${prefix}.${name}` : name;
      if (value !== null && typeof value === 'object') walk(value as Record<string, unknown>, key);
      else entries.push({ key, value });
    }
  };
  walk(texts as unknown as Record<string, unknown>, '');
  return entries;
}

let listed: Specification | undefined;

/** What the bot can say and offer (listed once per process: texts.ts and the menu do not change while it runs). */
export function specification(): Specification {
  return (listed ??= listSpecification());
}

function listSpecification(): Specification {
  const entries = textEntries();
  return {
    replies: entries.filter((entry) => !isButton(entry.key, entry.value)).map((entry) => (typeof entry.value === 'string' ? { key: entry.key, text: entry.value } : { key: entry.key })),
    commands: [{ command: 'start', description: 'Start the bot (Telegram\'s Start button; also opened invitation links)' }, ...COMMANDS],
    buttons: entries.filter((entry) => isButton(entry.key, entry.value)).map((entry) => ({ label: entry.value as string, key: entry.key })),
  };
}

/**
 * What a scenario showed, from its conversation and the texts the bot produced meanwhile
 * (`produced`: texts.ts key → every string made under it).
 */
export function showsOf(events: readonly ConversationEvent[], produced: ReadonlyMap<string, ReadonlySet<string>>): Shows {
  const spec = specification();
  const fromBot = events.flatMap((event) => {
    if (event.kind === 'message' && event.from === BOT) return [event.text ?? ''];
    if (event.kind === 'edit' || event.kind === 'note') return [event.text ?? ''];
    return [];
  });
  const replies: string[] = [];
  const samples: Record<string, string> = {};
  for (const { key } of spec.replies) {
    for (const made of produced.get(key) ?? []) {
      if (made.trim() && fromBot.some((text) => text.includes(made))) {
        replies.push(key);
        samples[key] = made;
        break;
      }
    }
  }
  const fromPeople = events.flatMap((event) => (event.kind === 'message' && event.to === BOT && !event.forwardedFrom ? [event.text ?? ''] : []));
  const sentCommands = new Set(fromPeople.flatMap((text) => /^\/([a-z_]+)(?:@\S+)?(?:\s|$)/.exec(text)?.[1] ?? []));
  const commands = spec.commands.map((c) => c.command).filter((command) => sentCommands.has(command));
  const pressed = new Set([...events.flatMap((event) => (event.kind === 'press' ? [event.button] : [])), ...fromPeople]);
  const buttons = spec.buttons.map((b) => b.label).filter((label) => pressed.has(label));
  return { replies, commands, buttons, samples };
}
