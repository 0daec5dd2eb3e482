/**
 * Closing a GramJS client completely.
 *
 * GramJS 2.26's `disconnect()` walks its maps of exported senders (the extra connections it
 * opens for uploads and downloads) with `Object.values`, which sees nothing in a `Map`: those
 * connections stay open, and each one's 30-second release timer keeps Node alive after the run.
 * We close them ourselves, then destroy the client. Reaches into two fields GramJS marks
 * `@hidden`; if a GramJS upgrade renames them this does nothing and the client still closes.
 */
import type { TelegramClient } from 'telegram';

interface ExportedSenders {
  _exportedSenderPromises?: Map<number, Promise<{ disconnect(): Promise<void> } | undefined>>;
  _exportedSenderReleaseTimeouts?: Map<number, NodeJS.Timeout>;
}

export async function closeClient(client: TelegramClient): Promise<void> {
  const internals = client as unknown as ExportedSenders;
  if (internals._exportedSenderReleaseTimeouts instanceof Map) {
    for (const timer of internals._exportedSenderReleaseTimeouts.values()) clearTimeout(timer);
    internals._exportedSenderReleaseTimeouts.clear();
  }
  if (internals._exportedSenderPromises instanceof Map) {
    const senders = [...internals._exportedSenderPromises.values()];
    internals._exportedSenderPromises.clear();
    await Promise.allSettled(senders.map(async (sender) => (await sender)?.disconnect()));
  }
  await client.destroy();
}
