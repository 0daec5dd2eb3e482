import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLivingDocs } from '../../../../support/reporting/render/living-docs';
import { buildRunView, parseMessages } from '../../../../support/reporting/render/run-model';

/** A hand-made run: one feature, a scenario retried until it passed, one with an undefined step, one whose Before hook failed. */
function run(): string {
  const step = (id: string, keyword: string, text: string) => ({ id, keyword, text, location: { line: 1 } });
  const envelopes: object[] = [
    { testRunStarted: { timestamp: { seconds: 100, nanos: 0 } } },
    {
      gherkinDocument: {
        uri: 'features/photos.feature',
        feature: {
          keyword: 'Feature', name: 'Getting a photo back', description: '    Anyone gets a photo.\n    On request.', tags: [{ name: '@photos' }],
          children: [
            { background: { steps: [step('b1', 'Given ', 'Alice has started the bot')] } },
            { scenario: { id: 's1', keyword: 'Scenario', name: 'Flaky but fine', location: { line: 5 }, steps: [step('a1', 'Then ', 'Alice receives 1 message')] } },
            { scenario: { id: 's2', keyword: 'Scenario', name: 'Not written yet', location: { line: 9 }, steps: [step('a2', 'When ', 'Alice dances')] } },
            { scenario: { id: 's3', keyword: 'Scenario', name: 'No database', location: { line: 12 }, steps: [step('a3', 'When ', 'Alice sends "hi"')] } },
          ],
        },
      },
    },
    ...[['p1', 's1', 'a1', 'Alice receives 1 message'], ['p2', 's2', 'a2', 'Alice dances'], ['p3', 's3', 'a3', 'Alice sends "hi"']].map(([id, scenario, ast, text]) => ({
      pickle: { id, uri: 'features/photos.feature', name: { p1: 'Flaky but fine', p2: 'Not written yet', p3: 'No database' }[id], astNodeIds: [scenario], tags: [], steps: [{ id: `${id}-bg`, text: 'Alice has started the bot', astNodeIds: ['b1'] }, { id: `${id}-1`, text, astNodeIds: [ast] }] },
    })),
    { hook: { id: 'h1', type: 'BEFORE_TEST_CASE' } },
    ...['p1', 'p2', 'p3'].map((id) => ({ testCase: { id: `tc-${id}`, pickleId: id, testSteps: [{ id: `${id}-h`, hookId: 'h1' }, { id: `${id}-s0`, pickleStepId: `${id}-bg` }, { id: `${id}-s1`, pickleStepId: `${id}-1` }] } })),
    // p1: attempt 0 fails, attempt 1 passes.
    { testCaseStarted: { id: 'r1a', testCaseId: 'tc-p1', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r1a', testStepId: 'p1-s1', testStepResult: { status: 'FAILED', message: 'boom' } } },
    { testCaseStarted: { id: 'r1b', testCaseId: 'tc-p1', attempt: 1 } },
    ...['p1-h', 'p1-s0', 'p1-s1'].map((testStepId) => ({ testStepFinished: { testCaseStartedId: 'r1b', testStepId, testStepResult: { status: 'PASSED' } } })),
    { attachment: { testCaseStartedId: 'r1b', fileName: 'conversation.txt', mediaType: 'text/plain', contentEncoding: 'IDENTITY', body: 'Conversation:\n  bot → Alice: Hello\n' } },
    { testCaseStarted: { id: 'r2', testCaseId: 'tc-p2', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r2', testStepId: 'p2-s1', testStepResult: { status: 'UNDEFINED' } } },
    { testCaseStarted: { id: 'r3', testCaseId: 'tc-p3', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r3', testStepId: 'p3-h', testStepResult: { status: 'FAILED', message: 'Error: connect ECONNREFUSED 127.0.0.1:5432' } } },
    { testStepFinished: { testCaseStartedId: 'r3', testStepId: 'p3-s1', testStepResult: { status: 'SKIPPED' } } },
    { testRunFinished: { timestamp: { seconds: 103, nanos: 500_000_000 }, success: false } },
  ];
  return envelopes.map((e) => JSON.stringify(e)).join('\n') + '\n{"truncated": ';
}

test('a run reads back as features, scenarios by their last attempt, and explained failures', () => {
  const view = buildRunView(parseMessages(run()));
  assert.equal(view.features.length, 1);
  const [feature] = view.features;
  assert.equal(feature.description, 'Anyone gets a photo.\nOn request.');
  const [flaky, undefinedStep, noDatabase] = feature.scenarios;
  assert.deepEqual([flaky.status, flaky.attempts, flaky.failure], ['PASSED', 2, undefined]);
  assert.equal(flaky.conversationText, 'Conversation:\n  bot → Alice: Hello\n');
  assert.deepEqual(flaky.steps.map((s) => [s.keyword, s.text, s.status, s.background]), [
    ['Given ', 'Alice has started the bot', 'PASSED', true],
    ['Then ', 'Alice receives 1 message', 'PASSED', false],
  ]);
  assert.equal(undefinedStep.status, 'UNDEFINED');
  assert.match(undefinedStep.failure!.explanation, /^No step definition matches "When Alice dances" yet/);
  assert.equal(noDatabase.status, 'FAILED');
  assert.equal(noDatabase.failure!.explanation, 'The scenario could not start: the Before hook failed — connect ECONNREFUSED 127.0.0.1:5432.');
  assert.equal(view.success, false);
  assert.equal(view.finishedAt!.getTime() - view.startedAt!.getTime(), 3500);
});

test('the page counts, groups and explains, with everything escaped', () => {
  const html = renderLivingDocs(buildRunView(parseMessages(run())), { title: 'Docs <test>' });
  assert.match(html, /<title>Docs &lt;test&gt;<\/title>/);
  assert.match(html, /3 scenarios · 1 passed · 2 failed · took 3\.5 s/);
  assert.match(html, /Failed \(2\)/);
  assert.equal(html.match(/<article class="scenario /g)?.length, 3);
  assert.match(html, /When<\/span> Alice sends &quot;hi&quot;/);
  assert.ok(!/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//.test(html), 'nothing external');
});

test('a failed expectation is explained from the data attached beside its step and the conversation attached as JSON', () => {
  const step = (id: string, keyword: string, text: string) => ({ id, keyword, text, location: { line: 1 } });
  const expectation = { actor: 'Bob', expectation: 'Bob to receive 1 photo(s), not 0', expected: { kind: 'count', of: 'photo', count: 1 }, received: { messages: 1, photos: 0, texts: ['The album is empty'], notices: [] } };
  const conversation = [{ kind: 'message', from: 'Bob', to: 'bot', text: '📷 Photo' }, { kind: 'message', from: 'bot', to: 'Bob', text: 'The album is empty' }];
  const envelopes: object[] = [
    {
      gherkinDocument: {
        uri: 'features/photos.feature',
        feature: {
          keyword: 'Feature', name: 'Photos', description: '', tags: [],
          children: [{ scenario: { id: 's1', keyword: 'Scenario', name: 'Empty album', location: { line: 3 }, steps: [step('a1', 'When ', 'Bob asks for a photo'), step('a2', 'Then ', 'Bob gets one picture')] } }],
        },
      },
    },
    { pickle: { id: 'p1', uri: 'features/photos.feature', name: 'Empty album', astNodeIds: ['s1'], tags: [], steps: [{ id: 'p1-1', text: 'Bob asks for a photo', astNodeIds: ['a1'] }, { id: 'p1-2', text: 'Bob gets one picture', astNodeIds: ['a2'] }] } },
    { hook: { id: 'h1', name: 'Attach the conversation', type: 'AFTER_TEST_CASE' } },
    { testCase: { id: 'tc', pickleId: 'p1', testSteps: [{ id: 'ts1', pickleStepId: 'p1-1' }, { id: 'ts2', pickleStepId: 'p1-2' }, { id: 'ts3', hookId: 'h1' }] } },
    { testCaseStarted: { id: 'r1', testCaseId: 'tc', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 'ts1', testStepResult: { status: 'PASSED' } } },
    { attachment: { testCaseStartedId: 'r1', testStepId: 'ts2', fileName: 'expectation.json', mediaType: 'application/json', contentEncoding: 'IDENTITY', body: JSON.stringify(expectation) } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 'ts2', testStepResult: { status: 'FAILED', message: 'Expected Bob to receive 1 photo(s), not 0.' } } },
    { attachment: { testCaseStartedId: 'r1', testStepId: 'ts3', fileName: 'conversation.json', mediaType: 'application/json', contentEncoding: 'IDENTITY', body: JSON.stringify(conversation) } },
    { testStepFinished: { testCaseStartedId: 'r1', testStepId: 'ts3', testStepResult: { status: 'PASSED' } } },
  ];
  const [scenario] = buildRunView(envelopes as never).features[0]!.scenarios;
  assert.equal(scenario!.failure!.explanation, "Bob expected 1 photo but received none; the bot said 'The album is empty'.");
  assert.deepEqual(scenario!.attachments, [], 'the JSON attachments are data for explanations, not shown as attachments');
});
