/**
 * Where the time goes, from a V8 CPU profile (`node --cpu-prof …`): self time per package
 * (or per repository folder), and the heaviest frames by inclusive time, optionally within a
 * window of the run (e.g. only the measured loop, not start-up).
 *
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/profile-summary.ts <file.cpuprofile> [fromS toS]
 *   … --timeline   per-second top packages, to find the window
 *
 * Cucumber workers inherit the coordinator's exec flags, so
 * `node --cpu-prof --cpu-prof-dir=prof node_modules/@cucumber/cucumber/bin/cucumber.js …`
 * writes one profile per process (coordinator and each worker).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A package name for node_modules frames, `node:<module>` for Node's own, else the repo folder. */
function groupOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(gc)';
  if (!url) return '(native)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.replace(/^.*?\/(src|support|steps|bench)\//, '$1/').split('/').slice(0, 3).join('/');
}

function main(): void {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: bench/profile-summary.ts <file.cpuprofile> [fromSeconds toSeconds | --timeline]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const timeline = rest[0] === '--timeline';
  const from = timeline || rest[0] === undefined ? 0 : Number(rest[0]);
  const to = timeline || rest[1] === undefined ? Number.POSITIVE_INFINITY : Number(rest[1]);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const perSecond = new Map<number, Map<string, number>>();
  let clock = 0;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    clock += ms;
    const node = byId.get(id)!;
    const group = groupOf(node);
    const second = Math.floor(clock / 1000);
    const bucket = perSecond.get(second) ?? new Map<string, number>();
    bucket.set(group, (bucket.get(group) ?? 0) + ms);
    perSecond.set(second, bucket);
    if (clock / 1000 < from || clock / 1000 > to) return;
    total += ms;
    self.set(group, (self.get(group) ?? 0) + ms);
    if (group === '(idle)') return;
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const frame = byId.get(current)!;
      const key = `${frame.callFrame.functionName || '(anonymous)'} [${groupOf(frame)}]`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  });

  const row = (ms: number, label: string) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${label}`;
  if (timeline) {
    for (const [second, bucket] of perSecond) {
      console.log(`${String(second).padStart(4)} s  ${[...bucket].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([group, ms]) => `${group} ${ms.toFixed(0)}`).join(', ')}`);
    }
    return;
  }
  console.log(`${file}: ${total.toFixed(0)} ms sampled${Number.isFinite(to) ? ` in ${from}–${to} s` : ''}`);
  console.log('— self time by package / folder');
  for (const [group, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(row(ms, group));
  console.log('— heaviest frames, inclusive (idle excluded)');
  for (const [frame, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).filter(([frame]) => !/\[(\(native\)|node:internal)\]$/.test(frame)).slice(0, 30)) console.log(row(ms, frame));
}

main();
