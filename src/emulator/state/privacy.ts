/**
 * A person's privacy settings, protocol-neutral: which key (what may be done with their
 * account) and an ordered list of rules (who may). Both protocols read them through the state;
 * MTProto's `account.setPrivacy`/`account.getPrivacy` translate them to and from TL.
 *
 * How Telegram applies a list: the rules are matched in order, the first that matches the other
 * person decides, and when none matches the action is not allowed (TDLib's
 * `userPrivacySettingRules`: "Rules are matched in the specified order. The first matched rule
 * defines the privacy setting for a given user. If no rule matches, the action is not allowed.").
 * An account that never set a key has Telegram's default for it.
 *
 * Only the "forwarded messages" key is implemented: it is the one that changes what others see
 * here. Contacts and group chats do not exist in the
 * emulator, so rules about them match nobody.
 */

/** What a setting governs. Telegram has more keys; the emulator keeps the ones it honours. */
export type PrivacyKey = 'forwards';

export type PrivacyRule =
  | { readonly kind: 'allowAll' | 'disallowAll' | 'allowContacts' | 'disallowContacts' }
  | { readonly kind: 'allowUsers' | 'disallowUsers'; readonly userIds: readonly number[] };

/**
 * Telegram's default per key for an account that never changed it: forwards link to the
 * author for everybody ("Forwarded messages: Everybody" in the apps).
 */
export const DEFAULT_PRIVACY: Readonly<Record<PrivacyKey, readonly PrivacyRule[]>> = {
  forwards: [{ kind: 'allowAll' }],
};

/** Whether `rules` let `otherId` do the thing (first matching rule decides; none: not allowed). */
export function privacyAllows(rules: readonly PrivacyRule[], otherId: number): boolean {
  for (const rule of rules) {
    switch (rule.kind) {
      case 'allowAll':
        return true;
      case 'disallowAll':
        return false;
      case 'allowUsers':
        if (rule.userIds.includes(otherId)) return true;
        break;
      case 'disallowUsers':
        if (rule.userIds.includes(otherId)) return false;
        break;
      case 'allowContacts':
      case 'disallowContacts':
        // No one is anyone's contact in the emulator.
        break;
    }
  }
  return false;
}
