/**
 * Reading @BotFather's replies by their shape, not their wording (which Telegram changes):
 * the token is "<bot id>:<35 url-safe characters>" (https://core.telegram.org/bots/api#authorizing-your-bot,
 * "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"), and the username is the one we asked for.
 */

/** A Bot API token standing alone in a text. */
const TOKEN = /(?<![\w:-])(\d{5,}:[A-Za-z0-9_-]{35})(?![\w-])/;

/** The bot token in a reply of @BotFather, or undefined when it holds none (a question, a refusal). */
export function tokenInReply(text: string): string | undefined {
  return TOKEN.exec(text)?.[1];
}

/**
 * A bot username for worker `worker` of this machine: 5–32 characters of a–z, 0–9 and "_",
 * starting with a letter and ending in "bot", as @BotFather demands
 * (https://core.telegram.org/bots/features#creating-a-new-bot). `salt` makes it unique on the
 * shared test DC; a second try after "taken" uses another salt.
 */
export function botUsername(worker: number, salt: string): string {
  const clean = salt.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12);
  return `family_album_${clean}_w${worker}_bot`.slice(0, 32);
}

/** BotFather gave no token: say what it answered (no secret there) and the way around it. */
export class BotFatherRefusedError extends Error {
  /**
   * `reply`: its last message; `newbotReply`: its answer to /newbot, where a refusal such as
   * the limit of bots per account comes (the rest of the dialogue then falls on deaf ears).
   */
  constructor(readonly reply: string, readonly newbotReply: string = reply) {
    const quote = (text: string) => `"${text.replace(/\s+/g, ' ').trim().slice(0, 300)}"`;
    super(
      `@BotFather did not make a bot; it answered /newbot with ${quote(newbotReply)}${newbotReply === reply ? '' : ` and ended with ${quote(reply)}`}. ` +
        'If it is the limit of bots per account ("too many bots"), delete old ones (/deletebot) or make them by hand with the test DC\'s @BotFather and set ' +
        'TEST_DC_BOT_TOKENS and TEST_DC_BOT_USERNAMES (one per parallel worker, comma-separated).',
    );
    this.name = 'BotFatherRefusedError';
  }
}
