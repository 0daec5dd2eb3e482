/**
 * Reads a cucumber run from its messages (`reports/messages.ndjson`, the message formatter's
 * output) into what the living documentation shows: features, their scenarios as the final
 * attempt ended, each step with its status, the attachments, and a plain-words explanation of
 * every failure.
 *
 * The message protocol is cucumber's public contract between a run and its formatters; only
 * the fields used here are typed, so a newer protocol with more fields reads the same.
 */
import { explainFailure } from './explain';
import { CONVERSATION_IMAGE, CONVERSATION_JSON, CONVERSATION_TEXT, EXPECTATION_JSON, parseConversationJson } from './attachments';
import type { ConversationEvent } from './conversation';
import { parseFailedExpectation, type FailedExpectation } from './expectation';
import { parseSuggestions, type Suggestion } from '../../vocabulary/did-you-mean';
import { SHOWS_ATTACHMENT, type Shows } from '../specification';

type Status = 'PASSED' | 'FAILED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS' | 'UNKNOWN';

/** Worst first, as cucumber ranks them: a scenario is as bad as its worst step. */
const SEVERITY: Status[] = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];

export interface StepView {
  keyword: string;
  text: string;
  status: Status;
  /** From the Background rather than the scenario itself. */
  background: boolean;
  docString?: string;
  dataTable?: string[][];
  /** For an undefined line: the closest lines of the vocabulary, from cucumber's snippet ("did you mean"). */
  suggestions?: Suggestion[];
}

export interface AttachmentView {
  mediaType: string;
  fileName?: string;
  /** base64 when `encoding` is BASE64, text otherwise. */
  body: string;
  encoding: 'BASE64' | 'IDENTITY';
}

export interface ScenarioView {
  id: string;
  /** Where it is written, `features/x.feature:12` (an outline's example: its row): the same in every run of the features. */
  where: string;
  name: string;
  /** "Scenario", "Scenario Outline", "Example"… as written. */
  keyword: string;
  tags: string[];
  line: number;
  status: Status;
  steps: StepView[];
  /** The chat rendering (SVG) attached by the reporting hook, base64. */
  conversationImage?: AttachmentView;
  /** The plain-text transcript attached by the reporting hook. */
  conversationText?: string;
  /** Other attachments (logs, screenshots). */
  attachments: AttachmentView[];
  /** Which replies, commands and buttons of the bot it showed (support/reporting/specification.ts). */
  shows?: Shows;
  failure?: { explanation: string; detail: string };
  /** How many attempts ran (more than 1 with --retry). */
  attempts: number;
}

export interface FeatureView {
  uri: string;
  name: string;
  keyword: string;
  description: string;
  tags: string[];
  scenarios: ScenarioView[];
}

export interface RunView {
  features: FeatureView[];
  startedAt?: Date;
  finishedAt?: Date;
  success?: boolean;
  /** Failures outside any scenario (BeforeAll/AfterAll hooks, the run itself). */
  runProblems: string[];
}

// ── the subset of the message protocol read here ─────────────────────────────────────────────

interface Timestamp { seconds: number; nanos: number }
interface GherkinStep { id: string; keyword: string; text: string; docString?: { content: string }; dataTable?: { rows: Array<{ cells: Array<{ value: string }> }> } }
interface GherkinScenario { id: string; keyword: string; name: string; location: { line: number }; steps: GherkinStep[] }
interface GherkinChild { background?: { steps: GherkinStep[] }; scenario?: GherkinScenario; rule?: { children: GherkinChild[] } }
interface Envelope {
  gherkinDocument?: { uri?: string; feature?: { keyword: string; name: string; description: string; tags: Array<{ name: string }>; children: GherkinChild[] } };
  pickle?: { id: string; uri: string; location?: { line: number }; name: string; astNodeIds: string[]; tags: Array<{ name: string }>; steps: Array<{ id: string; text: string; astNodeIds: string[]; argument?: { docString?: { content: string }; dataTable?: { rows: Array<{ cells: Array<{ value: string }> }> } } }> };
  hook?: { id: string; name?: string; type?: string };
  testCase?: { id: string; pickleId: string; testSteps: Array<{ id: string; pickleStepId?: string; hookId?: string }> };
  testCaseStarted?: { id: string; testCaseId: string; attempt: number };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: { status: Status; message?: string; exception?: { message?: string; stackTrace?: string } } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
  attachment?: { testCaseStartedId?: string; testStepId?: string; body: string; contentEncoding: 'BASE64' | 'IDENTITY'; mediaType: string; fileName?: string };
  testRunStarted?: { timestamp: Timestamp };
  testRunFinished?: { timestamp: Timestamp; success: boolean; message?: string; exception?: { message?: string } };
  testRunHookFinished?: { result: { status: Status; message?: string } };
  suggestion?: { pickleStepId: string; snippets: Array<{ code: string }> };
  parseError?: { source: { uri?: string; location?: { line: number; column?: number } }; message: string };
}

/** Parses NDJSON text into envelopes; a truncated last line (a killed run) is ignored. */
export function parseMessages(ndjson: string): Envelope[] {
  const envelopes: Envelope[] = [];
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    try {
      envelopes.push(JSON.parse(line) as Envelope);
    } catch {
      // A run stopped mid-write leaves half a line; everything before it is still worth showing.
    }
  }
  return envelopes;
}

export function buildRunView(envelopes: readonly Envelope[]): RunView {
  const documents = envelopes.flatMap((e) => (e.gherkinDocument?.feature ? [e.gherkinDocument] : []));
  const pickles = new Map(envelopes.flatMap((e) => (e.pickle ? [[e.pickle.id, e.pickle] as const] : [])));
  const hooks = new Map(envelopes.flatMap((e) => (e.hook ? [[e.hook.id, e.hook] as const] : [])));
  const testCases = new Map(envelopes.flatMap((e) => (e.testCase ? [[e.testCase.id, e.testCase] as const] : [])));
  const started = envelopes.flatMap((e) => (e.testCaseStarted ? [e.testCaseStarted] : []));
  const stepResults = new Map<string, Map<string, NonNullable<Envelope['testStepFinished']>['testStepResult']>>();
  const attachments = new Map<string, NonNullable<Envelope['attachment']>[]>();
  const suggestions = new Map<string, Suggestion[]>();
  for (const e of envelopes) {
    if (e.suggestion) suggestions.set(e.suggestion.pickleStepId, parseSuggestions(e.suggestion.snippets[0]?.code ?? ''));
    if (e.testStepFinished) {
      const byStep = stepResults.get(e.testStepFinished.testCaseStartedId) ?? new Map();
      byStep.set(e.testStepFinished.testStepId, e.testStepFinished.testStepResult);
      stepResults.set(e.testStepFinished.testCaseStartedId, byStep);
    }
    if (e.attachment?.testCaseStartedId) {
      const list = attachments.get(e.attachment.testCaseStartedId) ?? [];
      list.push(e.attachment);
      attachments.set(e.attachment.testCaseStartedId, list);
    }
  }

  // The final attempt of each test case is the one the report shows.
  const lastAttempt = new Map<string, NonNullable<Envelope['testCaseStarted']>>();
  const attemptCount = new Map<string, number>();
  for (const s of started) {
    attemptCount.set(s.testCaseId, (attemptCount.get(s.testCaseId) ?? 0) + 1);
    const previous = lastAttempt.get(s.testCaseId);
    if (!previous || s.attempt >= previous.attempt) lastAttempt.set(s.testCaseId, s);
  }
  const scenarioByPickle = new Map<string, ScenarioView>();
  for (const [testCaseId, attempt] of lastAttempt) {
    const testCase = testCases.get(testCaseId);
    const pickle = testCase && pickles.get(testCase.pickleId);
    if (!testCase || !pickle) continue;
    scenarioByPickle.set(
      pickle.id,
      scenarioView(pickle, testCase, stepResults.get(attempt.id) ?? new Map(), attachments.get(attempt.id) ?? [], hooks, documents, attemptCount.get(testCaseId) ?? 1, suggestions),
    );
  }

  const features: FeatureView[] = documents.map((document) => {
    const feature = document.feature!;
    const uri = document.uri ?? '';
    const scenarios = [...pickles.values()]
      .filter((pickle) => pickle.uri === uri)
      .map((pickle) => scenarioByPickle.get(pickle.id) ?? notRun(pickle, documents))
      .sort((a, b) => a.line - b.line);
    return { uri, name: feature.name, keyword: feature.keyword, description: dedent(feature.description ?? ''), tags: feature.tags.map((t) => t.name), scenarios };
  });

  const runStarted = envelopes.find((e) => e.testRunStarted)?.testRunStarted;
  const runFinished = envelopes.find((e) => e.testRunFinished)?.testRunFinished;
  const runProblems = envelopes
    .flatMap((e) => (e.parseError ? [`Gherkin syntax error in ${e.parseError.source.uri ?? 'a feature file'}${e.parseError.source.location ? `, line ${e.parseError.source.location.line}` : ''}: ${e.parseError.message}`] : []))
    .concat(envelopes.flatMap((e) => (e.testRunHookFinished && e.testRunHookFinished.result.status === 'FAILED' ? [e.testRunHookFinished.result.message ?? 'A BeforeAll/AfterAll hook failed.'] : []))
    .concat(runFinished?.message ? [runFinished.message] : runFinished?.exception?.message ? [runFinished.exception.message] : []));
  return {
    features: features.filter((f) => f.scenarios.length > 0).sort((a, b) => a.uri.localeCompare(b.uri)),
    startedAt: runStarted && toDate(runStarted.timestamp),
    finishedAt: runFinished && toDate(runFinished.timestamp),
    success: runFinished?.success,
    runProblems,
  };
}

function scenarioView(
  pickle: NonNullable<Envelope['pickle']>,
  testCase: NonNullable<Envelope['testCase']>,
  results: Map<string, NonNullable<Envelope['testStepFinished']>['testStepResult']>,
  attached: NonNullable<Envelope['attachment']>[],
  hooks: Map<string, NonNullable<Envelope['hook']>>,
  documents: Array<NonNullable<Envelope['gherkinDocument']>>,
  attempts: number,
  suggestions: ReadonlyMap<string, Suggestion[]>,
): ScenarioView {
  const base = notRun(pickle, documents);
  const pickleSteps = new Map(pickle.steps.map((step, index) => [step.id, index]));
  let status: Status = 'UNKNOWN';
  let firstProblem: { hook?: string; stepIndex?: number; testStepId?: string; result: NonNullable<Envelope['testStepFinished']>['testStepResult'] } | undefined;
  let seenPickleStep = false;
  for (const testStep of testCase.testSteps) {
    const result = results.get(testStep.id);
    const stepIndex = testStep.pickleStepId !== undefined ? pickleSteps.get(testStep.pickleStepId) : undefined;
    if (stepIndex !== undefined) {
      seenPickleStep = true;
      if (result) base.steps[stepIndex].status = result.status;
      const closest = result?.status === 'UNDEFINED' ? suggestions.get(testStep.pickleStepId!) : undefined;
      if (closest?.length) base.steps[stepIndex].suggestions = closest;
    }
    if (!result) continue;
    if (SEVERITY.indexOf(result.status) > SEVERITY.indexOf(status)) status = result.status;
    if (!firstProblem && !['PASSED', 'SKIPPED', 'UNKNOWN'].includes(result.status)) {
      const hook = testStep.hookId ? hooks.get(testStep.hookId) : undefined;
      const hookName = hook ? hook.name || (hook.type?.startsWith('AFTER') || seenPickleStep ? 'After' : 'Before') : undefined;
      firstProblem = { hook: hookName, stepIndex, testStepId: testStep.id, result };
    }
  }
  base.status = status;
  base.attempts = attempts;

  let conversation: ConversationEvent[] = [];
  const expectations = new Map<string, FailedExpectation>();
  for (const attachment of attached) {
    const view: AttachmentView = { mediaType: attachment.mediaType, fileName: attachment.fileName, body: attachment.body, encoding: attachment.contentEncoding };
    if (attachment.fileName === CONVERSATION_IMAGE.fileName && attachment.mediaType === CONVERSATION_IMAGE.mediaType) base.conversationImage = view;
    else if (attachment.fileName === CONVERSATION_TEXT.fileName) base.conversationText = textOf(view);
    else if (attachment.fileName === CONVERSATION_JSON.fileName && attachment.mediaType === CONVERSATION_JSON.mediaType) conversation = parseConversationJson(textOf(view));
    else if (attachment.fileName === EXPECTATION_JSON.fileName && attachment.mediaType === EXPECTATION_JSON.mediaType) {
      const expectation = parseFailedExpectation(textOf(view));
      if (expectation && attachment.testStepId) expectations.set(attachment.testStepId, expectation);
    } else if (attachment.fileName === SHOWS_ATTACHMENT.fileName && attachment.mediaType === SHOWS_ATTACHMENT.mediaType) base.shows = parseShows(textOf(view));
    else base.attachments.push(view);
  }

  if (firstProblem) {
    const step = firstProblem.stepIndex !== undefined ? base.steps[firstProblem.stepIndex] : undefined;
    const message = firstProblem.result.message ?? firstProblem.result.exception?.message ?? '';
    const expectation = firstProblem.testStepId !== undefined ? expectations.get(firstProblem.testStepId) : undefined;
    base.failure = {
      explanation: explainFailure({ step: step && `${step.keyword}${step.text}`, status: firstProblem.result.status, message, hook: step ? undefined : firstProblem.hook ?? 'Before', expectation }, conversation),
      detail: firstProblem.result.exception?.stackTrace ? `${message}\n${firstProblem.result.exception.stackTrace}` : message,
    };
  }
  return base;
}

/** The scenario as written, every step UNKNOWN: for pickles that never ran (e.g. --dry-run, a crash). */
function notRun(pickle: NonNullable<Envelope['pickle']>, documents: Array<NonNullable<Envelope['gherkinDocument']>>): ScenarioView {
  const { steps: astSteps, backgroundIds, scenario } = astIndex(documents, pickle.uri, pickle.astNodeIds[0]);
  return {
    id: pickle.id,
    where: `${pickle.uri}:${pickle.location?.line ?? scenario?.location.line ?? 0}`,
    name: pickle.name,
    keyword: scenario?.keyword ?? 'Scenario',
    tags: pickle.tags.map((t) => t.name),
    line: scenario?.location.line ?? 0,
    status: 'UNKNOWN',
    steps: pickle.steps.map((step) => {
      const ast = astSteps.get(step.astNodeIds[0]);
      return {
        keyword: ast?.keyword ?? '* ',
        text: step.text,
        status: 'UNKNOWN' as Status,
        background: backgroundIds.has(step.astNodeIds[0]),
        docString: step.argument?.docString?.content,
        dataTable: step.argument?.dataTable?.rows.map((row) => row.cells.map((cell) => cell.value)),
      };
    }),
    attachments: [],
    attempts: 0,
  };
}

function astIndex(documents: Array<NonNullable<Envelope['gherkinDocument']>>, uri: string, scenarioId: string) {
  const steps = new Map<string, GherkinStep>();
  const backgroundIds = new Set<string>();
  let scenario: GherkinScenario | undefined;
  const visit = (children: GherkinChild[]) => {
    for (const child of children) {
      for (const step of child.background?.steps ?? []) {
        steps.set(step.id, step);
        backgroundIds.add(step.id);
      }
      if (child.scenario) {
        for (const step of child.scenario.steps) steps.set(step.id, step);
        if (child.scenario.id === scenarioId) scenario = child.scenario;
      }
      if (child.rule) visit(child.rule.children);
    }
  };
  const document = documents.find((d) => d.uri === uri);
  visit(document?.feature?.children ?? []);
  return { steps, backgroundIds, scenario };
}

/** A scenario's record of what it showed; an unreadable one counts as showing nothing. */
function parseShows(json: string): Shows | undefined {
  try {
    const shows = JSON.parse(json) as Partial<Shows>;
    return { replies: shows.replies ?? [], commands: shows.commands ?? [], buttons: shows.buttons ?? [], samples: shows.samples ?? {} };
  } catch {
    return undefined;
  }
}

export function textOf(attachment: AttachmentView): string {
  return attachment.encoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
}

function toDate(timestamp: Timestamp): Date {
  return new Date(timestamp.seconds * 1000 + Math.floor(timestamp.nanos / 1e6));
}

/** Gherkin keeps a description's indentation; a reader wants it flush left. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^\s*/)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').trim();
}
