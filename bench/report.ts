/**
 * What every benchmark returns, and how the runner prints it: one row per figure, with its
 * target beside it and whether the target is met. Figures without a target are context (counts,
 * shares, baselines) and print with an empty target column.
 */

export interface Target {
  /** `<=`: the figure must not exceed `value`; `>=`: it must reach it. */
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  /** Stable key for results.json, e.g. `round_trip_p50_ms`. */
  key: string;
  /** What a reader sees in the table, e.g. `round trip p50`. */
  label: string;
  /** NaN when the figure could not be measured (the benchmark's `error` says why). */
  value: number;
  unit: string;
  target?: Target;
  note?: string;
  /**
   * What the run measured that explains this figure, printed under it when its target is
   * missed (e.g. which phase the time went to), so a miss reads with its reason.
   */
  why?: string;
}

export interface BenchResult {
  name: string;
  figures: Figure[];
  /** Set when the benchmark could not run (e.g. a part it needs has not landed yet). */
  error?: string;
  /** Raw material for results.json: sample summaries, parameters. */
  details?: Record<string, unknown>;
  durationMs?: number;
}

export interface BenchOptions {
  /** Small counts for a CI smoke run. */
  quick: boolean;
  /** Prints progress lines to stderr. */
  log: (line: string) => void;
}

export type Verdict = 'met' | 'MISSED' | '';

export function verdict(figure: Figure): Verdict {
  if (!figure.target || Number.isNaN(figure.value)) return '';
  const { op, value } = figure.target;
  return (op === '<=' ? figure.value <= value : figure.value >= value) ? 'met' : 'MISSED';
}

export function formatValue(value: number, unit: string): string {
  if (Number.isNaN(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = value.toFixed(digits);
  return unit === '×' ? `${number}×` : unit ? `${number} ${unit}` : number;
}

function formatTarget(figure: Figure): string {
  if (!figure.target) return '';
  const { op, value } = figure.target;
  return `${op === '<=' ? '≤' : '≥'} ${value}${figure.unit === '×' ? '×' : figure.unit ? ` ${figure.unit}` : ''}`;
}

/**
 * The previous full run's figures by key (`bench/baseline.json`, committed by whoever ran the
 * last full bench with `--save-baseline`), shown beside each new figure so a change's cost reads
 * in one table.
 */
export interface Baseline {
  generatedAt: string;
  commit?: string;
  figures: Record<string, number>;
}

function previous(figure: Figure, baseline?: Baseline): string {
  const value = baseline?.figures[figure.key];
  return value === undefined || value === null ? '' : formatValue(value, figure.unit);
}

/** A plain-text table of every figure, grouped by benchmark, with the baseline's figure beside it. */
export function renderTable(results: readonly BenchResult[], baseline?: Baseline): string {
  const header = ['benchmark', 'figure', 'value', 'previous', 'target', ''];
  const rows: string[][] = [];
  for (const result of results) {
    if (result.error) rows.push([result.name, `not measured: ${result.error}`, '', '', '', '']);
    for (const figure of result.figures) {
      rows.push([result.name, figure.label, formatValue(figure.value, figure.unit), previous(figure, baseline), formatTarget(figure), verdict(figure)]);
      if (verdict(figure) === 'MISSED' && figure.why) rows.push(['', `  why: ${figure.why}`, '', '', '', '']);
    }
  }
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => [...row[column]!].length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as Markdown, for the README's Performance section. */
export function renderMarkdown(results: readonly BenchResult[], baseline?: Baseline): string {
  const lines = ['| benchmark | figure | value | previous | target | |', '|---|---|---|---|---|---|'];
  for (const result of results) {
    if (result.error) lines.push(`| ${result.name} | not measured: ${result.error} | | | | |`);
    for (const figure of result.figures) {
      const why = verdict(figure) === 'MISSED' && figure.why ? ` (why: ${figure.why})` : '';
      lines.push(`| ${result.name} | ${figure.label} | ${formatValue(figure.value, figure.unit)} | ${previous(figure, baseline)} | ${formatTarget(figure)} | ${verdict(figure)}${why} |`);
    }
  }
  return lines.join('\n');
}
