/**
 * The World of one scenario: handles, and only the glue between them. The hooks fill it (a schema, the
 * bot on it); the `{user}` parameter type adds people as steps mention them; steps act
 * through {@link FamilyAlbumWorld.perform}, which always ends settled.
 */
import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import { Actor, type Task } from './actors/actor';
import type { AlbumRecords } from './actors/album-records';
import { personName } from './actors/cast';
import { startBotUnderTest, type BotSettings, type BotUnderTest } from './bot/bot-under-test';
import { somePhotos, type Fixture } from './actors/fixtures';
import type { ReportingView } from './reporting/reporting-view';
import { settle } from './settle';
import { worker, type Worker } from './worker/worker';
import type { ScenarioSchema } from './database/worker-database';

export interface Scenario {
  readonly schema: ScenarioSchema;
  /** The bot's records in this scenario's schema, read by questions (support/actors/record-questions.ts). */
  readonly records: AlbumRecords;
  bot: BotUnderTest;
}

export class FamilyAlbumWorld extends World {
  /** Set by the Before hook. */
  scenario?: Scenario;
  /** Everyone this scenario mentioned so far, by name. */
  readonly actors = new Map<string, Actor>();
  private readonly actorsBeingReadied = new Map<string, Promise<Actor>>();
  /** The step being run, for diagnostics. */
  currentStep = '';
  /** Type of the previous step (Context, Action, Outcome), to mark inboxes when actions begin. */
  previousStepType?: string;
  private photosHandedOut = 0;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get worker(): Worker {
    return worker();
  }

  private get started(): Scenario {
    if (!this.scenario) throw new Error('The scenario has no bot yet (the Before hook in support/hooks.ts sets it up; did it fail?)');
    return this.scenario;
  }

  /** What the reporting hooks read: the people of this scenario (support/reporting/hooks.ts). */
  get reporting(): ReportingView {
    return { actors: [...this.actors.values()] };
  }

  /**
   * The person called `name` ("Alice", "user A", or "A" for a "user A" an earlier line named),
   * logged in and ready for this scenario.
   */
  actor(name: string): Promise<Actor> {
    const firstName = this.fullNameOf(name);
    // Cache the promise, not the actor: "Alice invites Alice" asks for her twice at once.
    let actor = this.actorsBeingReadied.get(firstName);
    if (!actor) {
      actor = (async () => {
        const user = await this.worker.cast.user(firstName);
        await user.prepare(firstName, this.worker.backend.bot().username);
        const ready = new Actor(firstName, user, this.started.records);
        this.actors.set(firstName, ready);
        return ready;
      })();
      this.actorsBeingReadied.set(firstName, actor);
    }
    return actor;
  }

  /** "A" is short for "user A" once the scenario has named them; any other name stands for itself. */
  private fullNameOf(name: string): string {
    const short = /^[A-Z]$/.exec(name);
    if (!short) return personName(name);
    const full = personName(`user ${name}`);
    if (this.actorsBeingReadied.has(full)) return full;
    throw new Error(
      `"${name}" is short for a person the scenario named before, like "user ${name}", but no one called user ${name} appears before this line. ` +
        `Write "user ${name}" the first time.`,
    );
  }

  /** `actor` performs `tasks`, then everything settles (see support/settle.ts). */
  async perform(actor: Actor, ...tasks: Task[]): Promise<void> {
    let failure: { error: unknown } | undefined;
    try {
      for (const task of tasks) await task.performAs(actor);
    } catch (error) {
      failure = { error };
    }
    const settled = this.settle();
    if (failure) {
      // The action's own error says most; still wait, so the next step starts from rest.
      await settled.catch(() => undefined);
      throw failure.error;
    }
    await settled;
  }

  /** Waits until the bot finished what everyone caused and everyone received what it sent. */
  settle(): Promise<void> {
    return settle(this.started.bot.ledger, [...this.actors.values()], { timeoutMs: this.worker.settleTimeoutMs, action: this.currentStep });
  }

  /** Restarts the bot with other settings, on the same database (e.g. short-lived invitations). */
  async restartBot(settings: BotSettings): Promise<void> {
    const scenario = this.started;
    await this.settle();
    await scenario.bot.stop();
    scenario.bot = await startBotUnderTest(this.worker.backend.bot(), scenario.schema.pool, { ...settings, ledger: scenario.bot.ledger });
  }

  /** The bot's database becomes unreachable (its errors are then expected, not failures). */
  async takeStorageOffline(): Promise<void> {
    this.started.bot.ledger.expectFailures();
    await this.worker.database.takeOffline(this.started.schema);
  }

  async bringStorageOnline(): Promise<void> {
    await this.worker.database.bringOnline(this.started.schema);
  }

  /** `count` photo fixtures no one has uploaded yet in this scenario, so every upload is distinct. */
  nextPhotos(count: number): Fixture[] {
    const photos = somePhotos(count, this.photosHandedOut);
    this.photosHandedOut += count;
    return photos;
  }

  /** A new block of actions begins: "Then" steps look at what arrives from here on. */
  markInboxes(): void {
    for (const actor of this.actors.values()) actor.inbox.mark();
  }
}

setWorldConstructor(FamilyAlbumWorld);
