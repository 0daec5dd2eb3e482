export * from './types';
export { TelegramState, LIMITS } from './state';
export type { StateEvents, NewMessage, MessageChanges } from './state';
export { Faults } from './faults';
export { detectEntities } from './entities';
export { imageSize } from './image-size';
export { commandScopeKey } from './bot-commands';
export type { CommandScope } from './bot-commands';
export type { PrivacyKey, PrivacyRule } from './privacy';
