/**
 * Which of the bot's texts (src/bot/texts.ts) it produced during a scenario, with the strings it
 * made, so the coverage can tell which reply a message was (see specification.ts). The texts
 * object is observed, not replaced: each function is wrapped to note what it returned, each
 * fixed text gets a getter that notes it was read; every value stays what the bot would see
 * otherwise. Installed once per process (the bot runs in the same process as the scenarios),
 * emptied when a scenario begins.
 */
import { texts } from '../../src/bot/texts';

const produced = new Map<string, Set<string>>();
let installed = false;

function note(key: string, text: unknown): void {
  if (typeof text !== 'string') return;
  let made = produced.get(key);
  if (!made) produced.set(key, (made = new Set()));
  made.add(text);
}

function observe(node: Record<string, unknown>, prefix: string): void {
  for (const name of Object.keys(node)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const value = node[name];
    if (typeof value === 'function') {
      const original = value as (...args: unknown[]) => unknown;
      node[name] = (...args: unknown[]) => {
        const text = original(...args);
        note(key, text);
        return text;
      };
    } else if (typeof value === 'string') {
      Object.defineProperty(node, name, { enumerable: true, configurable: true, get: () => (note(key, value), value) });
    } else if (value !== null && typeof value === 'object') {
      observe(value as Record<string, unknown>, key);
    }
  }
}

/** Starts observing the bot's texts in this process (once). */
export function observeBotTexts(): void {
  if (installed) return;
  installed = true;
  observe(texts as unknown as Record<string, unknown>, '');
}

/** A scenario begins: forget what earlier ones produced. */
export function forgetProducedTexts(): void {
  produced.clear();
}

/** texts.ts key → the strings the bot made under it since the scenario began. */
export function producedTexts(): ReadonlyMap<string, ReadonlySet<string>> {
  return produced;
}
