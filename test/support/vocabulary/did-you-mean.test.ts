import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestPhrases, expressionGenerator, formatSuggestions, parseSuggestions, similarity } from '../../../support/vocabulary/did-you-mean';
import { buildRunView } from '../../../support/reporting/render/run-model';
import { renderLivingDocs } from '../../../support/reporting/render/living-docs';
import type { Phrase } from '../../../support/vocabulary/phrase';

const PHRASES: Phrase[] = [
  { expression: '{user} (has )asked/asks for {a photo}( again)', means: 'Presses "📷 Photo".', examples: ['Bob asks for a photo', 'user B asks for it'] },
  { expression: '{user} (has )uploaded/uploads {count} photo(s)', means: 'Sends that many photos.', examples: ['Alice has uploaded 2 photos', 'user A uploaded a photo'] },
  { expression: '{user} (has )left/leaves the family', means: 'Sends /leave.', examples: ['Bob leaves the family'] },
  { expression: '{user} receives/received {count} photo(s)', means: 'Exactly that many photos arrived.', examples: ['B receives 1 photo'] },
];

/** What cucumber's snippet generator makes of a line, as the snippet syntax receives it. */
const asCucumberSees = (line: string) => expressionGenerator().generateExpressions(line)[0]!.source;

test('the closest lines of the vocabulary come first, names and numbers aside, with how alike they are', () => {
  const photo = closestPhrases(asCucumberSees('Carol asks for a picture'), PHRASES);
  assert.equal(photo.length, 3);
  assert.equal(photo[0]!.example, 'Bob asks for a photo');
  assert.ok(photo[0]!.alike > photo[1]!.alike && photo[0]!.alike >= 70, JSON.stringify(photo));

  const uploads = closestPhrases(asCucumberSees('Dave has sent 3 photos'), PHRASES);
  assert.equal(uploads[0]!.example, 'Alice has uploaded 2 photos');
  assert.equal(closestPhrases(asCucumberSees('Bob quits the family'), PHRASES)[0]!.means, 'Sends /leave.');
  assert.equal(similarity('{user} asks for a photo', '{user} asks for a photo'), 1);
});

test('suggestions written above a snippet read back the same; a plain snippet has none', () => {
  const suggestions = closestPhrases(asCucumberSees('Bob says "hi" to the bot'), [...PHRASES, { expression: '{user} (has )sent/sends {string}', means: 'Types and sends a text — or a command.', examples: ['Alice sends "/count"'] }]);
  const snippet = `${formatSuggestions(suggestions)}When('{user} says {string} to the bot', function (user, string) {\n  return 'pending';\n});`;
  assert.match(snippet, /^\/\/ Did you mean one of these\?/);
  assert.deepEqual(parseSuggestions(snippet), suggestions);
  assert.equal(parseSuggestions(snippet)[0]!.example, 'Alice sends "/count"');
  assert.deepEqual(parseSuggestions("When('{user} dances', function (user) {\n  return 'pending';\n});"), []);
  assert.equal(formatSuggestions([]), '');
});

test('the living documentation shows the suggestions on the undefined step', () => {
  const snippet = `${formatSuggestions(closestPhrases(asCucumberSees('Bob asks for a picture'), PHRASES))}When('{user} asks for a picture', function (user) {});`;
  const envelopes = [
    { gherkinDocument: { uri: 'features/x.feature', feature: { keyword: 'Feature', name: 'X', description: '', tags: [], children: [{ scenario: { id: 's', keyword: 'Scenario', name: 'Free words', location: { line: 3 }, steps: [{ id: 'a', keyword: 'When ', text: 'Bob asks for a picture', location: { line: 4 } }] } }] } } },
    { pickle: { id: 'p', uri: 'features/x.feature', name: 'Free words', astNodeIds: ['s'], tags: [], steps: [{ id: 'ps', text: 'Bob asks for a picture', astNodeIds: ['a'] }] } },
    { testCase: { id: 'tc', pickleId: 'p', testSteps: [{ id: 'ts', pickleStepId: 'ps' }] } },
    { testCaseStarted: { id: 'r', testCaseId: 'tc', attempt: 0 } },
    { suggestion: { id: 'sg', pickleStepId: 'ps', snippets: [{ code: snippet, language: 'javascript' }] } },
    { testStepFinished: { testCaseStartedId: 'r', testStepId: 'ts', testStepResult: { status: 'UNDEFINED' } } },
  ];
  const view = buildRunView(envelopes as Parameters<typeof buildRunView>[0]);
  const step = view.features[0]!.scenarios[0]!.steps[0]!;
  assert.equal(step.suggestions?.[0]?.example, 'Bob asks for a photo');
  const html = renderLivingDocs(view);
  assert.match(html, /<div class="did-you-mean"><p>No step says this\. Did you mean:<\/p><ul><li><q>Bob asks for a photo<\/q> <span class="alike">\d+ % alike<\/span>/);
});
