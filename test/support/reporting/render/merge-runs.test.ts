import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRunViews } from '../../../../support/reporting/render/merge-runs';
import type { FeatureView, RunView, ScenarioView } from '../../../../support/reporting/render/run-model';

const scenario = (where: string, ran: boolean): ScenarioView => ({
  id: `${where}-${ran}`, where, name: where, keyword: 'Scenario', tags: [], line: Number(where.split(':')[1]), status: ran ? 'PASSED' : 'UNKNOWN', steps: [], attachments: [], attempts: ran ? 1 : 0,
});
const feature = (uri: string, scenarios: ScenarioView[]): FeatureView => ({ uri, name: uri, keyword: 'Feature', description: '', tags: [], scenarios });

test('shards merge into one run: every scenario once, as the shard that ran it saw it', () => {
  const shard1: RunView = {
    features: [feature('features/a.feature', [scenario('features/a.feature:3', true), scenario('features/a.feature:9', false)]), feature('features/b.feature', [scenario('features/b.feature:4', false)])],
    startedAt: new Date(1000), finishedAt: new Date(5000), success: true, runProblems: [],
  };
  const shard2: RunView = {
    features: [feature('features/a.feature', [scenario('features/a.feature:3', false), scenario('features/a.feature:9', true)]), feature('features/b.feature', [scenario('features/b.feature:4', true)])],
    startedAt: new Date(1500), finishedAt: new Date(7000), success: false, runProblems: ['AfterAll failed'],
  };
  const merged = mergeRunViews([shard1, shard2]);
  assert.deepEqual(merged.features.map((f) => [f.uri, f.scenarios.map((s) => [s.where, s.status])]), [
    ['features/a.feature', [['features/a.feature:3', 'PASSED'], ['features/a.feature:9', 'PASSED']]],
    ['features/b.feature', [['features/b.feature:4', 'PASSED']]],
  ]);
  assert.deepEqual([merged.startedAt?.getTime(), merged.finishedAt?.getTime(), merged.success, merged.runProblems], [1000, 7000, false, ['AfterAll failed']]);
  assert.equal(shard1.features[0]!.scenarios.length, 2, 'the shards themselves are left as they were');
});
