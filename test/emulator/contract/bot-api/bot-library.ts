/**
 * What the Bot API behaviour suite asks of a bot library: one adapter per library, each using
 * only that library's public API and configured only through its public options (its API root),
 * so the suite runs unchanged against every library.
 */
export interface ReceivedText {
  chatId: number;
  fromId: number;
  messageId: number;
  text: string;
}

export interface ReceivedPress {
  id: string;
  fromId: number;
  messageId: number;
  data: string;
}

export interface BotLibraryHandlers {
  onText(message: ReceivedText): void;
  onPress(press: ReceivedPress): void;
  /** A polling error the library reports (the suite fails the case waiting for an update). */
  onError(error: Error): void;
}

export interface BotLibraryBot {
  getMe(): Promise<{ id: number; username: string; isBot: boolean }>;
  /** Starts long polling (getUpdates) and resolves once the library has begun; updates go to `handlers`. */
  startPolling(handlers: BotLibraryHandlers): Promise<void>;
  /** Sends `text` with one inline callback button; returns the message id. */
  sendMessageWithButton(chatId: number, text: string, button: { text: string; data: string }): Promise<number>;
  answerCallbackQuery(id: string, text: string): Promise<void>;
  /** Uploads a photo from bytes; returns the message id and the file id of its largest size. */
  sendPhoto(chatId: number, bytes: Buffer): Promise<{ messageId: number; fileId: string }>;
  /** getFile, then the bytes from the library's file URL. */
  download(fileId: string): Promise<Buffer>;
  editMessageText(chatId: number, messageId: number, text: string): Promise<void>;
  /** Stops polling and lets every request of the library end. */
  stop(): Promise<void>;
}

export interface BotLibraryFactory {
  readonly name: string;
  create(token: string, apiRoot: string): BotLibraryBot;
}

/** The bytes at a file URL the library built (Node's fetch: the libraries only build the URL). */
export async function fetchBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.replace(/bot[^/]+/, 'bot<token>')} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
