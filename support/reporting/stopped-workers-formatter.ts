/**
 * Truthful reports when a worker process dies: a formatter (cucumber.js:
 * `./support/reporting/stopped-workers-formatter.cjs:reports/stopped-workers.txt`) that runs in
 * cucumber's coordinator and watches its worker processes.
 *
 * Cucumber's coordinator, when a worker ends in the middle of a scenario (SIGKILL, the
 * out-of-memory killer, Ctrl-C), marks the run failed but never finishes that scenario's record:
 * its messages stop after the last step that finished, so the JUnit report counted it as passed
 * (0 failures) and the HTML report and the living documentation showed it green. Here, as soon as
 * a worker's process has closed (all its messages delivered: node's `close` waits for the IPC
 * channel), every scenario it had started and not finished gets a failed step — the step it was
 * in, or its first one — saying "its worker stopped: signal SIGKILL" (or "exit code N"), and its
 * `testCaseFinished`, through cucumber's own event broadcaster, so every formatter (JUnit, HTML,
 * messages, living documentation) records the same truth before the run's end.
 *
 * Ctrl-C: the coordinator no longer dies at the first SIGINT (which left a 0-byte `junit.xml`
 * and a cut-short `cucumber.html`). It stops its workers with SIGINT (they stop their PostgreSQL
 * through their exit hooks and watchdogs) and lets cucumber end the run, so its formatters write
 * complete reports of what ran so far. A serial run has no worker to stop: the scenario in
 * progress is failed ("the run was interrupted: signal SIGINT"), the run's end is recorded, and
 * the reports cucumber's formatters opened in this formatter's directory (messages.ndjson,
 * junit.xml, cucumber.html, index.html) are written from the run's messages, each replaced
 * whole (written aside, then renamed), before the process exits with 130. A second SIGINT exits
 * at once — one a second or more after the first: npm and scripts/run-features.js relay the
 * terminal's Ctrl-C to a child that already had it, and that copy is not a second press.
 *
 * Workers are found through node's `child_process` diagnostics channel (node ≥ 16.18), as
 * cucumber forks them: `run_worker.js`, numbered in the order forked, which is the order of their
 * CUCUMBER_WORKER_IDs (ChildProcessAdapter.run forks 0…n-1 in a loop). The file this formatter
 * writes lists each worker that stopped early and the scenario it stopped in; it is empty when
 * none did.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { livingDocsOf } from './living-docs-formatter';
import { REPORT_FILES } from './render/mask-reports';
import { junitXmlOf, writeCucumberHtml } from './render/repair-html';
import { Formatter, type IFormatterOptions } from '@cucumber/cucumber';
import type { Envelope, TestCase, TestStepResultStatus, Timestamp } from '@cucumber/messages';

const WORKER_SCRIPT = /[\\/]@cucumber[\\/]cucumber[\\/]lib[\\/]runtime[\\/]parallel[\\/]run_worker\.js$/;

/** What a scenario in progress is known by. */
interface Started {
  testCaseStartedId: string;
  testCaseId: string;
  workerId: string | undefined;
  /** Steps started, in order, and which of them finished. */
  startedSteps: string[];
  finishedSteps: Set<string>;
}

/** Why a process ended, in the words the reports use. */
export function describeStop(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * The messages that close a scenario cut short (`why`: "its worker stopped: signal SIGKILL"): a failed step (the one it was in, else
 * its first step not yet finished) and the scenario's end. Empty when the scenario has no step.
 */
export function closingMessages(started: Started, testCase: TestCase | undefined, why: string, now: Timestamp): Envelope[] {
  const open = started.startedSteps.find((id) => !started.finishedSteps.has(id));
  const stepId = open ?? testCase?.testSteps.find((step) => !started.finishedSteps.has(step.id))?.id ?? testCase?.testSteps[0]?.id;
  const message = `${why} (the scenario was cut short; nothing after this point ran)`;
  const envelopes: Envelope[] = [];
  if (stepId !== undefined) {
    if (open === undefined) envelopes.push({ testStepStarted: { testCaseStartedId: started.testCaseStartedId, testStepId: stepId, timestamp: now } });
    envelopes.push({
      testStepFinished: {
        testCaseStartedId: started.testCaseStartedId,
        testStepId: stepId,
        testStepResult: {
          status: 'FAILED' as TestStepResultStatus,
          duration: { seconds: 0, nanos: 0 },
          message,
          exception: { type: 'WorkerStopped', message },
        },
        timestamp: now,
      },
    });
  }
  envelopes.push({ testCaseFinished: { testCaseStartedId: started.testCaseStartedId, timestamp: now, willBeRetried: false } });
  return envelopes;
}

function timestampNow(): Timestamp {
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** SIGINTs this soon after the first are the same Ctrl-C relayed by a parent process, not a second press. */
const RELAYED_SIGNAL_WINDOW_MS = 1000;

export default class StoppedWorkersFormatter extends Formatter {
  static override readonly documentation = 'Reports a scenario whose worker process died as failed, and turns Ctrl-C into an orderly end of the run';

  private readonly envelopes: Envelope[] = [];
  private testRunStartedId: string | undefined;
  private readonly testCases = new Map<string, TestCase>();
  private readonly inProgress = new Map<string, Started>();
  private readonly workers: ChildProcess[] = [];
  /** When the first Ctrl-C arrived. */
  private interruptedAt: number | undefined;

  constructor(options: IFormatterOptions) {
    super(options);
    const broadcaster = options.eventBroadcaster as EventEmitter;
    // First in line: what this adds reaches every other formatter before the run's end does.
    broadcaster.prependListener('envelope', (envelope: Envelope) => this.track(envelope));
    subscribe('child_process', (message) => this.watch((message as { process: ChildProcess }).process, broadcaster));
    process.on('SIGINT', () => this.interrupt(broadcaster));
  }

  private track(envelope: Envelope): void {
    this.envelopes.push(envelope);
    if (envelope.testRunStarted) this.testRunStartedId = envelope.testRunStarted.id;
    if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase);
    if (envelope.testCaseStarted) {
      const { id, testCaseId, workerId } = envelope.testCaseStarted;
      this.inProgress.set(id, { testCaseStartedId: id, testCaseId, workerId, startedSteps: [], finishedSteps: new Set() });
    }
    if (envelope.testStepStarted) this.inProgress.get(envelope.testStepStarted.testCaseStartedId)?.startedSteps.push(envelope.testStepStarted.testStepId);
    if (envelope.testStepFinished) this.inProgress.get(envelope.testStepFinished.testCaseStartedId)?.finishedSteps.add(envelope.testStepFinished.testStepId);
    if (envelope.testCaseFinished) this.inProgress.delete(envelope.testCaseFinished.testCaseStartedId);
  }

  private watch(child: ChildProcess, broadcaster: EventEmitter): void {
    // spawnargs are set once the process is spawned; `close` comes after its last message.
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      if (!WORKER_SCRIPT.test(child.spawnargs.at(-1) ?? '')) return;
      const workerId = String(this.workers.indexOf(child));
      if (code === 0 && !signal) return;
      const reason = describeStop(code, signal);
      for (const started of [...this.inProgress.values()].filter((one) => one.workerId === workerId)) {
        const testCase = this.testCases.get(started.testCaseId);
        this.log(`worker ${workerId} stopped (${reason}) during test case ${started.testCaseId}\n`);
        for (const envelope of closingMessages(started, testCase, `its worker stopped: ${reason}`, timestampNow())) broadcaster.emit('envelope', envelope);
      }
    });
    child.once('spawn', () => {
      if (WORKER_SCRIPT.test(child.spawnargs.at(-1) ?? '')) this.workers.push(child);
    });
  }

  /** Ctrl-C: stop the workers and let cucumber end the run, or end a serial run here (see above). */
  private interrupt(broadcaster: EventEmitter): void {
    if (this.interruptedAt !== undefined) {
      // The same Ctrl-C relayed by a parent (npm, scripts/run-features.js forward it to their
      // child, which already had it from the terminal) arrives within milliseconds: not a second one.
      if (Date.now() - this.interruptedAt < RELAYED_SIGNAL_WINDOW_MS) return;
      process.exit(130);
    }
    this.interruptedAt = Date.now();
    const live = this.workers.filter((worker) => worker.exitCode === null && worker.signalCode === null);
    if (this.workers.length === 0) {
      process.stderr.write('\nInterrupted: writing the reports of what ran so far. Press Ctrl-C again to quit at once.\n');
      this.endSerialRun(broadcaster).then(
        () => process.exit(130),
        (error: unknown) => {
          process.stderr.write(`The reports could not be written after the interruption: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(130);
        },
      );
      return;
    }
    process.stderr.write(`\nInterrupted: stopping ${live.length} worker(s); the reports will hold what ran so far. Press Ctrl-C again to quit at once.\n`);
    for (const worker of live) worker.kill('SIGINT');
  }

  private async endSerialRun(broadcaster: EventEmitter): Promise<void> {
    const now = timestampNow();
    for (const started of [...this.inProgress.values()]) {
      for (const envelope of closingMessages(started, this.testCases.get(started.testCaseId), 'the run was interrupted: signal SIGINT', now)) {
        broadcaster.emit('envelope', envelope);
      }
    }
    broadcaster.emit('envelope', { testRunFinished: { success: false, timestamp: now, testRunStartedId: this.testRunStartedId } } satisfies Envelope);
    const dir = this.reportsDir();
    if (dir === undefined) return;
    const envelopes = [...this.envelopes];
    const replace = async (name: string, write: (path: string) => void | Promise<void>) => {
      const path = join(dir, name);
      if (!existsSync(path)) return;
      const aside = `${path}.interrupted`;
      await write(aside);
      renameSync(aside, path);
    };
    await replace(REPORT_FILES.messages, (path) => writeFileSync(path, envelopes.map((envelope) => `${JSON.stringify(envelope)}\n`).join('')));
    await replace(REPORT_FILES.junit, (path) => writeFileSync(path, junitXmlOf(envelopes)));
    await replace(REPORT_FILES.html, (path) => writeCucumberHtml(envelopes, path));
    await replace('index.html', (path) => writeFileSync(path, livingDocsOf(envelopes)));
  }

  /** The directory this formatter writes to (its stream's file, found through /proc on Linux). */
  private reportsDir(): string | undefined {
    const fd = (this.stream as { fd?: unknown }).fd;
    if (typeof fd !== 'number') return undefined;
    try {
      return dirname(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return undefined;
    }
  }
}
