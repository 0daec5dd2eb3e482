/**
 * The bench's table: a missed target reads with the reason the run measured, a met one without.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown, renderTable, type BenchResult } from '../../bench/report';

const result = (value: number): BenchResult => ({
  name: 'whole-run',
  figures: [{ key: 'k', label: 'launch → first scenario', value, unit: 's', target: { op: '<=', value: 2 }, why: 'a worker start-up of 1.5 s' }],
});

test('a missed figure is followed by why, in the table and in Markdown', () => {
  const table = renderTable([result(3)]);
  assert.match(table, /MISSED\n\s+why: a worker start-up of 1\.5 s/);
  assert.match(renderMarkdown([result(3)]), /MISSED \(why: a worker start-up of 1\.5 s\) \|/);
});

test('a met figure prints no why', () => {
  assert.doesNotMatch(renderTable([result(1)]), /why:/);
  assert.doesNotMatch(renderMarkdown([result(1)]), /why:/);
});
