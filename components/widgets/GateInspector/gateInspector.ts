// <gate-inspector>: a trained LSTM and GRU read the reader's numbers; the widget shows the network unrolled (one row per
// layer and direction), one cell's diagram with a chosen gate, its equation with the engine's numbers, and every gate as heatmaps.
import katex from 'katex';
import type { GateName } from '../../../engine';
import { heatmapColor, setHighlightCol } from '../../charts/heatmap';
import { el } from '../../lib/dom';
import { fmt, fmtVector } from '../../lib/format';
import { TimeControls } from '../../lib/timeControls';
import { cellDiagram, type CellDiagram } from './diagram';
import { GATE_INFO, gateSubstitutedTex, rowNotation, stateUpdateTex, type RowNotation } from './equations';
import {
  gatesOf,
  gateTerms,
  inspect,
  isTanhGate,
  previousStep,
  stateUpdate,
  trainingInfo,
  type Inspection,
  type RowTrace,
} from './model';
import { overview, overviewGeometry, readSpan } from './network';
import { arithmeticTable, heatmapPanels, numberTables, weightTables } from './panels';
import { formatSequence, MAX_STEPS, PRESETS, readSequence, type PresetName } from './sequence';
import {
  CELL_GATES,
  CELLS,
  configOf,
  COUNTERPART,
  DEFAULT_SEQUENCE,
  gateInspectorUrl,
  readState,
  reconcile,
  rowCount,
  VIEWS,
  type GateInspectorState,
  type View,
} from './state';
import { HIDDEN_SIZE, TRAIN_DEFAULTS, type CellKind } from './train';

const sigmoidColor = heatmapColor(1, 'sequential');
const tanhColor = heatmapColor(1);
const gateColor = (gate: GateName, v: number): string => (isTanhGate(gate) ? tanhColor(v) : sigmoidColor(v));

const VIEW_LABELS: Record<View, string> = { single: 'One layer', bidirectional: 'Bidirectional', stacked: 'Stacked' };
const CELL_LABELS: Record<CellKind, string> = { lstm: 'LSTM', gru: 'GRU' };
const PRESET_LABELS: Record<PresetName, string> = {
  'one mark': 'One mark',
  'early mark, long wait': 'Early mark, long wait',
  'two marks': 'Two marks',
  'no mark': 'No mark',
};

/** A row's name in prose: "the cell", "the forward row", "layer 2". */
function rowName(state: GateInspectorState, row: number): string {
  if (state.view === 'bidirectional') return row === 0 ? 'the forward row' : 'the backward row';
  if (state.view === 'stacked') return `layer ${row + 1}`;
  return 'the cell';
}

class GateInspectorElement extends HTMLElement {
  private state!: GateInspectorState;
  private run!: Inspection;
  private controls!: TimeControls;
  private diagram: CellDiagram | null = null;
  private resize: ResizeObserver | null = null;
  /** The widget's content width, measured once and then followed by a ResizeObserver (reading it per step forces layout). */
  private widthPx = 640;
  private base = 'gate-inspector';
  /** Bumped by every new forward pass; with the row and width it says when drawings are stale. */
  private runId = 0;
  private chartsKey = '';
  private tablesKey = '';
  /** Typeset equations by run, row, gate and step: KaTeX is the costliest part of a step, and readers scrub back and forth. */
  private texCache = new Map<string, HTMLElement>();
  private prefetching = false;
  private chartsFrame = 0;
  private refs!: {
    notice: HTMLElement;
    text: HTMLInputElement;
    preset: HTMLSelectElement;
    cells: Record<CellKind, HTMLButtonElement>;
    views: Record<View, HTMLButtonElement>;
    layersField: HTMLElement;
    layers: HTMLButtonElement[];
    rowField: HTMLElement;
    rowGroup: HTMLElement;
    overview: HTMLElement;
    caption: HTMLElement;
    gateList: HTMLElement;
    diagram: HTMLElement;
    eqTitle: HTMLElement;
    eqRole: HTMLElement;
    eqNumbers: HTMLElement;
    eqState: HTMLElement;
    eqNote: HTMLElement;
    arithmetic: HTMLElement;
    weights: HTMLElement;
    chartsTitle: HTMLElement;
    legends: HTMLElement;
    charts: HTMLElement;
    rowsTitle: HTMLElement;
    rowCharts: HTMLElement;
    tables: HTMLElement;
    footnote: HTMLElement;
    live: HTMLElement;
  };

  /** The engine's forward pass now shown (read by the browser tests to compare with an independent computation). */
  get inspection(): Inspection {
    return this.run;
  }

  /** The widget's current state (a copy). */
  get currentState(): GateInspectorState {
    return structuredClone(this.state);
  }

  connectedCallback(): void {
    if (this.refs) {
      // Moved in the page: keep following its width.
      if (this.resize === null) this.followWidth();
      return;
    }
    this.base = this.id || 'gate-inspector';
    const { state, notices } = readState(new URLSearchParams(location.search));
    this.state = state;
    this.run = inspect(this.state.seq, configOf(this.state));
    this.build();
    this.showNotices(notices);
    this.widthPx = this.measureWidth();
    this.render();
    this.followWidth();
  }

  disconnectedCallback(): void {
    this.controls?.pause();
    this.resize?.disconnect();
    this.resize = null;
  }

  /** Redraw the width-dependent drawings when the widget is resized (Plot and the overview draw at a fixed width). */
  private followWidth(): void {
    if (!('ResizeObserver' in window)) return;
    this.resize = new ResizeObserver(() => {
      const width = this.measureWidth();
      if (Math.abs(width - this.widthPx) > 8) {
        this.widthPx = width;
        this.render();
      }
    });
    this.resize.observe(this);
  }

  private measureWidth(): number {
    return Math.max(280, Math.floor(this.refs.overview.clientWidth || this.clientWidth || 640));
  }

  private width(): number {
    return this.widthPx;
  }

  private build(): void {
    const id = (name: string): string => `${this.base}-${name}`;
    const switchButton = (label: string, onclick: () => void, extra: Record<string, string> = {}): HTMLButtonElement =>
      el('button', { type: 'button', class: 'button gi-switch', 'aria-pressed': 'false', onclick, ...extra }, label);
    const group = (labelId: string, label: string, ...buttons: HTMLElement[]): HTMLElement =>
      el(
        'div',
        { class: 'gi-field' },
        el('span', { class: 'gi-label', id: labelId }, label),
        el('div', { class: 'gi-toggle', role: 'group', 'aria-labelledby': labelId }, ...buttons),
      );

    const text = el('input', {
      type: 'text',
      id: id('seq'),
      class: 'gi-text',
      value: formatSequence(this.state.seq),
      autocomplete: 'off',
      spellcheck: 'false',
      inputmode: 'text',
      'aria-describedby': id('seq-help'),
    });
    text.addEventListener('change', () => this.setSequence(text.value));
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.setSequence(text.value);
    });
    const preset = el(
      'select',
      { id: id('preset'), class: 'gi-select' },
      el('option', { value: '' }, 'Pick an example…'),
      ...(Object.keys(PRESETS) as PresetName[]).map((name) => el('option', { value: name }, PRESET_LABELS[name])),
    );
    preset.addEventListener('change', () => {
      const name = preset.value as PresetName | '';
      if (name === '') return;
      this.setSequence(PRESETS[name]);
      preset.value = '';
    });
    const cells = Object.fromEntries(
      CELLS.map((cell) => [cell, switchButton(CELL_LABELS[cell], () => this.setCell(cell))]),
    ) as Record<CellKind, HTMLButtonElement>;
    const views = Object.fromEntries(
      VIEWS.map((view) => [view, switchButton(VIEW_LABELS[view], () => this.setView(view))]),
    ) as Record<View, HTMLButtonElement>;
    const layers = [1, 2, 3].map((n) =>
      switchButton(String(n), () => this.setLayers(n), { 'aria-label': `${n} layer${n > 1 ? 's' : ''}` }),
    );
    const layersField = group(id('layers-label'), 'Layers', ...layers);
    const rowGroup = el('div', { class: 'gi-toggle', role: 'group', 'aria-labelledby': id('row-label') });
    const rowField = el(
      'div',
      { class: 'gi-field' },
      el('span', { class: 'gi-label', id: id('row-label') }, 'Open the cell of'),
      rowGroup,
    );

    this.controls = new TimeControls({
      label: 'Time step t',
      min: 1,
      max: this.state.seq.length,
      value: this.state.t,
      interval: () => 900,
      onChange: (t) => {
        this.state.t = t;
        this.render();
        this.save();
        if (!this.controls.playing) this.announce();
      },
      onPlayingChange: (playing) => {
        if (!playing) this.announce();
      },
    });

    this.refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      text,
      preset,
      cells,
      views,
      layersField,
      layers,
      rowField,
      rowGroup,
      overview: el('div', {
        class: 'gi-overview',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The network unrolled over the sequence (scrolls sideways on narrow screens)',
      }),
      caption: el('p', { class: 'gi-caption' }),
      gateList: el('div', { class: 'gi-toggle gi-gates', role: 'group', 'aria-label': 'Gate' }),
      diagram: el('div', { class: 'gi-diagram' }),
      eqTitle: el('p', { class: 'gi-eq-title', id: id('eq-title') }),
      eqRole: el('p', { class: 'gi-eq-role' }),
      eqNumbers: el('div', {
        class: 'gi-tex gi-scroll',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The gate’s equation with the numbers of this step',
      }),
      eqState: el('div', {
        class: 'gi-tex gi-scroll',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The state update with the numbers of this step',
      }),
      eqNote: el('p', { class: 'gi-note' }),
      arithmetic: el('div', {
        class: 'gi-scroll',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Arithmetic of the gate, unit by unit',
      }),
      weights: el('div', {
        class: 'gi-scroll gi-weights',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The gate’s weights',
      }),
      chartsTitle: el('p', { class: 'gi-panel-title' }),
      legends: el('div', { class: 'gi-legends' }),
      charts: el('div', { class: 'gi-charts' }),
      rowsTitle: el('p', { class: 'gi-panel-title' }),
      rowCharts: el('div', { class: 'gi-charts' }),
      tables: el('div', {
        class: 'gi-scroll',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The numbers behind the heatmaps',
      }),
      footnote: el('p', { class: 'gi-footnote' }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    this.refs.overview.addEventListener('click', (event) => {
      const cell = (event.target as Element).closest('[data-row]');
      if (!cell) return;
      this.state.row = Number(cell.getAttribute('data-row')) + 1;
      this.goTo(Number(cell.getAttribute('data-t')));
    });

    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', id('title'));
    this.setAttribute('aria-describedby', id('help'));
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => {
      if ((event.target as Element).closest?.('.gi-gate')) return;
      this.controls.handleKey(event);
    });
    this.replaceChildren(
      el('p', { class: 'widget-title', id: id('title') }, 'Inside the gates: an LSTM and a GRU remembering a number'),
      el(
        'p',
        { class: 'widget-help', id: id('help') },
        'Each network reads numbers from −1 to 1 and was trained to report the one marked with *. Pick a cell and a gate, then move through time (slider, ← →, Space to play).',
      ),
      this.refs.notice,
      el(
        'div',
        { class: 'gi-inputs' },
        el(
          'div',
          { class: 'gi-field gi-seq' },
          el('label', { for: text.id }, 'Sequence'),
          el(
            'div',
            { class: 'gi-seq-row' },
            text,
            el('button', { type: 'button', class: 'button', onclick: () => this.setSequence(text.value) }, 'Read'),
          ),
          el(
            'span',
            { class: 'gi-hint', id: id('seq-help') },
            `up to ${MAX_STEPS} numbers; * marks the one to remember`,
          ),
        ),
        el('div', { class: 'gi-field' }, el('label', { for: preset.id }, 'Examples'), preset),
      ),
      el(
        'div',
        { class: 'gi-inputs' },
        group(id('cell-label'), 'Cell', cells.lstm, cells.gru),
        group(id('view-label'), 'View', views.single, views.bidirectional, views.stacked),
        layersField,
        rowField,
      ),
      this.refs.overview,
      this.refs.caption,
      this.controls.element,
      el(
        'div',
        { class: 'gi-detail' },
        el(
          'div',
          { class: 'gi-diagram-panel' },
          el('p', { class: 'gi-panel-title' }, 'Choose a gate (in the list or the diagram)'),
          this.refs.gateList,
          this.refs.diagram,
        ),
        el(
          'div',
          { class: 'gi-equation', role: 'region', 'aria-labelledby': id('eq-title') },
          this.refs.eqTitle,
          this.refs.eqRole,
          this.refs.eqNumbers,
          this.refs.eqState,
          this.refs.eqNote,
          el(
            'details',
            { class: 'gi-details' },
            el('summary', {}, 'Show the arithmetic, unit by unit'),
            this.refs.arithmetic,
          ),
          el('details', { class: 'gi-details' }, el('summary', {}, 'Show this gate’s weights'), this.refs.weights),
        ),
      ),
      el('div', { class: 'gi-panel' }, this.refs.chartsTitle, this.refs.legends, this.refs.charts),
      el('div', { class: 'gi-panel gi-rows-panel' }, this.refs.rowsTitle, this.refs.rowCharts),
      el(
        'details',
        { class: 'gi-details' },
        el('summary', {}, 'The numbers behind the charts, as tables'),
        this.refs.tables,
      ),
      this.refs.footnote,
      this.refs.live,
    );
  }

  // ---------- State changes ----------

  private setSequence(raw: string): void {
    // Enter, leaving the field and the Read button can all fire for one edit; the text already shown is nothing new.
    if (raw === formatSequence(this.state.seq)) return;
    const { steps, problems } = readSequence(raw);
    const notices = [...problems];
    if (steps.length === 0) {
      notices.push('No numbers to read; showing the example sequence instead.');
      this.state.seq = structuredClone(DEFAULT_SEQUENCE);
    } else {
      this.state.seq = steps;
    }
    this.state.t = Math.min(this.state.t, this.state.seq.length);
    this.refs.text.value = formatSequence(this.state.seq);
    this.showNotices(notices);
    this.recompute();
  }

  private setCell(cell: CellKind): void {
    if (cell === this.state.cell) return;
    this.state.cell = cell;
    this.state.gate = COUNTERPART[this.state.gate];
    this.recompute();
  }

  private setView(view: View): void {
    if (view === this.state.view) return;
    this.state.view = view;
    this.recompute();
  }

  private setLayers(n: number): void {
    this.state.layers = n;
    this.recompute();
  }

  private setRow(row: number): void {
    this.state.row = row;
    this.render();
    this.save();
  }

  private setGate(gate: GateName): void {
    this.state.gate = gate;
    this.render();
    this.save();
  }

  private goTo(t: number): void {
    this.controls.pause();
    this.state.t = t;
    this.render();
    this.save();
  }

  /** A new forward pass: the sequence, the cell or the wiring changed. */
  private recompute(): void {
    this.controls.pause();
    reconcile(this.state);
    this.run = inspect(this.state.seq, configOf(this.state));
    this.runId += 1;
    this.texCache.clear();
    this.controls.setRange(1, this.state.seq.length);
    this.render();
    this.save();
  }

  private save(): void {
    gateInspectorUrl.save(this.state);
  }

  private showNotices(notices: string[]): void {
    this.refs.notice.hidden = notices.length === 0;
    this.refs.notice.textContent = notices.join(' ');
  }

  private announce(): void {
    const { t, gate } = this.state;
    const row = this.currentRow();
    const values = row.gates[gate]?.[t - 1] ?? [];
    const step = this.state.seq[t - 1];
    this.refs.live.textContent = `Step ${t}: x = ${fmt(step.value, 2)}${step.marked ? ', marked' : ''}. ${gate} = ${fmtVector(values)}. Reported ŷ = ${fmt(this.run.yhat[t - 1] ?? 0, 2)}.`;
  }

  // ---------- Rendering ----------

  private currentRow(): RowTrace {
    return this.run.rows[this.state.row - 1] ?? this.run.rows[0];
  }

  private notation(row: RowTrace): RowNotation {
    return rowNotation(row.layer, this.run.config.numLayers, row.direction, this.run.config.bidirectional);
  }

  private render(): void {
    this.controls.setValue(this.state.t);
    this.renderControls();
    this.renderOverview();
    this.renderDiagram();
    this.renderEquation();
    this.renderCharts();
    this.renderTables();
    const info = trainingInfo(this.run.config);
    this.refs.footnote.textContent = `The weights are fixed: this ${CELL_LABELS[this.state.cell]} (${HIDDEN_SIZE} units per row) was trained in advance with this course’s engine, ${info.steps} Adam steps on random sequences of ${TRAIN_DEFAULTS.minLen}–${TRAIN_DEFAULTS.maxLen} numbers, to report the value at the latest mark it has read${this.run.config.bidirectional ? ' (anywhere in the sequence, as it reads both ways)' : ''}; mean squared error ${info.finalLoss.toFixed(4)}. Here the engine runs one forward pass over your numbers.`;
  }

  private renderControls(): void {
    const s = this.state;
    if (document.activeElement !== this.refs.text) this.refs.text.value = formatSequence(s.seq);
    for (const cell of CELLS) this.refs.cells[cell].setAttribute('aria-pressed', String(cell === s.cell));
    for (const view of VIEWS) this.refs.views[view].setAttribute('aria-pressed', String(view === s.view));
    this.refs.layersField.hidden = s.view !== 'stacked';
    this.refs.layers.forEach((b, k) => b.setAttribute('aria-pressed', String(k + 1 === s.layers)));
    const rows = rowCount(s);
    this.refs.rowField.hidden = rows === 1;
    const rowLabels =
      s.view === 'bidirectional'
        ? ['→ Forward', '← Backward']
        : Array.from({ length: rows }, (_, k) => `Layer ${k + 1}`);
    if (this.refs.rowGroup.childElementCount !== rows || this.refs.rowGroup.dataset.view !== s.view) {
      this.refs.rowGroup.dataset.view = s.view;
      this.refs.rowGroup.replaceChildren(
        ...rowLabels.map((label, k) =>
          el(
            'button',
            { type: 'button', class: 'button gi-switch', 'aria-pressed': 'false', onclick: () => this.setRow(k + 1) },
            label,
          ),
        ),
      );
    }
    [...this.refs.rowGroup.children].forEach((b, k) => b.setAttribute('aria-pressed', String(k + 1 === s.row)));
    const gates = CELL_GATES[s.cell];
    if (this.refs.gateList.dataset.cell !== s.cell) {
      this.refs.gateList.dataset.cell = s.cell;
      this.refs.gateList.replaceChildren(
        ...gates.map((gate) =>
          el(
            'button',
            {
              type: 'button',
              class: 'button gi-switch',
              'data-gate': gate,
              'aria-pressed': 'false',
              onclick: () => this.setGate(gate),
            },
            el('b', {}, gate),
            ` ${GATE_INFO[gate].name}`,
          ),
        ),
      );
    }
    for (const b of this.refs.gateList.children)
      b.setAttribute('aria-pressed', String(b.getAttribute('data-gate') === s.gate));
  }

  private rowLabels(): { label: string; short: string }[] {
    const { config } = this.run;
    return this.run.rows.map((row) =>
      config.bidirectional
        ? row.direction === 'forward'
          ? { label: '→ forward', short: '→' }
          : { label: '← backward', short: '←' }
        : config.numLayers > 1
          ? { label: `layer ${row.layer + 1}`, short: `L${row.layer + 1}` }
          : { label: CELL_LABELS[config.cell], short: '' },
    );
  }

  private renderOverview(): void {
    const { t, gate } = this.state;
    const labels = this.rowLabels();
    const T = this.run.T;
    const picture = overview(
      {
        x: this.state.seq,
        yhat: this.run.yhat,
        rows: this.run.rows.map((row, r) => ({
          ...labels[r],
          direction: row.direction,
          stripes: row.gates[gate] ?? [],
        })),
        t,
        row: this.state.row - 1,
        width: this.width(),
        color: (v) => gateColor(gate, v),
        markerId: `${this.base}-net-arrow`,
      },
      `The network over ${T} steps: ${this.run.rows.length} row${this.run.rows.length > 1 ? 's' : ''} of cells, each cell striped by its ${gate} gate’s ${HIDDEN_SIZE} units; step ${t} is marked.`,
    );
    this.refs.overview.replaceChildren(picture);
    // Keep the current step in view when the overview is wider than the widget, after the frame's layout
    // (reading scroll positions right after changing the DOM would force a synchronous layout).
    const geometry = overviewGeometry(this.width(), T, this.run.rows.length);
    if (geometry.width > this.width()) {
      const scroll = this.refs.overview;
      const left = geometry.gutter + (t - 1) * geometry.pitch;
      requestAnimationFrame(() => {
        if (left < scroll.scrollLeft || left + geometry.pitch > scroll.scrollLeft + scroll.clientWidth)
          scroll.scrollLeft = Math.max(0, left - scroll.clientWidth / 2);
      });
    }

    const step = this.state.seq[t - 1];
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
      ` = ${fmt(this.run.yhat[t - 1] ?? 0, 2)}; the task’s answer is ${fmt(this.run.target[t - 1] ?? 0, 2)}.`,
    );
    const input = el(
      'span',
      {},
      `Step ${t} reads x`,
      sub(t),
      ` = ${fmt(step.value, 2)}${step.marked ? ' (marked: remember it)' : ''}. `,
    );
    let story: (Node | string)[];
    if (this.run.config.bidirectional) {
      story = [
        'The forward cell at this step has read ',
        ...read('forward'),
        '; the backward cell has read ',
        ...read('reverse'),
        ' (it starts at the end), so together they have seen the whole sequence. ',
      ];
    } else if (this.run.config.numLayers > 1) {
      story = [`Each layer reads the layer below’s h`, sub(t), '; all of them have read ', ...read('forward'), '. '];
    } else {
      story = ['The cell has read ', ...read('forward'), '. '];
    }
    this.refs.caption.replaceChildren(input, ...story, yhat);
  }

  private renderDiagram(): void {
    const { cell, gate, t } = this.state;
    if (!this.diagram || this.diagram.element.classList.contains(`is-${cell}`) === false) {
      this.diagram = cellDiagram(cell, HIDDEN_SIZE, `${this.base}-cell-arrow`);
      for (const [g, node] of this.diagram.gateNodes) {
        node.addEventListener('click', () => this.setGate(g));
        node.addEventListener('focus', () => {
          if (this.state.gate !== g) this.setGate(g);
        });
        node.addEventListener('keydown', (event: KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            this.setGate(g);
          }
        });
      }
      this.refs.diagram.replaceChildren(this.diagram.element);
    }
    const row = this.currentRow();
    const values = Object.fromEntries(gatesOf(cell).map((g) => [g, row.gates[g]?.[t - 1] ?? []]));
    this.diagram.update(
      values,
      gate,
      gateColor,
      (g) => `${GATE_INFO[g].name} ${g}${g === gate ? ' (shown)' : ''}: ${values[g].map((v) => fmt(v, 2)).join(', ')}`,
    );
  }

  /** The typeset gate equation and state update of a row at step t, from the cache or KaTeX. */
  private typesetStep(rowIndex: number, gate: GateName, t: number): { numbers: HTMLElement; state: HTMLElement } {
    const row = this.run.rows[rowIndex];
    const { cell } = this.run.config;
    const T = this.run.T;
    const notation = this.notation(row);
    const at = `${this.runId}|${rowIndex}|${t}`;
    const tex = (key: string, source: () => string): HTMLElement => {
      let typeset = this.texCache.get(key);
      if (typeset === undefined) {
        typeset = el('div', {});
        katex.render(source(), typeset, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
        if (this.texCache.size > 400) this.texCache.clear();
        this.texCache.set(key, typeset);
      }
      return typeset;
    };
    return {
      numbers: tex(`${at}|${gate}`, () => gateSubstitutedTex(gateTerms(row, cell, gate, t - 1, T), notation, t)),
      state: tex(`${at}|state`, () => stateUpdateTex(stateUpdate(row, cell, t - 1, T), notation, t)),
    };
  }

  /** In idle time, typeset the open row and gate at every other step, so that scrubbing only swaps nodes. */
  private prefetchTex(): void {
    if (this.prefetching) return;
    this.prefetching = true;
    const idle = (fn: (deadline?: IdleDeadline) => void): void => {
      if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 2000 });
      else setTimeout(fn, 60);
    };
    const work = (deadline?: IdleDeadline): void => {
      const { gate, t } = this.state;
      const rowIndex = this.state.row - 1;
      const T = this.run.T;
      // Nearest steps first: the reader is most likely to go there next.
      const order = Array.from({ length: T }, (_, k) => k + 1).sort((a, b) => Math.abs(a - t) - Math.abs(b - t));
      const next = order.find(
        (k) =>
          !this.texCache.has(`${this.runId}|${rowIndex}|${k}|${gate}`) ||
          !this.texCache.has(`${this.runId}|${rowIndex}|${k}|state`),
      );
      if (next === undefined || !this.isConnected) {
        this.prefetching = false;
        return;
      }
      this.typesetStep(rowIndex, gate, next);
      if (deadline && deadline.timeRemaining() > 8) work(deadline);
      else idle(work);
    };
    idle(work);
  }

  private renderEquation(): void {
    const { cell, gate, t } = this.state;
    const row = this.currentRow();
    const T = this.run.T;
    const terms = gateTerms(row, cell, gate, t - 1, T);
    const info = GATE_INFO[gate];
    const where = this.run.rows.length > 1 ? ` — ${rowName(this.state, this.state.row - 1)}` : '';
    this.refs.eqTitle.replaceChildren(el('b', {}, `${gate}`), ` — the ${info.name}, step ${t}${where}`);
    this.refs.eqRole.textContent = `It decides ${info.role}.`;
    const rowIndex = this.state.row - 1;
    const show = (): void => {
      const typeset = this.typesetStep(rowIndex, gate, t);
      this.refs.eqNumbers.replaceChildren(typeset.numbers);
      this.refs.eqState.replaceChildren(typeset.state);
      this.prefetchTex();
    };
    const at = `${this.runId}|${rowIndex}|${t}`;
    if (this.texCache.has(`${at}|${gate}`) && this.texCache.has(`${at}|state`)) {
      show();
    } else {
      // Typesetting is the slowest part of a step: show the step at once, the equations a frame later.
      this.refs.eqNumbers.setAttribute('aria-busy', 'true');
      requestAnimationFrame(() => {
        this.refs.eqNumbers.removeAttribute('aria-busy');
        const s = this.state;
        if (s.gate === gate && s.t === t && s.row - 1 === rowIndex) show();
      });
    }
    const prev = previousStep(row, t - 1, T);
    const notes: string[] = [];
    if (prev < 0)
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
    this.refs.eqNote.textContent = notes.join(' ');
    this.refs.eqNote.hidden = notes.length === 0;

    this.refs.arithmetic.replaceChildren(arithmeticTable(row, cell, terms, t));
    this.refs.weights.replaceChildren(...weightTables(row, cell, gate));
  }

  /** The heatmaps: every gate (and c, h) of the open row; in the multi-row views, the memory of every row. */
  private renderCharts(): void {
    const { gate, t } = this.state;
    const key = `${this.runId}|${this.state.row}|${this.width()}`;
    if (key !== this.chartsKey) {
      // Redraw in the next frame, so the controls, the overview and the diagram answer within this one.
      this.chartsKey = key;
      if (this.chartsFrame === 0) {
        this.chartsFrame = requestAnimationFrame(() => {
          this.chartsFrame = 0;
          this.drawCharts();
          this.renderCharts();
        });
      }
      return;
    }
    for (const figure of this.querySelectorAll<HTMLElement>('.gi-chart')) {
      const shown = figure.dataset.gate === gate || figure.dataset.row === String(this.state.row - 1);
      figure.classList.toggle('is-selected', shown);
      const chart = figure.lastElementChild;
      if (chart) setHighlightCol(chart, t - 1);
    }
  }

  /** Draw the heatmaps (Plot): a new pass, another row, or another width. Selection and step are marked by renderCharts. */
  private drawCharts(): void {
    const panels = heatmapPanels(
      this.run,
      this.state.row - 1,
      this.rowLabels().map((l) => l.label),
      this.width(),
    );
    const where = this.run.rows.length > 1 ? ` of ${rowName(this.state, this.state.row - 1)}` : '';
    this.refs.chartsTitle.textContent = `Every gate${where}, unit by step (the chosen gate is framed)`;
    this.refs.legends.replaceChildren(...panels.legends);
    this.refs.charts.style.setProperty('--gi-columns', String(panels.columns));
    this.refs.charts.replaceChildren(...panels.gates);
    this.refs.rowsTitle.parentElement!.hidden = panels.rows.length === 0;
    this.refs.rowsTitle.textContent = `${this.state.cell === 'lstm' ? 'The memory c' : 'The state h'} of every row`;
    this.refs.rowCharts.style.setProperty('--gi-columns', String(panels.columns));
    this.refs.rowCharts.replaceChildren(...panels.rows);
  }

  private renderTables(): void {
    const key = `${this.runId}|${this.state.row}`;
    if (key === this.tablesKey) return;
    this.tablesKey = key;
    const where = this.run.rows.length > 1 ? `, ${rowName(this.state, this.state.row - 1)}` : '';
    this.refs.tables.replaceChildren(
      ...numberTables(
        this.run,
        this.state.seq,
        this.state.row - 1,
        this.rowLabels().map((l) => l.label),
        where,
      ),
    );
  }
}

if (!customElements.get('gate-inspector')) customElements.define('gate-inspector', GateInspectorElement);
