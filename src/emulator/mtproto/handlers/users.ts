/** users.*: looking accounts up, and a bot's profile with its command list. */
import { Api } from 'telegram';
import { botTextOf, commandScopeKey, menuButtonFor, type Account, type BotCommand, type MenuButton } from '../../state';
import { resolveInputUser, toLong, userToTl } from '../convert';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';

/** The users asked for, in order; ones that do not resolve are left out, as Telegram does. */
function getUsers(ctx: RequestContext, request: Api.users.GetUsers): Api.User[] {
  const viewer = signedInAccount(ctx);
  const found: Api.User[] = [];
  for (const input of request.id ?? []) {
    try {
      found.push(userToTl(resolveInputUser(ctx.state, viewer.id, input), viewer.id));
    } catch {
      // Unknown users are omitted from the vector.
    }
  }
  return found;
}

function getFullUser(ctx: RequestContext, request: Api.users.GetFullUser): Api.users.UserFull {
  const viewer = signedInAccount(ctx);
  const account = resolveInputUser(ctx.state, viewer.id, request.id);
  const fullUser = new Api.UserFull({
    id: toLong(account.id),
    settings: new Api.PeerSettings({}),
    notifySettings: new Api.PeerNotifySettings({}),
    commonChatsCount: 0,
    blocked: ctx.state.isBlocked(viewer.id, account.id) || undefined,
    // A bot's short description is its profile's about text; its description, the "What can this bot do?" text.
    about: account.isBot ? botTextOf(account, 'shortDescription') || undefined : undefined,
    botInfo: account.isBot
      ? new Api.BotInfo({
          userId: toLong(account.id),
          description: botTextOf(account, 'description'),
          commands: commandsFor(account, viewer.id).map((c) => new Api.BotCommand({ command: c.command, description: c.description })),
          menuButton: menuButtonToTl(menuButtonFor(account, viewer.id)),
        })
      : undefined,
  });
  return new Api.users.UserFull({ fullUser, chats: [], users: [userToTl(account, viewer.id)] });
}

function menuButtonToTl(button: MenuButton): Api.TypeBotMenuButton {
  if (button.kind === 'web_app') return new Api.BotMenuButton({ text: button.text, url: button.url });
  return button.kind === 'commands' ? new Api.BotMenuButtonCommands() : new Api.BotMenuButtonDefault();
}

/**
 * The commands a user sees in a private chat with the bot: the most specific scope that has
 * a list wins (this chat, then all private chats, then the default), as Telegram resolves them.
 */
function commandsFor(bot: Account, userId: number): BotCommand[] {
  const keys = [
    commandScopeKey({ kind: 'chat', chatId: userId }),
    commandScopeKey({ kind: 'all_private_chats' }),
    commandScopeKey({ kind: 'default' }),
  ];
  for (const key of keys) {
    const commands = bot.botCommands.get(key);
    if (commands) return commands;
  }
  return [];
}

export const usersHandlers: HandlerRegistry = {
  'users.GetUsers': getUsers,
  'users.GetFullUser': getFullUser,
};
