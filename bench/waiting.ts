/**
 * Waiting: the settle barrier against the classic collector, on the same 20 scenarios, half of
 * them negative ("receives no photo"). Both modes drive the suite's own parts in this process
 * — worker (embedded Telegram + PostgreSQL), a schema and a freshly started, instrumented bot
 * per scenario, actors and their tasks — and differ only in how a step waits after an action:
 *
 * - settle: `world.perform()`, i.e. `settle()` on the bot's ledger and the actors' inboxes
 *   (support/settle.ts): done the moment the bot finished and every reply arrived.
 * - collector: the usual approach without a view into the bot. When the step knows how many
 *   replies to expect it returns on the last one; when it does not — or expects none — it can
 *   only wait out a fixed window (2 s) and take what came. This fixed wait is deliberate: it IS
 *   the baseline being measured, not a pattern for the suite (which has no fixed waits).
 *
 * Positive scenario: Alice starts the bot, uploads a photo, asks for a photo, receives 1 photo.
 * Negative scenario: Carol starts the bot, asks for a photo, receives no photo.
 * Each scenario's steps are timed from the first action to the last assertion; the per-
 * scenario setup (schema, bot start) is identical in both modes and reported apart.
 */
import { texts } from '../src/bot/texts';
import { AlbumRecords } from '../support/actors/album-records';
import { Actor, type Task } from '../support/actors/actor';
import { photosReceived } from '../support/actors/questions';
import { presses, startsTheBot, uploadsPhotos } from '../support/actors/tasks';
import { startBotUnderTest } from '../support/bot/bot-under-test';
import { somePhotos } from '../support/actors/fixtures';
import { settle } from '../support/settle';
import { startWorker, stopWorker, type Worker } from '../support/worker/worker';
import type { BenchOptions, BenchResult } from './report';
import { msSince } from './stats';

/** The classic collector's window when the number of replies is unknown or zero. */
const COLLECTOR_WINDOW_MS = 2_000;
const SCENARIOS = 20;

type Mode = 'settle' | 'collector';
/** What a step expects after its action: a number of bot messages, of photos, or "don't know / none". */
type Expectation = { messages: number } | { photos: number } | 'unknown';

export async function runWaiting({ log }: BenchOptions): Promise<BenchResult> {
  // The same set in quick mode: it is the comparison itself (≈ 20 s of it is the baseline's waiting).
  const worker = await startWorker({ ...process.env, TELEGRAM_BACKEND: 'embedded', DATABASE_URL: undefined });
  try {
    await runScenarios(worker, 'settle', 2); // warm-up: logins, module and JIT warm-up
    const settle = await runScenarios(worker, 'settle', SCENARIOS);
    const collector = await runScenarios(worker, 'collector', SCENARIOS);
    log(`waiting: settle ${settle.stepsMs.toFixed(0)} ms, collector ${collector.stepsMs.toFixed(0)} ms over ${SCENARIOS} scenarios`);
    return {
      name: 'waiting',
      figures: [
        { key: 'waiting_settle_s', label: `settle barrier, ${SCENARIOS} scenarios (steps)`, value: settle.stepsMs / 1000, unit: 's' },
        { key: 'waiting_collector_s', label: `fixed-window collector (${COLLECTOR_WINDOW_MS / 1000} s), same (steps)`, value: collector.stepsMs / 1000, unit: 's' },
        { key: 'waiting_ratio', label: 'collector ÷ settle', value: collector.stepsMs / settle.stepsMs, unit: '×', target: { op: '>=', value: 50 } },
        { key: 'waiting_setup_s', label: 'per-scenario setup, both modes (schema + bot)', value: (settle.setupMs + collector.setupMs) / 2 / 1000, unit: 's' },
        { key: 'waiting_ratio_with_setup', label: 'collector ÷ settle, setup included', value: (collector.stepsMs + collector.setupMs) / (settle.stepsMs + settle.setupMs), unit: '×' },
      ],
      details: { scenarios: SCENARIOS, negatives: SCENARIOS / 2, collectorWindowMs: COLLECTOR_WINDOW_MS, settle, collector },
    };
  } finally {
    await stopWorker();
  }
}

async function runScenarios(worker: Worker, mode: Mode, count: number): Promise<{ stepsMs: number; setupMs: number; perScenarioMs: number[] }> {
  let stepsMs = 0;
  let setupMs = 0;
  const perScenarioMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const setupStart = process.hrtime.bigint();
    const schema = await worker.database.createScenarioSchema();
    const bot = await startBotUnderTest(worker.backend.bot(), schema.pool);
    const negative = i % 2 === 1;
    // As FamilyAlbumWorld.actor(): logged in once per worker, prepared for every scenario.
    const name = negative ? 'Carol' : 'Alice';
    const user = await worker.cast.user(name);
    await user.prepare(name, worker.backend.bot().username);
    const actor = new Actor(name, user, new AlbumRecords(schema.pool));
    const settled = () => settle(bot.ledger, [actor], { timeoutMs: worker.settleTimeoutMs });
    setupMs += msSince(setupStart);
    try {
      const start = process.hrtime.bigint();
      const act = async (task: Task, expectation: Expectation) => {
        if (mode === 'collector') return collect(actor, task, expectation);
        await task.performAs(actor); // as FamilyAlbumWorld.perform(): act, then settle
        await settled();
      };
      await act(startsTheBot(), { messages: 1 });
      if (!negative) await act(uploadsPhotos(somePhotos(1)), { messages: 1 });
      user.inbox.mark(); // as the BeforeStep hook does when the "When" steps begin
      // The negative case: how many photos will come? None — which a collector cannot tell from "not yet".
      await act(presses(texts.keyboard.photo), negative ? 'unknown' : { photos: 1 });
      const photos = await actor.asks(photosReceived());
      if (photos.length !== (negative ? 0 : 1)) {
        throw new Error(`waiting (${mode}), scenario ${i + 1}: ${actor.name} received ${photos.length} photo(s), expected ${negative ? 0 : 1}`);
      }
      const elapsed = msSince(start);
      stepsMs += elapsed;
      perScenarioMs.push(elapsed);
    } finally {
      await settled().catch(() => undefined); // start the next scenario from rest in both modes (untimed)
      await bot.stop();
      await worker.database.dropScenarioSchema(schema);
    }
  }
  return { stepsMs, setupMs, perScenarioMs };
}

/**
 * The classic collector (the baseline, not our way): performs the action, then waits for the
 * expected number of bot messages (or photos) to arrive; with no known number it waits out the
 * fixed window. It cannot see the bot, only the chat.
 */
async function collect(actor: Actor, task: Task, expectation: Expectation): Promise<void> {
  const inbox = actor.telegram.inbox;
  const messagesBefore = inbox.arrived().messages;
  const photosBefore = (await actor.asks(photosReceived())).length;
  await task.performAs(actor);
  await new Promise<void>((resolve) => {
    let stop = () => undefined as void;
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, COLLECTOR_WINDOW_MS);
    const check = async () => {
      if (expectation === 'unknown') return;
      const done = 'messages' in expectation
        ? inbox.arrived().messages - messagesBefore >= expectation.messages
        : (await actor.asks(photosReceived())).length - photosBefore >= expectation.photos;
      if (done) {
        clearTimeout(timer);
        stop();
        resolve();
      }
    };
    stop = inbox.onChange(() => void check());
    void check();
  });
}
