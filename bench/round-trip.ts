/**
 * Round trip: a GramJS user sends the real Family Album bot a message, the bot (grammY, long
 * polling the embedded Bot API, on its own PostgreSQL schema) answers, and the answer arrives
 * at the user's `NewMessage` handler. Sequential: each message waits for its answer, so every
 * sample is one undisturbed round trip. p50/p95/p99 over ≥ 500 (50 in quick mode).
 *
 * Where the time goes, from timestamps taken on one clock (`process.hrtime`, all parts live in
 * this process, as in a suite worker):
 *
 *   t0 user calls sendMessage                 ┐ MTProto in (client → emulator state)
 *   t1 state stores the user's message        ┘
 *                                             ┐ Bot API in (long poll wakes, HTTP, JSON)
 *   t2 bot's getUpdates returns the update    ┘
 *                                             ┐ bot (its handler, its SQL)
 *   t3 bot calls sendMessage/sendPhoto/…      ┘
 *                                             ┐ Bot API out (HTTP request → state)
 *   t4 state stores the bot's message         ┘
 *                                             ┐ MTProto out (push → client decode → handler)
 *   t5 the user's NewMessage handler runs     ┘
 *
 * MTProto share = (t1−t0) + (t5−t4); Bot API share = (t2−t1) + (t4−t3); bot = t3−t2.
 * t1 and t4 hook the state's `message` events; t2 and t3 a grammY API transformer on the bot.
 */
import type { Pool } from 'pg';
import type { Transformer } from 'grammy';
import { NewMessage, type NewMessageEvent } from 'telegram/events';
import { createBot } from '../src/bot';
import { startEmulator } from '../src/emulator';
import { createEmulatorClient } from '../src/emulator/gramjs';
import { createSchema, poolForSchema, startEmbeddedPostgres } from '../support/database';
import { migrate } from '../src/bot/db/migrate';
import { endpointOf, signUp } from './login';
import type { BenchOptions, BenchResult } from './report';
import { summarize } from './stats';

/** What the user sends each time: a command the bot always answers with one message. */
export const PROMPT = '/help';

const now = () => process.hrtime.bigint();
const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

interface Marks {
  t0?: bigint; t1?: bigint; t2?: bigint; t3?: bigint; t4?: bigint; t5?: bigint;
}

/** The bot's outgoing methods that put a message in a chat. */
const SENDS = new Set(['sendMessage', 'sendPhoto', 'sendMediaGroup', 'sendDocument', 'copyMessage', 'forwardMessage']);

export async function runRoundTrip({ quick, log }: BenchOptions): Promise<BenchResult> {
  const count = quick ? 50 : 500;
  const warmUp = quick ? 10 : 50;
  const database = await startEmbeddedPostgres();
  const emulator = await startEmulator();
  const endpoint = endpointOf(emulator);
  let db: Pool | undefined;
  const client = createEmulatorClient(endpoint);
  let stopBot: (() => Promise<void>) | undefined;
  try {
    const admin = poolForSchema(database.url, 'public', { max: 1 });
    await createSchema(admin, 'bench_round_trip');
    await admin.end();
    db = poolForSchema(database.url, 'bench_round_trip');
    await migrate(db);

    const handle = emulator.control.createBot({ username: 'family_album_bench_bot', firstName: 'Family Album' });
    const bot = createBot({ token: handle.token, db, apiRoot: emulator.botApiRoot, environment: 'test' });
    let marks: Marks = {};
    const timing: Transformer = async (prev, method, payload, signal) => {
      if (SENDS.has(method)) marks.t3 ??= now();
      const result = await prev(method, payload, signal);
      if (method === 'getUpdates' && Array.isArray((result as { result?: unknown[] }).result) && (result as { result: unknown[] }).result.length) {
        marks.t2 ??= now();
      }
      return result;
    };
    bot.api.config.use(timing);
    await new Promise<void>((started, failed) => {
      bot.start({ onStart: () => started() }).catch(failed);
    });
    stopBot = () => bot.stop();

    const me = await signUp(client, endpoint, 1);
    const userId = Number(me.id);
    emulator.state.on('message', ({ message }) => {
      if (message.senderId === userId && message.recipientId === handle.id) marks.t1 ??= now();
      else if (message.senderId === handle.id && message.recipientId === userId) marks.t4 ??= now();
    });
    let arrived: (() => void) | undefined;
    client.addEventHandler((_event: NewMessageEvent) => {
      marks.t5 ??= now();
      arrived?.();
    }, new NewMessage({ incoming: true }));

    const samples = { total: [] as number[], mtproto: [] as number[], botApi: [] as number[], bot: [] as number[], mtprotoIn: [] as number[], mtprotoOut: [] as number[], botApiIn: [] as number[], botApiOut: [] as number[] };
    for (let i = 0; i < warmUp + count; i++) {
      marks = {};
      const reply = new Promise<void>((done) => (arrived = done));
      marks.t0 = now();
      await client.sendMessage(handle.username, { message: PROMPT });
      await reply;
      const { t0, t1, t2, t3, t4, t5 } = marks as Required<Marks>;
      if (i < warmUp) continue;
      if (!t1 || !t2 || !t3 || !t4 || !t5) throw new Error(`round trip ${i}: a timestamp is missing (${Object.keys(marks).join(', ')})`);
      samples.total.push(ms(t0, t5));
      samples.mtprotoIn.push(ms(t0, t1));
      samples.mtprotoOut.push(ms(t4, t5));
      samples.botApiIn.push(ms(t1, t2));
      samples.botApiOut.push(ms(t3, t4));
      samples.mtproto.push(ms(t0, t1) + ms(t4, t5));
      samples.botApi.push(ms(t1, t2) + ms(t3, t4));
      samples.bot.push(ms(t2, t3));
    }
    const stats = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, summarize(values)]));
    const total = stats.total!;
    log(`round trip: ${count} messages "${PROMPT}" after ${warmUp} warm-up`);
    return {
      name: 'round-trip',
      figures: [
        {
          key: 'round_trip_p50_ms', label: `round trip p50 (n=${count})`, value: total.p50, unit: 'ms', target: { op: '<=', value: 2 },
          why: `of the p50, MTProto ${stats.mtproto!.p50.toFixed(2)} ms (GramJS encoding and decoding included), Bot API ${stats.botApi!.p50.toFixed(2)} ms, the bot's handler ${stats.bot!.p50.toFixed(2)} ms`,
        },
        { key: 'round_trip_p95_ms', label: 'round trip p95', value: total.p95, unit: 'ms' },
        { key: 'round_trip_p99_ms', label: 'round trip p99', value: total.p99, unit: 'ms' },
        { key: 'round_trip_mtproto_p50_ms', label: 'MTProto share p50 (in + out)', value: stats.mtproto!.p50, unit: 'ms' },
        { key: 'round_trip_bot_api_p50_ms', label: 'Bot API share p50 (in + out)', value: stats.botApi!.p50, unit: 'ms' },
        { key: 'round_trip_bot_p50_ms', label: 'bot handler share p50', value: stats.bot!.p50, unit: 'ms' },
      ],
      details: { prompt: PROMPT, count, warmUp, stats },
    };
  } finally {
    await stopBot?.().catch(() => undefined);
    await client.destroy().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await emulator.stop();
    await database.stop();
  }
}
