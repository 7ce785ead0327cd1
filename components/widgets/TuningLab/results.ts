// The tuning lab's results: the best trial in a sentence with a link that opens it in the training lab, the trials
// against each hyperparameter (one dot panel per axis), the sortable table of every trial, and the CSV and JSON
// downloads, which write exactly the table's rows. Redrawn when a trial ends, never on each progress message.
import type { TrialDot } from '../../charts/trialsChart';
import { el } from '../../lib/dom';
import { lazyImport } from '../../lib/lazyImport';
import { fmt } from '../../lib/format';
import type { SearchInput, SearchRunner, Trial } from './runner';
import { AXES, AXIS_NAMES, METHOD_NAMES, type Axis } from './search';
import { TASK_INFO } from './tasks';
import { toCsv, toJson, trialRows, type TrialRow } from './export';
import { trainingLabUrl } from './links';

const count = (n: number): string => n.toLocaleString('en-US');
const CELL_NAMES: Record<string, string> = { rnn: 'RNN', gru: 'GRU', lstm: 'LSTM' };

/** The dot panels (d3 scales): loaded when the first trial of a search ends. */
const trialsChart = lazyImport(() => import('../../charts/trialsChart'));

/** A trial's settings in words: "GRU, 2 layers of 128, lr 0.001". */
export function describeSettings(t: Pick<Trial, 'settings'>): string {
  const { cell, layers, hidden, lr } = t.settings;
  return `${CELL_NAMES[cell]}, ${layers} layer${layers === 1 ? '' : 's'} of ${hidden}, lr ${lr}`;
}

/** The table's columns: the row field each shows, its header, and how a value is written. */
const COLUMNS: { key: keyof TrialRow; header: string; numeric: boolean }[] = [
  { key: 'trial', header: '#', numeric: true },
  { key: 'rung', header: 'round', numeric: true },
  { key: 'cell', header: 'cell', numeric: false },
  { key: 'hidden_size', header: 'hidden', numeric: true },
  { key: 'num_layers', header: 'layers', numeric: true },
  { key: 'lr', header: 'learning rate', numeric: true },
  { key: 'parameters', header: 'parameters', numeric: true },
  { key: 'steps', header: 'steps', numeric: true },
  { key: 'best_val_loss', header: 'best validation loss', numeric: true },
  { key: 'best_step', header: 'at step', numeric: true },
  { key: 'metric', header: 'metric', numeric: true },
  { key: 'status', header: 'status', numeric: false },
  { key: 'overfit_from_step', header: 'overfitting', numeric: true },
  { key: 'seconds', header: 'time (s)', numeric: true },
];

/** How a cell of the table shows a row's value. */
function shown(row: TrialRow, key: keyof TrialRow, input: SearchInput): string {
  const v = row[key];
  if (v === null) return key === 'overfit_from_step' ? 'no' : '–';
  if (key === 'cell') return CELL_NAMES[v as string] ?? String(v);
  if (key === 'best_val_loss') return fmt(v as number, 3);
  if (key === 'metric') return TASK_INFO[input.task].metric.format(v as number);
  if (key === 'overfit_from_step') return `after step ${count(v as number)}`;
  if (key === 'parameters' || key === 'steps' || key === 'best_step') return count(v as number);
  return String(v);
}

/** Save `text` as a file the browser downloads. */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The results section; `render(runner)` brings it up to date. */
export class ResultsPanel {
  readonly element: HTMLElement;
  private readonly best = el('p', { class: 'tl-best', 'aria-live': 'polite' });
  private readonly open = el('a', { class: 'button button-primary tl-open', hidden: true }, 'Open in the training lab');
  private readonly panels = el('div', { class: 'tl-panels' });
  private readonly table: HTMLTableElement;
  private readonly head = el('tr', {});
  private readonly body = el('tbody', {});
  private readonly exports: HTMLButtonElement[];
  private sortKey: keyof TrialRow = 'trial';
  private sortUp = true;
  private runner: SearchRunner | null = null;
  /** The trial count and best trial the panels were last drawn for, so they are redrawn only when either changes. */
  private drawn = '';

  /** @param workers the pool's size, written into the JSON export */
  constructor(
    base: string,
    private readonly workers: () => number,
  ) {
    const csv = el('button', { type: 'button', class: 'button', onclick: () => this.export('csv') }, 'Download CSV');
    const json = el('button', { type: 'button', class: 'button', onclick: () => this.export('json') }, 'Download JSON');
    this.exports = [csv, json];
    const captionId = `${base}-table-caption`;
    // The table's name sits above its scrolling box, not in a caption, which would scroll out of sight at 360 px.
    this.table = el(
      'table',
      { class: 'tl-table', 'aria-labelledby': captionId },
      el('thead', {}, this.head),
      this.body,
    );
    this.element = el(
      'section',
      { class: 'tl-results', 'aria-label': 'Results' },
      el('p', { class: 'tl-heading' }, 'Results'),
      el('div', { class: 'tl-best-row' }, this.best, this.open),
      this.panels,
      el('p', { class: 'tl-table-note', id: captionId }, 'Every trial; choose a column heading to sort by it.'),
      el(
        'div',
        { class: 'tl-table-wrap scroll-cue', tabindex: 0, role: 'region', 'aria-labelledby': captionId },
        this.table,
      ),
      el('div', { class: 'tl-exports' }, csv, json),
    );
    this.renderHead(null);
    this.render(null);
  }

  /** Bring everything up to date with the search (null before the first). */
  render(runner: SearchRunner | null): void {
    this.runner = runner;
    for (const b of this.exports) b.disabled = runner === null || runner.trials.every((t) => t.record.steps === 0);
    if (!runner) {
      this.best.textContent = 'No search yet: choose a space and a method, then start.';
      this.open.hidden = true;
      this.panels.replaceChildren();
      this.body.replaceChildren();
      this.drawn = '';
      return;
    }
    const input = runner.input;
    this.renderHead(input);
    const best = runner.best();
    const metric = TASK_INFO[input.task].metric;
    if (best && best.record.best) {
      const value = best.record.best.metrics[metric.key];
      const ended = runner.state === 'done' || runner.state === 'cancelled';
      const extra = value === undefined ? '' : ` (${metric.label} ${metric.format(value)})`;
      this.best.textContent =
        `${ended ? 'Best' : 'Best so far'}: trial ${best.number} (${describeSettings(best)}), ` +
        `validation loss ${fmt(best.score, 3)}${extra} at step ${count(best.record.best.step)}.`;
      const href = trainingLabUrl(import.meta.env.BASE_URL, best.record.config);
      this.open.hidden = href === null;
      if (href !== null) this.open.href = href;
      // The visible words name the trial, so the link's accessible name is its text (WCAG 2.5.3, label in name).
      this.open.textContent = `Open trial ${best.number} in the training lab`;
    } else {
      this.best.textContent = `${METHOD_NAMES[input.method][0].toUpperCase()}${METHOD_NAMES[input.method].slice(1)}: no trial has finished yet.`;
      this.open.hidden = true;
    }
    this.renderRows(runner, best);
    const ended = runner.trials.filter((t) => Number.isFinite(t.score) || t.record.state === 'diverged').length;
    const key = `${runner.startedAt}:${ended}:${best?.number ?? 0}`;
    if (key !== this.drawn) {
      this.drawn = key;
      this.renderPanels(runner, best);
    }
  }

  /** The column headings: sort buttons made once (so a focused one keeps focus), their labels and order updated. */
  private renderHead(input: SearchInput | null): void {
    if (this.head.children.length === 0) {
      this.head.append(
        ...COLUMNS.map((c) =>
          el(
            'th',
            { scope: 'col', 'data-key': c.key },
            el(
              'button',
              {
                type: 'button',
                class: 'tl-sort',
                onclick: () => {
                  this.sortUp = c.key === this.sortKey ? !this.sortUp : true;
                  this.sortKey = c.key;
                  this.renderHead(this.runner?.input ?? null);
                  if (this.runner) this.renderRows(this.runner, this.runner.best());
                },
              },
              el('span', { class: 'tl-sort-label' }),
              el('span', { class: 'tl-sort-mark', 'aria-hidden': 'true' }),
            ),
          ),
        ),
      );
    }
    COLUMNS.forEach((c, i) => {
      const th = this.head.children[i] as HTMLElement;
      const sorted = c.key === this.sortKey;
      th.setAttribute('aria-sort', sorted ? (this.sortUp ? 'ascending' : 'descending') : 'none');
      th.querySelector('.tl-sort-label')!.textContent =
        c.key === 'metric' && input ? TASK_INFO[input.task].metric.label : c.header;
      th.querySelector('.tl-sort-mark')!.textContent = sorted ? (this.sortUp ? ' ▲' : ' ▼') : '';
    });
  }

  private renderRows(runner: SearchRunner, best: Trial | null): void {
    const rows = trialRows(runner.trials, runner.input);
    const key = this.sortKey;
    const column = COLUMNS.find((c) => c.key === key)!;
    const sign = this.sortUp ? 1 : -1;
    rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      // Missing values (a trial that has not evaluated) sort last either way.
      if (x === null || y === null) return x === y ? a.trial - b.trial : x === null ? 1 : -1;
      const order = column.numeric ? (x as number) - (y as number) : String(x).localeCompare(String(y));
      return sign * order || a.trial - b.trial;
    });
    this.body.replaceChildren(
      ...rows.map((row) => {
        const isBest = best !== null && row.trial === best.number;
        const tr = el(
          'tr',
          {
            class: isBest
              ? 'tl-best-trial'
              : row.status.startsWith('diverged') || row.status.startsWith('failed')
                ? 'tl-bad'
                : '',
          },
          ...COLUMNS.map((c) =>
            c.key === 'trial'
              ? el('th', { scope: 'row' }, isBest ? `${row.trial} ★ best` : String(row.trial))
              : el('td', { class: c.numeric ? 'tl-num' : '' }, shown(row, c.key, runner.input)),
          ),
        );
        return tr;
      }),
    );
  }

  /** One dot panel per hyperparameter: the trials' lowest validation loss against its value. */
  private renderPanels(runner: SearchRunner, best: Trial | null): void {
    const done = runner.trials.filter(
      (t) =>
        t.record.state !== 'queued' &&
        (Number.isFinite(t.score) || t.record.state === 'diverged' || t.record.state === 'error'),
    );
    if (done.length === 0) {
      this.panels.replaceChildren();
      return;
    }
    const charts = trialsChart.need(
      () => this.renderPanels(runner, best),
      (message) =>
        this.panels.replaceChildren(
          el('p', {}, `The charts could not load (${message}). The table below lists every trial.`),
        ),
    );
    if (!charts) return;
    const { trialsDomain, trialsPanel } = charts;
    // A successive-halving configuration counts once, at its last (longest) trial.
    const latest = new Map<string, Trial>();
    for (const t of done) latest.set(JSON.stringify(t.settings), t);
    const trials = [...latest.values()];
    const yDomain = trialsDomain(trials.map((t) => t.score));
    const random = runner.input.method !== 'grid';
    const space = runner.input.space;
    const xType = (axis: Axis): 'log' | 'point' => ((axis === 'lr' || axis === 'hidden') && random ? 'log' : 'point');
    const panels = AXES.map((axis) => {
      const dots: TrialDot[] = trials.map((t) => ({
        trial: t.number,
        x: axis === 'cell' ? CELL_NAMES[t.settings.cell] : t.settings[axis],
        y: t.score,
        best: t === best,
      }));
      const domain =
        xType(axis) === 'point'
          ? axis === 'cell'
            ? space.cell.map((c) => CELL_NAMES[c])
            : [...space[axis]]
          : undefined;
      return el(
        'figure',
        { class: 'tl-panel' },
        trialsPanel(dots, {
          xLabel: AXIS_NAMES[axis].label,
          yLabel: 'best validation loss',
          xType: xType(axis),
          xDomain: domain,
          yDomain,
          ariaLabel: `Best validation loss of each trial against its ${AXIS_NAMES[axis].label}; the table below lists the same numbers.`,
        }),
      );
    });
    this.panels.replaceChildren(...panels);
  }

  private export(kind: 'csv' | 'json'): void {
    const runner = this.runner;
    if (!runner) return;
    const stamp = `${runner.input.task}-${runner.input.method}`;
    if (kind === 'csv') download(`tuning-lab-${stamp}.csv`, 'text/csv', toCsv(runner.trials, runner.input));
    else
      download(
        `tuning-lab-${stamp}.json`,
        'application/json',
        toJson(runner.trials, runner.input, { method: METHOD_NAMES[runner.input.method], workers: this.workers() }),
      );
  }
}
