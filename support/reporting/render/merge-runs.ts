/**
 * One run out of several: the shards of a CI run each write their own messages, and the living
 * documentation shows them as one. A scenario is known by where it is written (file and line,
 * the same in every shard), since cucumber's ids differ from run to run; each shard lists every
 * scenario but runs only its own, so the one that ran is kept, once.
 */
import type { FeatureView, RunView, ScenarioView } from './run-model';

export function mergeRunViews(runs: readonly RunView[]): RunView {
  if (runs.length === 1) return runs[0]!;
  const features = new Map<string, FeatureView>();
  const scenarios = new Map<string, ScenarioView>();
  for (const run of runs) {
    for (const feature of run.features) {
      if (!features.has(feature.uri)) features.set(feature.uri, { ...feature, scenarios: [] });
      for (const scenario of feature.scenarios) {
        const known = scenarios.get(scenario.where);
        if (!known || (known.attempts === 0 && scenario.attempts > 0)) scenarios.set(scenario.where, scenario);
      }
    }
  }
  for (const [where, scenario] of scenarios) features.get(where.replace(/:\d+$/, ''))!.scenarios.push(scenario);
  for (const feature of features.values()) feature.scenarios.sort((a, b) => lineOf(a) - lineOf(b));
  const times = (pick: (run: RunView) => Date | undefined) => runs.map(pick).filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  const started = times((run) => run.startedAt);
  const finished = times((run) => run.finishedAt);
  return {
    features: [...features.values()].sort((a, b) => a.uri.localeCompare(b.uri)),
    startedAt: started.length ? new Date(Math.min(...started)) : undefined,
    finishedAt: finished.length ? new Date(Math.max(...finished)) : undefined,
    success: runs.some((run) => run.success === undefined) ? undefined : runs.every((run) => run.success),
    runProblems: runs.flatMap((run) => run.runProblems),
  };
}

function lineOf(scenario: ScenarioView): number {
  return Number(/:(\d+)$/.exec(scenario.where)?.[1] ?? scenario.line);
}
