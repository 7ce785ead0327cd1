// What the gate inspector shows of a forward pass: overview, diagram, gate arithmetic, heatmaps, tables, footnote.
import type { GateName } from '../../../engine';
import { heatmapColor, setHighlightCol } from '../../charts/heatmap';
import { el } from '../../lib/dom';
import { fmt, fmtVector } from '../../lib/format';
import { cellDiagram, type CellDiagram } from './diagram';
import { GATE_INFO } from './equations';
import { gatesOf, gateTerms, isTanhGate, previousStep, trainingInfo, type Inspection, type RowTrace } from './model';
import { overview, overviewGeometry, readSpan } from './network';
import { arithmeticTable, heatmapPanels, numberTables, weightTables } from './panels';
import { CELL_LABELS, type GateInspectorState } from './state';
import { HIDDEN_SIZE, TRAIN_DEFAULTS } from './train';

const sigmoidColor = heatmapColor(1, 'sequential');
const tanhColor = heatmapColor(1);
/** A gate's colour for an activation: σ gates on a sequential ramp from 0 to 1, tanh gates diverging around 0. */
const gateColor = (gate: GateName, v: number): string => (isTanhGate(gate) ? tanhColor(v) : sigmoidColor(v));

/** Everything a readout draws from: the forward pass shown, the reader's choices, the width available, the id prefix. */
export interface Scene {
  run: Inspection;
  state: GateInspectorState;
  /** Content width in pixels. */
  width: number;
  /** The element's id (or `gate-inspector`), the prefix of every id inside it. */
  base: string;
}

/** A row's name in prose: "the cell", "the forward row", "layer 2". */
export function rowName(state: Pick<GateInspectorState, 'view'>, row: number): string {
  if (state.view === 'bidirectional') return row === 0 ? 'the forward row' : 'the backward row';
  if (state.view === 'stacked') return `layer ${row + 1}`;
  return 'the cell';
}

/** Each row's label in the overview and the charts ("→ forward", "layer 2", "LSTM") and its short form ("→", "L2", ""). */
export function rowLabels(run: Inspection): { label: string; short: string }[] {
  const { config } = run;
  return run.rows.map((row) =>
    config.bidirectional
      ? row.direction === 'forward'
        ? { label: '→ forward', short: '→' }
        : { label: '← backward', short: '←' }
      : config.numLayers > 1
        ? { label: `layer ${row.layer + 1}`, short: `L${row.layer + 1}` }
        : { label: CELL_LABELS[config.cell], short: '' },
  );
}

/** The row whose cell is open (the first if the state names a row the pass lacks). */
export const openRow = ({ run, state }: Pick<Scene, 'run' | 'state'>): RowTrace =>
  run.rows[state.row - 1] ?? run.rows[0];

const scrollRegion = (label: string, className = 'gi-scroll'): HTMLElement =>
  el('div', { class: `${className} scroll-cue`, tabindex: 0, role: 'region', 'aria-label': label });

/** The readouts' elements, created empty and filled by the render methods; the element places them in its layout. */
export class Readouts {
  readonly overview = el('div', {
    class: 'gi-overview scroll-cue',
    tabindex: 0,
    role: 'region',
    'aria-label': 'The network unrolled over the sequence (scrolls sideways on narrow screens)',
  });
  readonly caption = el('p', { class: 'gi-caption' });
  readonly diagram = el('div', { class: 'gi-diagram' });
  readonly eqTitle: HTMLElement;
  readonly eqRole = el('p', { class: 'gi-eq-role' });
  readonly eqNumbers = scrollRegion('The gate’s equation with the numbers of this step', 'gi-tex gi-scroll');
  readonly eqState = scrollRegion('The state update with the numbers of this step', 'gi-tex gi-scroll');
  readonly eqNote = el('p', { class: 'gi-note' });
  readonly arithmetic = scrollRegion('Arithmetic of the gate, unit by unit');
  readonly weights = scrollRegion('The gate’s weights', 'gi-scroll gi-weights');
  readonly chartsTitle = el('p', { class: 'gi-panel-title' });
  readonly legends = el('div', { class: 'gi-legends' });
  readonly charts = el('div', { class: 'gi-charts' });
  readonly rowsTitle = el('p', { class: 'gi-panel-title' });
  readonly rowCharts = el('div', { class: 'gi-charts' });
  readonly tables = scrollRegion('The numbers behind the heatmaps');
  readonly footnote = el('p', { class: 'gi-footnote' });
  readonly live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  private cellDiagram: CellDiagram | null = null;

  /** @param eqTitleId the id of the equation's title, which labels the equation region */
  constructor(eqTitleId: string) {
    this.eqTitle = el('p', { class: 'gi-eq-title', id: eqTitleId });
  }

  /** The network unrolled, striped by the chosen gate, and the caption saying what step t has read and reports. */
  renderOverview({ run, state, width, base }: Scene): void {
    const { t, gate } = state;
    const labels = rowLabels(run);
    const T = run.T;
    const picture = overview(
      {
        x: state.seq,
        yhat: run.yhat,
        rows: run.rows.map((row, r) => ({
          ...labels[r],
          direction: row.direction,
          stripes: row.gates[gate] ?? [],
        })),
        t,
        row: state.row - 1,
        width,
        color: (v) => gateColor(gate, v),
        markerId: `${base}-net-arrow`,
      },
      `The network over ${T} steps: ${run.rows.length} row${run.rows.length > 1 ? 's' : ''} of cells, each ` +
        `cell striped by its ${gate} gate’s ${HIDDEN_SIZE} units; step ${t} is marked.`,
    );
    this.overview.replaceChildren(picture);
    // Keep the current step in view when the overview is wider than the widget, after the frame's layout
    // (reading scroll positions right after changing the DOM would force a synchronous layout).
    const geometry = overviewGeometry(width, T, run.rows.length);
    if (geometry.width > width) {
      const scroll = this.overview;
      const left = geometry.gutter + (t - 1) * geometry.pitch;
      requestAnimationFrame(() => {
        if (left < scroll.scrollLeft || left + geometry.pitch > scroll.scrollLeft + scroll.clientWidth)
          scroll.scrollLeft = Math.max(0, left - scroll.clientWidth / 2);
      });
    }
    this.caption.replaceChildren(...caption(run, state));
  }

  /** The cell diagram at step t with the chosen gate lit; built again only when the cell changes. */
  renderDiagram(scene: Scene, onGate: (gate: GateName) => void, isOpen: (gate: GateName) => boolean): void {
    const { cell, gate, t } = scene.state;
    if (!this.cellDiagram || this.cellDiagram.element.classList.contains(`is-${cell}`) === false) {
      this.cellDiagram = cellDiagram(cell, HIDDEN_SIZE, `${scene.base}-cell-arrow`);
      for (const [g, node] of this.cellDiagram.gateNodes) {
        node.addEventListener('click', () => onGate(g));
        node.addEventListener('focus', () => {
          if (!isOpen(g)) onGate(g);
        });
        node.addEventListener('keydown', (event: KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onGate(g);
          }
        });
      }
      this.diagram.replaceChildren(this.cellDiagram.element);
    }
    const row = openRow(scene);
    const values = Object.fromEntries(gatesOf(cell).map((g) => [g, row.gates[g]?.[t - 1] ?? []]));
    this.cellDiagram.update(
      values,
      gate,
      gateColor,
      (g) => `${GATE_INFO[g].name} ${g}${g === gate ? ' (shown)' : ''}: ${values[g].map((v) => fmt(v, 2)).join(', ')}`,
    );
  }

  /** The chosen gate's title, role and notes, its unit-by-unit arithmetic and its weights (the typeset equations are separate). */
  renderEquation(scene: Scene): void {
    const { run, state } = scene;
    const { cell, gate, t } = state;
    const row = openRow(scene);
    const T = run.T;
    const info = GATE_INFO[gate];
    const where = run.rows.length > 1 ? ` — ${rowName(state, state.row - 1)}` : '';
    this.eqTitle.replaceChildren(el('b', {}, `${gate}`), ` — the ${info.name}, step ${t}${where}`);
    this.eqRole.textContent = `It decides ${info.role}.`;
    const notes: string[] = [];
    if (previousStep(row, t - 1, T) < 0)
      notes.push(
        `The state before the first step this row reads (${row.direction === 'reverse' ? `step ${T + 1}` : 'step 0'}) is zero.`,
      );
    if (row.direction === 'reverse')
      notes.push(
        'The backward row reads the sequence from the end, so its previous step is t + 1; it has its own weights (PyTorch’s weight_ih_l0_reverse…).',
      );
    if (row.layer > 0)
      notes.push(
        `Layer ${row.layer + 1} reads layer ${row.layer}’s h as its input, so its W_i${gate} has ${HIDDEN_SIZE} columns.`,
      );
    this.eqNote.textContent = notes.join(' ');
    this.eqNote.hidden = notes.length === 0;

    this.arithmetic.replaceChildren(arithmeticTable(row, cell, gateTerms(row, cell, gate, t - 1, T), t));
    this.weights.replaceChildren(...weightTables(row, cell, gate));
  }

  /** Draw the heatmaps of a pass, for the open row; selection and step are marked by `markCharts`. */
  drawCharts({ run, state, width }: Scene): void {
    const panels = heatmapPanels(
      run,
      state.row - 1,
      rowLabels(run).map((l) => l.label),
      width,
    );
    const where = run.rows.length > 1 ? ` of ${rowName(state, state.row - 1)}` : '';
    this.chartsTitle.textContent = `Every gate${where}, unit by step (the chosen gate is framed)`;
    this.legends.replaceChildren(...panels.legends);
    this.charts.style.setProperty('--gi-columns', String(panels.columns));
    this.charts.replaceChildren(...panels.gates);
    this.rowsTitle.parentElement!.hidden = panels.rows.length === 0;
    this.rowsTitle.textContent = `${state.cell === 'lstm' ? 'The memory c' : 'The state h'} of every row`;
    this.rowCharts.style.setProperty('--gi-columns', String(panels.columns));
    this.rowCharts.replaceChildren(...panels.rows);
  }

  /** Frame the chosen gate's (and the open row's) heatmap and mark step t in every heatmap. */
  markCharts({ state }: Pick<Scene, 'state'>): void {
    const { gate, t } = state;
    const figures = [this.charts, this.rowCharts].flatMap((box) => [...box.querySelectorAll<HTMLElement>('.gi-chart')]);
    for (const figure of figures) {
      const shown = figure.dataset.gate === gate || figure.dataset.row === String(state.row - 1);
      figure.classList.toggle('is-selected', shown);
      const chart = figure.lastElementChild;
      if (chart) setHighlightCol(chart, t - 1);
    }
  }

  /** The numbers behind the heatmaps, as tables. */
  renderTables({ run, state }: Scene): void {
    const where = run.rows.length > 1 ? `, ${rowName(state, state.row - 1)}` : '';
    this.tables.replaceChildren(
      ...numberTables(
        run,
        state.seq,
        state.row - 1,
        rowLabels(run).map((l) => l.label),
        where,
      ),
    );
  }

  /** How the shown network was trained, and that the page runs only its forward pass. */
  renderFootnote({ run, state }: Scene): void {
    const info = trainingInfo(run.config);
    this.footnote.textContent =
      `The weights are fixed: this ${CELL_LABELS[state.cell]} (${HIDDEN_SIZE} units per row) was trained in ` +
      `advance with this course’s engine, ${info.steps} Adam steps on random sequences of ` +
      `${TRAIN_DEFAULTS.minLen}–${TRAIN_DEFAULTS.maxLen} numbers, to report the value at the latest mark it ` +
      `has read${run.config.bidirectional ? ' (anywhere in the sequence, as it reads both ways)' : ''}; ` +
      `mean squared error ${info.finalLoss.toFixed(4)}. Here the engine runs one forward pass over your ` +
      `numbers.`;
  }

  /** Tell screen readers what step t shows: the input, the chosen gate's values and the report. */
  announce(scene: Scene): void {
    const { run, state } = scene;
    const { t, gate } = state;
    const values = openRow(scene).gates[gate]?.[t - 1] ?? [];
    const step = state.seq[t - 1];
    this.live.textContent =
      `Step ${t}: x = ${fmt(step.value, 2)}${step.marked ? ', marked' : ''}. ${gate} = ` +
      `${fmtVector(values)}. Reported ŷ = ${fmt(run.yhat[t - 1] ?? 0, 2)}.`;
  }
}

/** The overview's caption: what step t reads, what each row has read so far, what the network reports. */
function caption(run: Inspection, state: GateInspectorState): (Node | string)[] {
  const { t } = state;
  const T = run.T;
  const step = state.seq[t - 1];
  const sub = (i: number): HTMLElement => el('sub', {}, String(i));
  const read = (direction: 'forward' | 'reverse'): HTMLElement[] => {
    const [a, b] = readSpan(direction, t, T);
    const [first, last] = direction === 'forward' ? [a, b] : [b, a];
    return first === last ? [el('span', {}, 'x', sub(first))] : [el('span', {}, 'x', sub(first), ' … x', sub(last))];
  };
  const yhat = el(
    'span',
    {},
    'It reports ŷ',
    sub(t),
    ` = ${fmt(run.yhat[t - 1] ?? 0, 2)}; the task’s answer is ${fmt(run.target[t - 1] ?? 0, 2)}.`,
  );
  const input = el(
    'span',
    {},
    `Step ${t} reads x`,
    sub(t),
    ` = ${fmt(step.value, 2)}${step.marked ? ' (marked: remember it)' : ''}. `,
  );
  let story: (Node | string)[];
  if (run.config.bidirectional) {
    story = [
      'The forward cell at this step has read ',
      ...read('forward'),
      '; the backward cell has read ',
      ...read('reverse'),
      ' (it starts at the end), so together they have seen the whole sequence. ',
    ];
  } else if (run.config.numLayers > 1) {
    story = [`Each layer reads the layer below’s h`, sub(t), '; all of them have read ', ...read('forward'), '. '];
  } else {
    story = ['The cell has read ', ...read('forward'), '. '];
  }
  return [input, ...story, yhat];
}
