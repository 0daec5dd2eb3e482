export * from './types';
export { TelegramState, isFileMedia, isStandardReaction } from './state';
export type { StateEvents, StateOptions, NewMessage, MessageChanges } from './state';
export { DEFAULT_UPLOAD_PARTS_BUDGET_BYTES } from './state';
export { checkMediaBudget, DEFAULT_MEDIA_BUDGET_BYTES, type MediaUsage } from './media-store';
export { checkUploadPartsTtl, DEFAULT_UPLOAD_PARTS_TTL_MS } from './upload-parts';
export {
  LIMITS, USERNAME_PATTERN, checkBotUsername, checkCaption, checkMessageText, checkModified, checkNewUsername, isUsernameShaped, withoutAt,
} from './rules';
export type { MessageContent } from './rules';
export { randomLong } from './ids';
export { unixNow } from './clock';
export { Faults } from './faults';
export { detectEntities } from './entities';
export { processPhoto, checkPhotoDimensions, boxesFor, PHOTO_BOXES, PHOTO_DIMENSION_LIMITS } from './photo-processing';
export { largestSize, sizeOfType } from './photo-sizes';
export { commandScopeKey } from './bot-commands';
export type { CommandScope } from './bot-commands';
export type { PrivacyKey, PrivacyRule } from './privacy';
export { DEFAULT_DC, TEST_DC_IDS, homeDcOfPhone } from './dcs';
export { UpdateJournal } from './update-journal';
export type { JournalEntry } from './update-journal';
export { checkGeoPoint, copyPoll, createPoll, DICE_FACES, isValidGeoPoint, type NewPoll, POLL_LIMITS, throwDice, totalVoters } from './media-content';
export { botTextOf, menuButtonFor } from './bot-profile';
