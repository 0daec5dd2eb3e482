import { Api } from 'telegram';
import type { Account } from '../../state';
import { toLong } from './long';

/**
 * An account as a viewer sees it (TL `User`). The viewer's own account carries `self` and its
 * phone number; everyone else's phone stays private, as on Telegram without contacts.
 * Bots carry `bot` and a `botInfoVersion`, which tells GramJS it may ask for their commands.
 */
export function userToTl(account: Account, viewerId: number | undefined): Api.User {
  const self = account.id === viewerId;
  return new Api.User({
    id: toLong(account.id),
    self,
    bot: account.isBot || undefined,
    botNochats: account.isBot || undefined,
    botInfoVersion: account.isBot ? 1 : undefined,
    accessHash: toLong(account.accessHash),
    firstName: account.firstName,
    lastName: account.lastName || undefined,
    username: account.username,
    phone: self ? account.phone : undefined,
    status: account.isBot ? undefined : new Api.UserStatusRecently({}),
  });
}
