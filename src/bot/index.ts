/**
 * The Family Album bot: `createBot` builds it on a database pool; `migrate` prepares a schema
 * for it; `texts` is everything it says.
 */
export { createBot, type CreateBotOptions } from './bot';
export { migrate, type MigrateOptions } from './db/migrate';
export { createRepositories, type Repositories } from './db/repositories';
export { texts } from './texts';
export type { AlbumContext, AlbumFlavor, Logger } from './context';
