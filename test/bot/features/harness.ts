/**
 * Drives the real bot with `bot.handleUpdate(update)`: grammY's API calls are intercepted by a
 * transformer that records them and answers with fake results (no Telegram), and `botInfo` is
 * given so no `getMe` is needed. The database is real (see ../database.ts).
 */
import type { Pool } from 'pg';
import type { Update, UserFromGetMe, Message } from 'grammy/types';
import { createBot } from '../../../src/bot';
import type { Logger } from '../../../src/bot/context';

export const BOT_INFO = {
  id: 424242,
  is_bot: true,
  first_name: 'Family Album',
  username: 'family_album_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export interface Call {
  method: string;
  payload: Record<string, any>;
}

export interface Person {
  id: number;
  first_name: string;
  username?: string;
}

export const alice: Person = { id: 1001, first_name: 'Alice', username: 'alice' };
export const bob: Person = { id: 1002, first_name: 'Bob' };
export const carol: Person = { id: 1003, first_name: 'Carol' };
export const dave: Person = { id: 1004, first_name: 'Dave' };

export class TestBot {
  readonly calls: Call[] = [];
  readonly errors: string[] = [];
  /** Chats whose sends fail as if the person blocked the bot. */
  readonly blocked = new Set<number>();
  private nextUpdateId = 1;
  private nextMessageId = 1;
  readonly bot;

  constructor(db: Pool, options: { inviteTtlMs?: number } = {}) {
    const logger: Logger = {
      error: (message) => this.errors.push(message),
      warn: () => undefined,
    };
    this.bot = createBot({ token: '424242:TEST-token-for-unit-tests-only', db, botInfo: BOT_INFO, logger, inviteTtlMs: options.inviteTtlMs });
    this.bot.api.config.use(async (_prev, method, payload) => {
      const call = { method, payload: payload as Record<string, any> };
      this.calls.push(call);
      const chatId = Number(call.payload.chat_id);
      if (this.blocked.has(chatId)) {
        return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as any;
      }
      return { ok: true, result: this.fakeResult(method, call.payload) } as any;
    });
  }

  private fakeResult(method: string, payload: Record<string, any>): unknown {
    if (method.startsWith('send')) {
      return { message_id: this.nextMessageId++, date: 0, chat: { id: payload.chat_id, type: 'private' }, text: payload.text };
    }
    if (method === 'editMessageText') return { message_id: payload.message_id, date: 0, chat: { id: payload.chat_id, type: 'private' }, text: payload.text };
    return true;
  }

  /** Handles one update and returns the API calls it caused. */
  async handle(update: Omit<Update, 'update_id'>): Promise<Call[]> {
    const before = this.calls.length;
    await this.bot.handleUpdate({ update_id: this.nextUpdateId++, ...update } as Update);
    return this.calls.slice(before);
  }

  private message(from: Person, fields: Partial<Message>): Omit<Update, 'update_id'> {
    return {
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from: { is_bot: false, ...from },
        ...fields,
      } as Message & Update.NonChannel,
    };
  }

  text(from: Person, text: string): Promise<Call[]> {
    const command = /^\/\w+/.exec(text);
    return this.handle(this.message(from, { text, entities: command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined } as Partial<Message>));
  }

  photo(from: Person, options: { fileId?: string; mediaGroupId?: string; caption?: string } = {}): Promise<Call[]> {
    const fileId = options.fileId ?? `photo-${this.nextMessageId}`;
    return this.handle(
      this.message(from, {
        photo: [
          { file_id: `${fileId}-small`, file_unique_id: `${fileId}-u-small`, width: 90, height: 90 },
          { file_id: fileId, file_unique_id: `${fileId}-u`, width: 800, height: 600 },
        ],
        media_group_id: options.mediaGroupId,
        caption: options.caption,
      } as Partial<Message>),
    );
  }

  other(from: Person, fields: Record<string, unknown>): Promise<Call[]> {
    return this.handle(this.message(from, fields as Partial<Message>));
  }

  forward(from: Person, origin: Record<string, unknown>, text = 'hello'): Promise<Call[]> {
    return this.handle(this.message(from, { text, forward_origin: { date: 0, ...origin } } as Partial<Message>));
  }

  forwardFrom(from: Person, author: Person): Promise<Call[]> {
    return this.forward(from, { type: 'user', sender_user: { is_bot: false, ...author } });
  }

  press(from: Person, data: string, message: { chatId: number; messageId: number } = { chatId: from.id, messageId: 1 }): Promise<Call[]> {
    return this.handle({
      callback_query: {
        id: `cb-${this.nextUpdateId}`,
        from: { is_bot: false, ...from },
        chat_instance: 'ci',
        data,
        message: { message_id: message.messageId, date: 0, chat: { id: message.chatId, type: 'private', first_name: from.first_name }, text: 'request' },
      },
    } as Omit<Update, 'update_id'>);
  }

  /** The owner's Allow/Deny prompt among `calls`, with its callback data. */
  static joinPrompt(calls: Call[]): { chatId: number; text: string; allow: string; deny: string } | undefined {
    const call = calls.find((c) => c.method === 'sendMessage' && c.payload.reply_markup?.inline_keyboard);
    if (!call) return undefined;
    const [allow, deny] = call.payload.reply_markup.inline_keyboard[0];
    return { chatId: call.payload.chat_id, text: call.payload.text, allow: allow.callback_data, deny: deny.callback_data };
  }
}

/** `[method, chat_id, text|caption]` of each call, for compact assertions. */
export function summary(calls: Call[]): Array<[string, number | undefined, string | undefined]> {
  return calls.map((call) => [call.method, call.payload.chat_id, call.payload.text ?? call.payload.caption]);
}
