/**
 * The embedded Telegram's HTTP Bot API: start it over a TelegramState and point any Bot API
 * client at `apiRoot` (grammY: `new Bot(token, { client: { apiRoot } })`).
 */
export { startBotApiServer } from './server';
export type { BotApiServer, BotApiServerOptions } from './server';
export { BotApiError } from './errors';
export { fileIdOf, fileUniqueIdOf, decodeFileId } from './file-ids';
