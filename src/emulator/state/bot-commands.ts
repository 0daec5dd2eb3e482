/**
 * Where a bot's command list applies (Bot API BotCommandScope / MTProto BotCommandScope),
 * protocol-neutral. `Account.botCommands` is keyed by `commandScopeKey(scope, languageCode)`
 * so both protocols read and write the same lists.
 */
export type CommandScope =
  | { kind: 'default' | 'all_private_chats' | 'all_group_chats' | 'all_chat_administrators' }
  | { kind: 'chat' | 'chat_administrators'; chatId: number }
  | { kind: 'chat_member'; chatId: number; userId: number };

/** The key of a command list: scope, its chat and user, and the two-letter language ('' for all). */
export function commandScopeKey(scope: CommandScope, languageCode = ''): string {
  const chatId = 'chatId' in scope ? scope.chatId : '';
  const userId = 'userId' in scope ? scope.userId : '';
  return `${scope.kind}:${chatId}:${userId}:${languageCode}`;
}
