// Several training runs on one chart, all but the drawing (runsPlot.ts, which widgets import on first draw): the run colours,
// the curves' shape, a y range that a diverged run cannot blow up, a legend, and the same numbers as a table.
/**
 * The run colours, in order of use. Mid-tone, so each reads against both the light page (#fcfcfb) and the dark one
 * (#121519) at a contrast of at least 3:1 (a test checks); curves also differ by their end label, not colour alone.
 */
export const RUN_COLORS: readonly string[] = [
  '#1f77b4',
  '#d35400',
  '#2a9134',
  '#d62728',
  '#9467bd',
  '#a0632d',
  '#0f8b8d',
  '#c2418f',
];

/** A point marked on a run's curve, e.g. where validation loss turned up, or the step whose weights were restored. */
export interface RunMark {
  x: number;
  y: number;
  /** A word or two drawn beside it ("turn", "best restored"). */
  label: string;
}

/** One run's curves. */
export interface RunCurves {
  id: string;
  /** Short name drawn at the curve's end and in the legend, e.g. "#3". */
  name: string;
  /** The legend's text after the name, e.g. "lr 0.05 → 0.003". */
  label: string;
  /** Any CSS colour written as a value (not a var()): an SVG attribute cannot resolve custom properties. */
  color: string;
  /** Training curve (step, loss); may be empty. */
  train: readonly { x: number; y: number }[];
  /** Validation curve (step, value) at each evaluation; may be empty. */
  val: readonly { x: number; y: number }[];
  /** Draw it thicker and on top (a pinned run). */
  emphasis?: boolean;
  /** Keep it from stretching the y range (a diverged run, or one that never got better than where it started); its curve is clipped at the edge. */
  offScale?: boolean;
  marks?: readonly RunMark[];
}

/** Options of `runsChart`. */
export interface RunsChartOptions {
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Dashed horizontal rules: each task's baseline on the same scale (the unigram model's loss, chance accuracy). */
  baselines?: readonly { y: number; label: string }[];
  /** Which curves to draw (default both). */
  show?: 'both' | 'train' | 'validation';
  logY?: boolean;
  /** Fix the y range instead of `runsDomain`'s. */
  yDomain?: readonly [number, number];
  /** The chart's accessible name; it should say where the table with the same numbers is. */
  ariaLabel?: string;
  document?: Document;
}

/** Whether a value can be drawn: finite, and positive on a log scale. */
export const usable = (y: number, logY: boolean): boolean => Number.isFinite(y) && (!logY || y > 0);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
};

/** How far above the runs' typical start the y range reaches: an off-scale run 1.5 times, any other run 5 times. */
export const OFF_SCALE_CAP = 1.5;
export const SCALE_CAP = 5;

/**
 * The y range to draw: from the lowest value to the highest of the runs and the baselines, except that values far
 * above where the runs started are cut off, so one wild run cannot flatten the others: those of a run marked
 * `offScale` (diverged, or never better than where it started) above 1.5 × the reference, any others above 5 × (the reference is the larger of the baselines
 * and the runs' typical first value). A cut curve is clipped at the top edge; `clippedRuns` says which.
 */
export function runsDomain(
  runs: readonly RunCurves[],
  baselines: readonly { y: number }[] = [],
  options: { show?: RunsChartOptions['show']; logY?: boolean } = {},
): [number, number] {
  const { show = 'both', logY = false } = options;
  const rules = baselines.map((b) => b.y).filter((y) => usable(y, logY));
  const { reference } = scaleReference(runs, rules, show, logY);
  const capOf = (r: RunCurves) => (reference > 0 ? (r.offScale ? OFF_SCALE_CAP : SCALE_CAP) * reference : Infinity);
  const all = [...runs.flatMap((r) => valuesOf(r, show, logY).map((y) => Math.min(y, capOf(r)))), ...rules];
  if (all.length === 0) return logY ? [0.1, 1] : [0, 1];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi <= lo) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  if (!logY) {
    const pad = (hi - lo) * 0.04;
    lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    hi += pad;
  }
  return [lo, hi];
}

/** The runs whose curves reach above `domain`, each with the highest value it reached (for a note under the chart). */
export function clippedRuns(
  runs: readonly RunCurves[],
  domain: readonly [number, number],
  show: RunsChartOptions['show'] = 'both',
): { name: string; max: number }[] {
  return runs
    .map((r) => ({ name: r.name, max: Math.max(...valuesOf(r, show, false)) }))
    .filter((r) => r.max > domain[1]);
}

function valuesOf(r: RunCurves, show: RunsChartOptions['show'], logY: boolean): number[] {
  const curves = [...(show !== 'validation' ? [r.train] : []), ...(show !== 'train' ? [r.val] : [])];
  return curves.flatMap((c) => c.map((p) => p.y)).filter((y) => usable(y, logY));
}

function scaleReference(
  runs: readonly RunCurves[],
  rules: readonly number[],
  show: RunsChartOptions['show'],
  logY: boolean,
): { reference: number } {
  const firsts = runs
    .flatMap((r) => [...(show !== 'validation' ? [r.train] : []), ...(show !== 'train' ? [r.val] : [])])
    .map((c) => c.find((p) => usable(p.y, logY))?.y)
    .filter((y): y is number => y !== undefined);
  const reference = Math.max(median(firsts) || -Infinity, ...rules);
  return { reference: Number.isFinite(reference) ? reference : 0 };
}

/**
 * The legend beside the chart: a swatch (a solid line for training, a thick one with a dot for validation) and
 * each run's name and label. Text only, so a run's label can never become markup.
 */
export function runsLegend(runs: readonly RunCurves[], doc: Document = document): HTMLUListElement {
  const list = doc.createElement('ul');
  list.className = 'runs-legend';
  for (const r of runs) {
    const item = doc.createElement('li');
    const swatch = doc.createElement('span');
    swatch.className = 'runs-swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.setProperty('--run-color', r.color);
    const name = doc.createElement('strong');
    name.textContent = r.name;
    item.append(swatch, name, ` ${r.label}`);
    list.append(item);
  }
  return list;
}

/** The legend's key to the two kinds of curve, as text: "thin line: training loss; thick line with dots: validation …". */
export function curveKey(valueLabel: string): string {
  return `Thin line: training loss. Thick line with a dot per evaluation: validation ${valueLabel}. Dashed: baselines.`;
}

/**
 * The chart's numbers as a table (its text alternative): one row per evaluation of each run, with the run's name,
 * the step, the training loss around it and the validation value.
 * @param rows per run: its name and its evaluations
 */
export function runsTable(
  rows: readonly { name: string; evals: readonly { step: number; train: number; val: number }[] }[],
  options: { valueLabel: string; caption: string; format?: (x: number) => string; document?: Document },
): HTMLTableElement {
  const doc = options.document ?? document;
  const format = options.format ?? ((x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x)));
  const table = doc.createElement('table');
  table.className = 'runs-table';
  const caption = doc.createElement('caption');
  caption.textContent = options.caption;
  const head = doc.createElement('thead');
  const hr = doc.createElement('tr');
  for (const text of ['run', 'step', 'training loss', `validation ${options.valueLabel}`]) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    hr.append(th);
  }
  head.append(hr);
  const body = doc.createElement('tbody');
  for (const run of rows) {
    for (const e of run.evals) {
      const tr = doc.createElement('tr');
      const th = doc.createElement('th');
      th.scope = 'row';
      th.textContent = run.name;
      tr.append(th);
      for (const text of [String(e.step), format(e.train), format(e.val)]) {
        const td = doc.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      body.append(tr);
    }
  }
  table.append(caption, head, body);
  return table;
}
