/**
 * Privacy settings between TL (`InputPrivacyKey*`, `InputPrivacyValue*`, `PrivacyValue*`) and the
 * state's protocol-neutral rules. Keys and rules the emulator does not model are refused with
 * Telegram's own error names rather than stored and silently ignored.
 */
import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import type { PrivacyKey, PrivacyRule, TelegramState } from '../../state';
import { toLong } from './long';
import { resolveInputUser } from './peers';

/** The state's key for a TL `InputPrivacyKey`; PRIVACY_KEY_INVALID for the ones not modelled. */
export function privacyKeyFromTl(key: unknown): PrivacyKey {
  if (key instanceof Api.InputPrivacyKeyForwards) return 'forwards';
  const name = (key as { className?: string } | undefined)?.className ?? 'no key';
  throw new BadRequestError('PRIVACY_KEY_INVALID', `${name}: the emulator implements only inputPrivacyKeyForwards`);
}

/** The state's rules for TL `InputPrivacyRule`s; users are resolved as `viewerId` sees them. */
export function privacyRulesFromTl(state: TelegramState, viewerId: number, rules: readonly unknown[]): PrivacyRule[] {
  return rules.map((rule): PrivacyRule => {
    if (rule instanceof Api.InputPrivacyValueAllowAll) return { kind: 'allowAll' };
    if (rule instanceof Api.InputPrivacyValueDisallowAll) return { kind: 'disallowAll' };
    if (rule instanceof Api.InputPrivacyValueAllowContacts) return { kind: 'allowContacts' };
    if (rule instanceof Api.InputPrivacyValueDisallowContacts) return { kind: 'disallowContacts' };
    if (rule instanceof Api.InputPrivacyValueAllowUsers || rule instanceof Api.InputPrivacyValueDisallowUsers) {
      const userIds = rule.users.map((user) => resolveInputUser(state, viewerId, user).id);
      return { kind: rule instanceof Api.InputPrivacyValueAllowUsers ? 'allowUsers' : 'disallowUsers', userIds };
    }
    const name = (rule as { className?: string } | undefined)?.className ?? 'no rule';
    throw new BadRequestError('PRIVACY_VALUE_INVALID', `${name}: the emulator has no group chats, close friends, Premium or bot rules`);
  });
}

/** TL `account.PrivacyRules`: the rules, with the users they name. */
export function privacyRulesToTl(rules: readonly PrivacyRule[], users: (ids: number[]) => Api.TypeUser[]): Api.account.PrivacyRules {
  const named = new Set<number>();
  const tl = rules.map((rule): Api.TypePrivacyRule => {
    switch (rule.kind) {
      case 'allowAll':
        return new Api.PrivacyValueAllowAll();
      case 'disallowAll':
        return new Api.PrivacyValueDisallowAll();
      case 'allowContacts':
        return new Api.PrivacyValueAllowContacts();
      case 'disallowContacts':
        return new Api.PrivacyValueDisallowContacts();
      case 'allowUsers':
      case 'disallowUsers': {
        for (const id of rule.userIds) named.add(id);
        const ids = rule.userIds.map(toLong);
        return rule.kind === 'allowUsers' ? new Api.PrivacyValueAllowUsers({ users: ids }) : new Api.PrivacyValueDisallowUsers({ users: ids });
      }
    }
  });
  return new Api.account.PrivacyRules({ rules: tl, chats: [], users: users([...named]) });
}
