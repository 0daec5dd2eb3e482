/**
 * Lifecycle. Per worker (BeforeAll/AfterAll): check the settings, start the database and the
 * backend; at the end log everyone out and stop both. Per scenario (Before/After): a fresh
 * migrated schema (prepared while the previous scenario ran) and a fresh bot polling on it;
 * afterwards stop the bot (it can call Telegram no more), fail the scenario on a bot error no
 * step reported or on anything it sent after the last settle (no false green), and drop the
 * schema in the background (kept when KEEP_FAILED_SCHEMAS=1 and the scenario failed); AfterAll
 * waits for every drop and fails the run on one that failed.
 */
import { After, AfterAll, Before, BeforeAll, BeforeStep, Status, setDefaultTimeout } from '@cucumber/cucumber';
import { AlbumRecords } from './actors/album-records';
import { lateReplies, startBotUnderTest, takeCallsOfRetiredBots } from './bot/bot-under-test';
import { BotError, defaultSettleTimeoutMs } from './settle';
import { startWorker, stopWorker, worker } from './worker/worker';
import type { FamilyAlbumWorld } from './world';

// A step may wait for the barrier's guard and then report; give it room beyond that.
setDefaultTimeout(defaultSettleTimeoutMs() * 2 + 5_000);

BeforeAll({ timeout: 120_000 }, async function () {
  try {
    await startWorker();
  } catch (error) {
    // Cucumber buries the cause under its own stack trace: say it plainly first.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nThe acceptance suite cannot start: ${message}\n\n`);
    throw error;
  }
});

AfterAll({ timeout: 60_000 }, async function () {
  await stopWorker();
  // A bot that called Telegram after its scenario was over: refused, and the run is not green.
  const refused = takeCallsOfRetiredBots();
  if (refused.length > 0) throw new Error(`A stopped bot kept calling Telegram after its scenario:\n${refused.map((call) => `  - ${call}`).join('\n')}`);
});

Before(async function (this: FamilyAlbumWorld) {
  const { database, backend } = worker();
  const schema = await database.createScenarioSchema();
  try {
    const bot = await startBotUnderTest(backend.bot(), schema.pool);
    this.scenario = { schema, records: new AlbumRecords(schema.pool), bot };
  } catch (error) {
    await database.dropScenarioSchema(schema);
    throw error;
  }
});

/** Remembers the step for diagnostics, and marks the inboxes when a block of "When" steps begins. */
BeforeStep(function (this: FamilyAlbumWorld, { pickleStep }) {
  this.currentStep = pickleStep.text;
  if (pickleStep.type === 'Action' && this.previousStepType !== 'Action') this.markInboxes();
  this.previousStepType = pickleStep.type;
});

After(async function (this: FamilyAlbumWorld, { result, pickle }) {
  const scenario = this.scenario;
  if (!scenario) return;
  const { database, keepFailedSchemas } = worker();
  const stopped = await scenario.bot.stop().then(() => undefined, (error: unknown) => error);
  // Stopped, the bot can send nothing more: what it sent since the last settle is all there is.
  const late = lateReplies(scenario.bot, (chatId) => [...this.actors.values()].find((actor) => actor.userId === chatId)?.name ?? `chat ${chatId}`);
  const failed = result?.status !== Status.PASSED && result?.status !== Status.SKIPPED;
  const keep = failed && keepFailedSchemas;
  // The drop runs in the background (AfterAll awaits it and reports a failure); a kept schema
  // is brought back online before the note below names it.
  if (keep) await database.dropScenarioSchema(scenario.schema, true);
  else database.dropScenarioSchemaLater(scenario.schema);
  if (keep) {
    const note = `KEEP_FAILED_SCHEMAS=1: kept the schema "${scenario.schema.name}" of the failed scenario "${pickle.name}" on ${database.description}` +
      (database.isEmbedded ? ' (an embedded server is removed at exit: set DATABASE_URL to inspect it later)' : ' (the next run drops it)');
    this.log(note);
    process.stderr.write(`\n${note}\n`);
  }
  const unreported = scenario.bot.ledger.unreportedFailures();
  for (const failure of unreported) failure.reported = true;
  // From here on, a call of this bot is the worker's to report (AfterAll), not this scenario's.
  scenario.bot.retire(pickle.name);
  const problems = [unreported.length > 0 ? new BotError(unreported) : undefined, late, stopped].filter((problem) => problem !== undefined);
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new Error(problems.map((problem) => (problem instanceof Error ? problem.message : String(problem))).join('\n\n'));
});
