// Several training runs on one chart: each run's training curve (thin) and validation curve (thick, with a dot per
// evaluation) in the run's colour and named at its end, baselines as dashed rules, marked points (an overfitting turn,
// restored weights), a y range that a diverged run cannot blow up, a legend, and the same numbers as a table.
import * as Plot from '@observablehq/plot';

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

const usable = (y: number, logY: boolean): boolean => Number.isFinite(y) && (!logY || y > 0);

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
 * Draws the runs: training curves thin and faded, validation curves thick with a dot per evaluation, each run named
 * at its last point, baselines as labelled dashed rules, marks as rings with a word. Plot's own legend is off; use
 * `runsLegend` beside the chart.
 * @returns the SVG (a figure element if Plot adds one)
 */
export function runsChart(runs: readonly RunCurves[], options: RunsChartOptions = {}): SVGSVGElement | HTMLElement {
  const { show = 'both', logY = false, baselines = [] } = options;
  const domain = options.yDomain ? [...options.yDomain] : runsDomain(runs, baselines, { show, logY });
  // Draw emphasised runs last, so they sit on top.
  const ordered = [...runs].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  type Row = { run: string; x: number; y: number; color: string; width: number };
  const rows = (pick: (r: RunCurves) => readonly { x: number; y: number }[], base: number): Row[] =>
    ordered.flatMap((r) =>
      pick(r).map((p) => ({
        run: r.id,
        x: p.x,
        y: usable(p.y, logY) ? p.y : NaN,
        color: r.color,
        width: base + (r.emphasis ? 1 : 0),
      })),
    );
  const train = show === 'validation' ? [] : rows((r) => r.train, 1.25);
  const val = show === 'train' ? [] : rows((r) => r.val, 2.5);
  const ends = ordered
    .map((r) => {
      const curve = show === 'train' || r.val.length === 0 ? r.train : r.val;
      const last = [...curve].reverse().find((p) => usable(p.y, logY));
      return last && { x: last.x, y: Math.min(Math.max(last.y, domain[0]), domain[1]), name: r.name, color: r.color };
    })
    .filter((d) => d !== undefined);
  const marks = ordered.flatMap((r) => (r.marks ?? []).map((m) => ({ ...m, color: r.color })));
  const line = (data: Row[], opacity: number) =>
    Plot.line(data, {
      x: 'x',
      y: 'y',
      z: 'run',
      stroke: (d: Row) => d.color,
      strokeWidth: (d: Row) => d.width,
      strokeOpacity: opacity,
      clip: true,
    });
  const chart = Plot.plot({
    document: options.document,
    width: options.width ?? 560,
    height: options.height ?? 280,
    marginLeft: 56,
    marginRight: 34,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel ?? 'step' },
    y: { label: options.yLabel ?? 'loss', type: logY ? 'log' : 'linear', grid: true, domain },
    marks: [
      Plot.ruleY(baselines, { y: 'y', stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.7, clip: true }),
      Plot.text(baselines, {
        y: 'y',
        text: 'label',
        frameAnchor: 'left',
        dx: 4,
        dy: -6,
        fill: 'currentColor',
        textAnchor: 'start',
        clip: true,
      }),
      line(train, 0.55),
      line(val, 1),
      Plot.dot(val, { x: 'x', y: 'y', fill: (d: Row) => d.color, r: 2.5, clip: true }),
      Plot.dot(marks, { x: 'x', y: 'y', stroke: (d: { color: string }) => d.color, r: 7, strokeWidth: 2, clip: true }),
      Plot.text(marks, {
        x: 'x',
        y: 'y',
        text: 'label',
        dy: -13,
        fill: 'currentColor',
        fontWeight: 600,
        clip: true,
      }),
      Plot.text(ends, {
        x: 'x',
        y: 'y',
        text: 'name',
        dx: 5,
        textAnchor: 'start',
        fill: (d: { color: string }) => d.color,
        fontWeight: 700,
      }),
    ],
  });
  // One named image (its numbers are in the table): Plot's labels on its mark groups are not valid ARIA there.
  for (const svg of chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')]) {
    if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  return chart;
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
