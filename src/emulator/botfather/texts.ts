/**
 * @BotFather's replies, word for word as the real one sends them. None is written here: each
 * is quoted from a public record of a real conversation, named beside it. Where a reply has
 * a part no record quotes, that part is left out rather than made up.
 */

/**
 * /start and /help. Quoted from a chat with @BotFather copied into a public setup guide (a
 * Japanese Telegram-bot walkthrough on GitHub, "/start" → this reply), down to the end of its
 * "Bot Settings" block; the sections after it (Games, …) are left out: the emulator's
 * @BotFather serves none of them.
 */
export const HELP = `I can help you create and manage Telegram bots. If you're new to the Bot API, please see the manual (https://core.telegram.org/bots).

You can control me by sending these commands:

/newbot - create a new bot
/mybots - edit your bots [beta]

Edit Bots
/setname - change a bot's name
/setdescription - change bot description
/setabouttext - change bot about info
/setuserpic - change bot profile photo
/setcommands - change the list of commands
/deletebot - delete a bot

Bot Settings
/token - generate authorization token
/revoke - revoke bot access token
/setinline - toggle inline mode (https://core.telegram.org/bots/inline)
/setinlinegeo - toggle inline location requests (https://core.telegram.org/bots/inline#location-based-results)
/setinlinefeedback - change inline feedback (https://core.telegram.org/bots/inline#collecting-feedback) settings
/setjoingroups - can your bot be added to groups?
/setprivacy - toggle privacy mode (https://core.telegram.org/bots#privacy-mode) in groups`;

// ── /newbot ──────────────────────────────────────────────────────────────────────────────────
// The dialogue as a real chat export shows it (github.com/s3rgeym/feedback-tgbot README, 22 Aug
// 2024: /newbot → name → username refused for not ending in "bot" → accepted → "Done!…"), and
// as InfluxData's Chronograf guide to Telegram alerts quotes the two prompts.

export const ASK_NAME = 'Alright, a new bot. How are we going to call it? Please choose a name for your bot.';

export const ASK_USERNAME = "Good. Now let's choose a username for your bot. It must end in `bot`. Like this, for example: TetrisBot or tetris_bot.";

export const USERNAME_MUST_END_IN_BOT = "Sorry, the username must end in 'bot'. E.g. 'Tetris_bot' or 'Tetrisbot'";

/** Quoted by scripts that drive @BotFather and match its refusals (e.g. a PHP bot factory's FAIL_ANSWERS list). */
export const USERNAME_TAKEN = 'Sorry, this username is already taken. Please try something different.';

/** As RuslanUC/piltover (an open-source Telegram server) has @BotFather refuse a malformed username. */
export const USERNAME_INVALID = 'Sorry, this username is invalid.';

/** As RuslanUC/piltover has @BotFather refuse a name over 64 characters. */
export const NAME_INVALID = "Sorry, this isn't a proper name for a bot.";

/** The reply to /newbot at the limit of 20 bots, as Lonami/father-cli matches its start and a userbot script quotes it whole. */
export const TOO_MANY_BOTS = `That I cannot do.

You come to me asking for more than 20 bots. But you don't ask with respect. You don't offer friendship. You don't even think to call me Botfather.`;

/** The "Done!" message of the chat export above, with the new bot's username and token in place. */
export function botCreated(username: string, token: string): string {
  return `Done! Congratulations on your new bot. You will find it at t.me/${username}. You can now add a description, about section and profile picture for your bot, see /help for a list of commands. By the way, when you've finished creating your cool bot, ping our Bot Support if you want a better username for it. Just make sure the bot is fully operational before you do this.

Use this token to access the HTTP API:
${token}
Keep your token secure and store it safely, it can be used by anyone to control your bot.

For a description of the Bot API, see this page: https://core.telegram.org/bots/api`;
}

// ── choosing one of one's bots: /mybots, /token, /revoke, /deletebot ────────────────────────

/** Lonami/father-cli's NO_BOTS_MESSAGE (its parser matches @BotFather's reply to a user without bots). */
export const NO_BOTS = 'You have currently no bots';

/** /mybots with bots, above an inline button per bot (scripts reading the list match this, e.g. a gotd-based bot manager's test). */
export const CHOOSE_FROM_LIST = 'Choose a bot from the list below:';

/** A bot pressed in /mybots (the message is edited into this), as BotFather-cloning bots on GitHub reproduce it: "Here it is: P2P Bot @mrkt.\nWhat do you want to do with the bot?". */
export function botCard(name: string, username: string): string {
  return `Here it is: ${name} @${username}.\nWhat do you want to do with the bot?`;
}

/** "API Token" pressed on a bot's card, as RuslanUC/piltover renders it. */
export function tokenCard(name: string, username: string, token: string): string {
  return `Here is the token for bot ${name} @${username}:\n\n${token}`;
}

/** /token: scripts that fetch tokens wait for exactly this before sending "@username". */
export const CHOOSE_FOR_TOKEN = 'Choose a bot to generate a new token.';

/** The answer to /token and a bot's username, as setup guides quote it (e.g. a Home Assistant-style Telegram guide, step "Send /token to @BotFather"). */
export function tokenOf(token: string): string {
  return `You can use this token to access HTTP API:\n${token}\n\nFor a description of the Bot API, see this page: https://core.telegram.org/bots/api`;
}

/** /revoke, as README walkthroughs quote it ("On message: Choose a bot to generate a new token. Warning: your old token will stop working."). */
export const CHOOSE_FOR_REVOKE = 'Choose a bot to generate a new token. Warning: your old token will stop working.';

/** The answer to /revoke and a bot's username, as people paste it (the part every copy has: the sentence and the token). */
export function tokenRevoked(token: string): string {
  return `Your token was replaced with a new one. You can use this token to access HTTP API:\n${token}`;
}

/** /deletebot; the Telethon deletion script of a public repository answers each step by matching these. */
export const CHOOSE_FOR_DELETE = 'Choose a bot to delete.';

export const DELETE_CONFIRMATION_PHRASE = 'Yes, I am totally sure.';

export function confirmDeletion(username: string): string {
  return `OK, you selected @${username}. Are you sure?\n\nSend '${DELETE_CONFIRMATION_PHRASE}' to confirm you really want to delete this bot.`;
}

export const CONFIRMATION_MISMATCH = `Please enter the confirmation text exactly like this:\n${DELETE_CONFIRMATION_PHRASE}\n\nType /cancel to cancel the operation.`;

export const BOT_DELETED = 'Done! The bot is gone. /help';

/** A username that is not one of the user's bots, as scripts driving /token and /revoke match it. */
export const INVALID_BOT_SELECTED = 'Invalid bot selected.';

// ── anything else ────────────────────────────────────────────────────────────────────────────

/** /cancel with a command under way, as bots that copy @BotFather's /cancel reproduce it. */
export function cancelled(command: string): string {
  return `The command /${command} has been cancelled. Anything else I can do for you?\n\nSend /help for a list of commands.`;
}

export const NOTHING_TO_CANCEL = "No active command to cancel. I wasn't doing anything anyway. Zzzzz...";

/** Text that is no command and answers no question, as a PHP bot factory's FAIL_ANSWERS list has it. */
export const UNRECOGNIZED = 'Unrecognized command. Say what?';
