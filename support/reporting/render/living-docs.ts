/**
 * The living documentation page, `reports/index.html`: what the bot does, proven by the last
 * run, for people who never run the suite. Features are grouped by capability (one feature
 * file each); every scenario shows its status, its Gherkin and its conversation; a failure is
 * explained in plain words first, with the technical detail folded below.
 *
 * One self-contained file: styles and the search script are inline, images are `data:` URIs, so
 * it opens from disk or a CI artifact with no network. Everything written is masked.
 */
import { maskSecrets } from './mask';
import type { Specification } from '../specification';
import { textOf, type FeatureView, type RunView, type ScenarioView, type StepView } from './run-model';

export interface LivingDocsOptions {
  title?: string;
  /** What the bot can say and offer: with it, the page ends with which scenarios show each (specification coverage). */
  specification?: Specification;
}

const STATUS_WORDS: Record<string, string> = {
  PASSED: 'passed',
  FAILED: 'failed',
  SKIPPED: 'skipped',
  PENDING: 'pending',
  UNDEFINED: 'undefined',
  AMBIGUOUS: 'ambiguous',
  UNKNOWN: 'not run',
};

const STEP_MARKS: Record<string, string> = { PASSED: '✓', FAILED: '✗', SKIPPED: '–', PENDING: '?', UNDEFINED: '?', AMBIGUOUS: '!', UNKNOWN: '·' };

export function renderLivingDocs(run: RunView, options: LivingDocsOptions = {}): string {
  const title = options.title ?? 'Living documentation';
  const scenarios = run.features.flatMap((f) => f.scenarios);
  const count = (status: string) => scenarios.filter((s) => s.status === status).length;
  const failed = scenarios.filter((s) => isProblem(s.status)).length;
  const summary = [
    `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`,
    `${count('PASSED')} passed`,
    failed ? `${failed} failed` : '',
    count('SKIPPED') ? `${count('SKIPPED')} skipped` : '',
  ].filter(Boolean).join(' · ');
  const when = run.startedAt ? `Run of ${run.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC` : 'Last run';
  const duration = run.startedAt && run.finishedAt ? ` · took ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : '';

  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <p class="run ${failed || run.success === false ? 'run-failed' : 'run-passed'}">${escapeHtml(when)} — ${escapeHtml(summary)}${escapeHtml(duration)}</p>
  ${run.runProblems.map((problem) => `<div class="run-problem"><p class="explanation">The run itself had a problem outside any scenario.</p><details><summary>Technical detail</summary><pre>${escapeHtml(problem)}</pre></details></div>`).join('\n')}
  <div class="controls">
    <input id="search" type="search" placeholder="Search scenarios, steps and conversations…" aria-label="Search" autocomplete="off">
    <span class="filters" role="group" aria-label="Show">
      <button type="button" data-filter="all" class="active">All</button>
      <button type="button" data-filter="failed">Failed (${failed})</button>
      <button type="button" data-filter="passed">Passed (${count('PASSED')})</button>
    </span>
    <span id="shown" aria-live="polite"></span>
  </div>
  <nav><h2>Capabilities</h2><ul>${run.features.map(tocEntry).join('')}${options.specification ? '<li class="coverage-link"><a href="#coverage">Specification coverage</a></li>' : ''}</ul></nav>
</header>
<main>
${run.features.length === 0 ? '<p class="empty">This run has no scenarios.</p>' : run.features.map(featureSection).join('\n')}
<p id="no-match" hidden>No scenario matches the search.</p>
${options.specification ? coverageSection(run, options.specification) : ''}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
  return maskSecrets(html);
}

function isProblem(status: string): boolean {
  return ['FAILED', 'UNDEFINED', 'AMBIGUOUS', 'PENDING'].includes(status);
}

function statusClass(status: string): string {
  return isProblem(status) ? 'failed' : status === 'PASSED' ? 'passed' : 'other';
}

function anchor(prefix: string, text: string): string {
  return `${prefix}-${text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

function tocEntry(feature: FeatureView): string {
  const failed = feature.scenarios.filter((s) => isProblem(s.status)).length;
  const passed = feature.scenarios.filter((s) => s.status === 'PASSED').length;
  return `<li class="${failed ? 'failed' : 'passed'}"><a href="#${anchor('capability', feature.uri)}">${escapeHtml(feature.name || feature.uri)}</a> <span class="counts">${passed}/${feature.scenarios.length} passed${failed ? `, ${failed} failed` : ''}</span></li>`;
}

function featureSection(feature: FeatureView): string {
  return `<section class="capability" id="${anchor('capability', feature.uri)}">
  <h2>${escapeHtml(feature.name || feature.uri)}</h2>
  ${feature.tags.length ? `<p class="tags">${feature.tags.map(escapeHtml).join(' ')}</p>` : ''}
  ${feature.description ? `<p class="description">${escapeHtml(feature.description)}</p>` : ''}
  <p class="source">${escapeHtml(feature.uri)}</p>
  ${feature.scenarios.map((scenario) => scenarioArticle(feature, scenario)).join('\n')}
</section>`;
}

function scenarioArticle(feature: FeatureView, scenario: ScenarioView): string {
  const status = statusClass(scenario.status);
  const word = STATUS_WORDS[scenario.status] ?? scenario.status.toLowerCase();
  const retried = scenario.attempts > 1 ? ` <span class="retried">after ${scenario.attempts} attempts</span>` : '';
  return `<article class="scenario ${status}" id="${anchor('scenario', `${feature.uri}-${scenario.line}`)}" data-status="${status}">
  <h3><span class="badge ${status}">${escapeHtml(word)}</span> ${escapeHtml(scenario.name)}${retried}</h3>
  ${scenario.tags.length ? `<p class="tags">${scenario.tags.map(escapeHtml).join(' ')}</p>` : ''}
  ${scenario.failure ? `<p class="explanation">${escapeHtml(scenario.failure.explanation)}</p>` : ''}
  <div class="body">
    <ol class="gherkin" aria-label="Steps">${scenario.steps.map(stepItem).join('')}</ol>
    ${conversation(scenario)}
  </div>
  ${scenario.failure?.detail ? `<details class="technical"><summary>Technical detail</summary><pre>${escapeHtml(scenario.failure.detail)}</pre></details>` : ''}
  ${otherAttachments(scenario)}
</article>`;
}

function stepItem(step: StepView): string {
  const status = statusClass(step.status);
  const argument = step.docString !== undefined
    ? `<pre class="docstring">${escapeHtml(step.docString)}</pre>`
    : step.dataTable
      ? `<table class="datatable">${step.dataTable.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</table>`
      : '';
  return `<li class="step ${status}${step.background ? ' background' : ''}" title="${escapeHtml(STATUS_WORDS[step.status] ?? '')}${step.background ? ' (background)' : ''}"><span class="mark">${STEP_MARKS[step.status] ?? '·'}</span> <span class="keyword">${escapeHtml(step.keyword.trim())}</span> ${escapeHtml(step.text)}${argument}${didYouMean(step)}</li>`;
}

/** Under a line no step matches: the closest lines of the vocabulary, and how alike they are. */
function didYouMean(step: StepView): string {
  if (!step.suggestions?.length) return '';
  const items = step.suggestions.map((s) => `<li><q>${escapeHtml(s.example)}</q> <span class="alike">${s.alike} % alike</span> <span class="means">${escapeHtml(s.means)}</span></li>`);
  return `<div class="did-you-mean"><p>No step says this. Did you mean:</p><ul>${items.join('')}</ul></div>`;
}

function conversation(scenario: ScenarioView): string {
  if (!scenario.conversationImage && !scenario.conversationText) return '';
  const image = scenario.conversationImage
    ? `<img class="chat" alt="The conversation of “${escapeHtml(scenario.name)}”" src="data:${escapeHtml(scenario.conversationImage.mediaType)};base64,${scenario.conversationImage.encoding === 'BASE64' ? scenario.conversationImage.body : Buffer.from(scenario.conversationImage.body).toString('base64')}">`
    : '';
  // The transcript stays in the page (folded) so that the search finds what was said.
  const text = scenario.conversationText ? `<details class="transcript"><summary>Transcript</summary><pre>${escapeHtml(scenario.conversationText)}</pre></details>` : '';
  return `<figure class="conversation">${image}${text}</figure>`;
}

/**
 * Every reply, command and button of the bot, with the scenarios that show it, and first what
 * no scenario shows yet: what a product owner reads to see how much of the bot is specified.
 */
function coverageSection(run: RunView, spec: Specification): string {
  const scenarios = run.features.flatMap((feature) => feature.scenarios.map((scenario) => ({ feature, scenario })));
  const showing = (pick: (shows: NonNullable<ScenarioView['shows']>) => string[], item: string) =>
    scenarios.filter(({ scenario }) => scenario.shows && pick(scenario.shows).includes(item));
  const sample = (key: string) => scenarios.map(({ scenario }) => scenario.shows?.samples[key]).find((text) => text !== undefined);
  const link = ({ feature, scenario }: { feature: FeatureView; scenario: ScenarioView }) =>
    `<li><a href="#${anchor('scenario', `${feature.uri}-${scenario.line}`)}">${escapeHtml(scenario.name)}</a> <span class="counts">${escapeHtml(feature.name || feature.uri)}</span></li>`;
  const rows = (items: Array<{ id: string; label: string; detail?: string; by: ReturnType<typeof showing> }>) =>
    items.map((item) => `<tr class="${item.by.length ? 'shown' : 'not-shown'}" data-item="${escapeHtml(item.id)}"><td><code>${escapeHtml(item.label)}</code>${item.detail ? `<div class="said">${escapeHtml(item.detail)}</div>` : ''}</td><td>${item.by.length ? `<ul>${item.by.map(link).join('')}</ul>` : '<span class="none">no scenario shows it yet</span>'}</td></tr>`).join('');
  const replies = spec.replies.map((reply) => ({ id: `reply:${reply.key}`, label: reply.key, detail: reply.text ?? sample(reply.key) ?? '(made from the facts of the moment)', by: showing((s) => s.replies, reply.key) }));
  const commands = spec.commands.map((c) => ({ id: `command:/${c.command}`, label: `/${c.command}`, detail: c.description, by: showing((s) => s.commands, c.command) }));
  const buttons = spec.buttons.map((b) => ({ id: `button:${b.label}`, label: b.label, detail: b.key, by: showing((s) => s.buttons, b.label) }));
  const missing = [...replies, ...commands, ...buttons].filter((item) => item.by.length === 0);
  const counted = (items: Array<{ by: unknown[] }>, noun: string) => `${items.filter((i) => i.by.length).length} of ${items.length} ${noun}`;
  const table = (title: string, id: string, head: string, items: typeof replies) =>
    `<h3 id="${id}">${title}</h3><table class="coverage-table"><thead><tr><th>${head}</th><th>Shown by</th></tr></thead><tbody>${rows(items)}</tbody></table>`;
  return `<section id="coverage" class="coverage">
  <h2>Specification coverage</h2>
  <p class="coverage-summary">Shown by the scenarios of this run: ${counted(replies, 'replies')} · ${counted(commands, 'commands')} · ${counted(buttons, 'buttons')}. The replies are those of <code>src/bot/texts.ts</code>, the commands the bot's menu (<code>src/bot/commands.ts</code>) and /start.</p>
  <h3 id="coverage-missing">Not shown by any scenario yet</h3>
  ${missing.length ? `<ul class="not-shown-list">${missing.map((item) => `<li data-item="${escapeHtml(item.id)}"><code>${escapeHtml(item.label)}</code>${item.detail ? ` — ${escapeHtml(item.detail)}` : ''}</li>`).join('')}</ul>` : '<p class="all-shown">Every reply, command and button is shown by at least one scenario.</p>'}
  ${table('Replies', 'coverage-replies', 'Reply (texts.ts)', replies)}
  ${table('Commands', 'coverage-commands', 'Command', commands)}
  ${table('Buttons', 'coverage-buttons', 'Button', buttons)}
</section>`;
}

function otherAttachments(scenario: ScenarioView): string {
  if (scenario.attachments.length === 0) return '';
  const items = scenario.attachments.map((attachment) => {
    const name = escapeHtml(attachment.fileName ?? attachment.mediaType);
    if (attachment.mediaType.startsWith('image/') && attachment.encoding === 'BASE64') {
      return `<li><figure><img src="data:${escapeHtml(attachment.mediaType)};base64,${attachment.body}" alt="${name}"><figcaption>${name}</figcaption></figure></li>`;
    }
    if (attachment.mediaType.startsWith('text/') || attachment.mediaType.includes('json')) {
      return `<li><p>${name}</p><pre>${escapeHtml(textOf(attachment))}</pre></li>`;
    }
    return `<li>${name} (${escapeHtml(attachment.mediaType)}, not shown)</li>`;
  });
  return `<details class="attachments"><summary>Other attachments (${scenario.attachments.length})</summary><ul>${items.join('')}</ul></details>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

const STYLE = `
:root { --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
header { padding: 20px 28px 8px; background: var(--bg); border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 24px; }
.run { margin: 0 0 12px; color: var(--muted); }
.run-failed { color: var(--bad); font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 10px; }
#search { flex: 1 1 320px; max-width: 520px; padding: 8px 12px; font: inherit; border: 1px solid var(--line); border-radius: 8px; }
.filters button { font: inherit; padding: 6px 12px; border: 1px solid var(--line); background: #fff; border-radius: 8px; cursor: pointer; }
.filters button.active { background: #0969da; color: #fff; border-color: #0969da; }
#shown { color: var(--muted); }
nav h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 8px 0 4px; }
nav ul { margin: 0 0 8px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; }
nav li.failed a { color: var(--bad); font-weight: 600; }
.counts { color: var(--muted); font-size: 13px; }
main { padding: 8px 28px 40px; }
section.capability { margin-top: 24px; }
section.capability > h2 { font-size: 20px; margin: 0; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
.description { white-space: pre-line; color: #333; margin: 8px 0; }
.source, .tags { color: var(--muted); font-size: 12px; margin: 2px 0; }
article.scenario { margin: 14px 0; padding: 12px 16px; border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; }
article.scenario.passed { border-left-color: var(--ok); }
article.scenario.failed { border-left-color: var(--bad); background: #fff8f8; }
article h3 { margin: 0 0 6px; font-size: 17px; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 10px; vertical-align: 2px; color: #fff; background: var(--muted); }
.badge.passed { background: var(--ok); } .badge.failed { background: var(--bad); }
.retried { font-size: 12px; color: var(--muted); font-weight: normal; }
.explanation { margin: 6px 0 10px; padding: 8px 12px; background: #ffebe9; border: 1px solid #ffc1ba; border-radius: 6px; font-size: 16px; }
.body { display: flex; flex-wrap: wrap; gap: 16px 28px; align-items: flex-start; }
ol.gherkin { flex: 1 1 340px; margin: 0; padding: 0; list-style: none; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 14px; }
li.step { padding: 2px 0; }
li.step.background { color: var(--muted); }
li.step .mark { display: inline-block; width: 1.2em; font-weight: bold; }
li.step.passed .mark { color: var(--ok); } li.step.failed .mark { color: var(--bad); } li.step.failed { font-weight: 600; }
.keyword { color: #8250df; font-weight: 600; }
.did-you-mean { font-family: system-ui, sans-serif; font-size: 14px; margin: 4px 0 6px 1.6em; padding: 6px 10px; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; font-weight: normal; }
.did-you-mean p { margin: 0 0 2px; } .did-you-mean ul { margin: 0; padding-left: 1.2em; }
.did-you-mean q { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; } .did-you-mean .alike { color: var(--muted); } .did-you-mean .means { color: var(--muted); font-style: italic; }
pre { white-space: pre-wrap; word-break: break-word; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; font-size: 13px; margin: 6px 0; }
table.datatable { border-collapse: collapse; margin: 4px 0 4px 1.6em; } table.datatable td { border: 1px solid var(--line); padding: 1px 8px; }
figure.conversation { margin: 0; flex: 0 1 640px; max-width: 100%; }
figure.conversation img.chat { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 10px; }
details > summary { cursor: pointer; color: #0969da; margin-top: 6px; }
details.technical pre { color: #6e2a2a; }
.attachments img { max-width: 100%; }
#no-match, .empty { color: var(--muted); font-style: italic; }
section.coverage { margin-top: 36px; }
section.coverage > h2 { font-size: 20px; margin: 0; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
section.coverage h3 { font-size: 16px; margin: 18px 0 6px; }
table.coverage-table { border-collapse: collapse; width: 100%; font-size: 14px; }
table.coverage-table th, table.coverage-table td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.coverage-table td ul { margin: 0; padding-left: 1.1em; }
tr.not-shown { background: #fff8c5; } .none { color: var(--bad); font-style: italic; }
.said { color: var(--muted); white-space: pre-line; font-size: 13px; }
ul.not-shown-list li { margin: 2px 0; } .all-shown { color: var(--ok); }
[hidden] { display: none !important; }
`;

const SCRIPT = `
(function () {
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');
  var scenarios = Array.prototype.slice.call(document.querySelectorAll('article.scenario'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.capability'));
  var filter = 'all';
  var texts = scenarios.map(function (a) {
    var section = a.closest('section');
    return (a.textContent + ' ' + (section ? section.querySelector('h2').textContent : '')).toLowerCase();
  });
  function apply() {
    var terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var visible = 0;
    scenarios.forEach(function (a, i) {
      var ok = (filter === 'all' || a.dataset.status === filter) && terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
      a.hidden = !ok;
      if (ok) visible++;
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector('article.scenario:not([hidden])'); });
    shown.textContent = visible + ' of ' + scenarios.length + ' scenarios shown';
    noMatch.hidden = visible > 0 || scenarios.length === 0;
  }
  search.addEventListener('input', apply);
  Array.prototype.forEach.call(document.querySelectorAll('.filters button'), function (button) {
    button.addEventListener('click', function () {
      filter = button.dataset.filter;
      Array.prototype.forEach.call(document.querySelectorAll('.filters button'), function (b) { b.classList.toggle('active', b === button); });
      apply();
    });
  });
  apply();
})();
`;
