/**
 * Every MTProto method the embedded Telegram implements, by TL name. Dispatch answers any
 * other method with 400 INPUT_METHOD_INVALID_<NAME> and keeps the connection serving.
 */
import type { HandlerRegistry } from '../handler';
import { accountHandlers } from './account';
import { authHandlers } from './auth';
import { contactsHandlers } from './contacts';
import { helpHandlers } from './help';
import { messagesHandlers } from './messages';
import { reactionsHandlers } from './reactions';
import { updatesHandlers } from './updates';
import { uploadHandlers } from './upload';
import { usersHandlers } from './users';

export function createHandlers(): HandlerRegistry {
  return {
    ...authHandlers,
    ...accountHandlers,
    ...contactsHandlers,
    ...helpHandlers,
    ...messagesHandlers,
    ...reactionsHandlers,
    ...updatesHandlers,
    ...uploadHandlers,
    ...usersHandlers,
  };
}
