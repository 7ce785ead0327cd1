// <gate-inspector>: a trained LSTM and GRU read the reader's numbers; the widget shows the network unrolled (one row per
// layer and direction), one cell's diagram with a chosen gate, its equation with the engine's numbers, and every gate as heatmaps.
import katex from 'katex';
import type { GateName } from '../../../engine';
import { heatmap, heatmapColor, heatmapLegend, setHighlightCol } from '../../charts/heatmap';
import { el } from '../../lib/dom';
import { fmt, fmtVector } from '../../lib/format';
import { TimeControls } from '../../lib/timeControls';
import { cellDiagram, type CellDiagram } from './diagram';
import { GATE_INFO, gateSubstitutedTex, rowNotation, stateUpdateTex, unitArithmetic, type RowNotation } from './equations';
import { gatesOf, gateTerms, inspect, isTanhGate, previousStep, stateUpdate, trainingInfo, type Inspection, type RowTrace } from './model';
import { overview, overviewGeometry, readSpan } from './network';
import { formatSequence, MAX_STEPS, PRESETS, readSequence, type PresetName } from './sequence';
import { CELL_GATES, CELLS, configOf, COUNTERPART, DEFAULT_SEQUENCE, gateInspectorUrl, readState, reconcile, rowCount, VIEWS, type GateInspectorState, type View } from './state';
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

/** Plain-text symbol with a subscript for labels: sym('h', 't−1'). */
const sym = (base: string, index: string): HTMLElement => el('span', { class: 'gi-sym' }, base, el('sub', {}, index));

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
    if (this.refs) return;
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
      el('div', { class: 'gi-field' },
        el('span', { class: 'gi-label', id: labelId }, label),
        el('div', { class: 'gi-toggle', role: 'group', 'aria-labelledby': labelId }, ...buttons));

    const text = el('input', {
      type: 'text', id: id('seq'), class: 'gi-text', value: formatSequence(this.state.seq), autocomplete: 'off', spellcheck: 'false',
      inputmode: 'text', 'aria-describedby': id('seq-help'),
    });
    text.addEventListener('change', () => this.setSequence(text.value));
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.setSequence(text.value);
    });
    const preset = el('select', { id: id('preset'), class: 'gi-select' },
      el('option', { value: '' }, 'Pick an example…'),
      ...(Object.keys(PRESETS) as PresetName[]).map((name) => el('option', { value: name }, PRESET_LABELS[name])));
    preset.addEventListener('change', () => {
      const name = preset.value as PresetName | '';
      if (name === '') return;
      this.setSequence(PRESETS[name]);
      preset.value = '';
    });
    const cells = Object.fromEntries(CELLS.map((cell) => [cell, switchButton(CELL_LABELS[cell], () => this.setCell(cell))])) as Record<CellKind, HTMLButtonElement>;
    const views = Object.fromEntries(VIEWS.map((view) => [view, switchButton(VIEW_LABELS[view], () => this.setView(view))])) as Record<View, HTMLButtonElement>;
    const layers = [1, 2, 3].map((n) => switchButton(String(n), () => this.setLayers(n), { 'aria-label': `${n} layer${n > 1 ? 's' : ''}` }));
    const layersField = group(id('layers-label'), 'Layers', ...layers);
    const rowGroup = el('div', { class: 'gi-toggle', role: 'group', 'aria-labelledby': id('row-label') });
    const rowField = el('div', { class: 'gi-field' }, el('span', { class: 'gi-label', id: id('row-label') }, 'Open the cell of'), rowGroup);

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
      overview: el('div', { class: 'gi-overview', tabindex: 0, role: 'region', 'aria-label': 'The network unrolled over the sequence (scrolls sideways on narrow screens)' }),
      caption: el('p', { class: 'gi-caption' }),
      gateList: el('div', { class: 'gi-toggle gi-gates', role: 'group', 'aria-label': 'Gate' }),
      diagram: el('div', { class: 'gi-diagram' }),
      eqTitle: el('p', { class: 'gi-eq-title', id: id('eq-title') }),
      eqRole: el('p', { class: 'gi-eq-role' }),
      eqNumbers: el('div', { class: 'gi-tex gi-scroll', tabindex: 0, role: 'region', 'aria-label': 'The gate’s equation with the numbers of this step' }),
      eqState: el('div', { class: 'gi-tex gi-scroll', tabindex: 0, role: 'region', 'aria-label': 'The state update with the numbers of this step' }),
      eqNote: el('p', { class: 'gi-note' }),
      arithmetic: el('div', { class: 'gi-scroll', tabindex: 0, role: 'region', 'aria-label': 'Arithmetic of the gate, unit by unit' }),
      weights: el('div', { class: 'gi-scroll gi-weights', tabindex: 0, role: 'region', 'aria-label': 'The gate’s weights' }),
      chartsTitle: el('p', { class: 'gi-panel-title' }),
      legends: el('div', { class: 'gi-legends' }),
      charts: el('div', { class: 'gi-charts' }),
      rowsTitle: el('p', { class: 'gi-panel-title' }),
      rowCharts: el('div', { class: 'gi-charts' }),
      tables: el('div', { class: 'gi-scroll', tabindex: 0, role: 'region', 'aria-label': 'The numbers behind the heatmaps' }),
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
      el('p', { class: 'widget-help', id: id('help') },
        'Each network reads numbers from −1 to 1 and was trained to report the one marked with *. Pick a cell and a gate, then move through time (slider, ← →, Space to play).'),
      this.refs.notice,
      el('div', { class: 'gi-inputs' },
        el('div', { class: 'gi-field gi-seq' },
          el('label', { for: text.id }, 'Sequence'),
          el('div', { class: 'gi-seq-row' }, text, el('button', { type: 'button', class: 'button', onclick: () => this.setSequence(text.value) }, 'Read')),
          el('span', { class: 'gi-hint', id: id('seq-help') }, `up to ${MAX_STEPS} numbers; * marks the one to remember`)),
        el('div', { class: 'gi-field' }, el('label', { for: preset.id }, 'Examples'), preset)),
      el('div', { class: 'gi-inputs' },
        group(id('cell-label'), 'Cell', cells.lstm, cells.gru),
        group(id('view-label'), 'View', views.single, views.bidirectional, views.stacked),
        layersField,
        rowField),
      this.refs.overview,
      this.refs.caption,
      this.controls.element,
      el('div', { class: 'gi-detail' },
        el('div', { class: 'gi-diagram-panel' },
          el('p', { class: 'gi-panel-title' }, 'Choose a gate (in the list or the diagram)'),
          this.refs.gateList,
          this.refs.diagram),
        el('div', { class: 'gi-equation', role: 'region', 'aria-labelledby': id('eq-title') },
          this.refs.eqTitle,
          this.refs.eqRole,
          this.refs.eqNumbers,
          this.refs.eqState,
          this.refs.eqNote,
          el('details', { class: 'gi-details' }, el('summary', {}, 'Show the arithmetic, unit by unit'), this.refs.arithmetic),
          el('details', { class: 'gi-details' }, el('summary', {}, 'Show this gate’s weights'), this.refs.weights))),
      el('div', { class: 'gi-panel' }, this.refs.chartsTitle, this.refs.legends, this.refs.charts),
      el('div', { class: 'gi-panel gi-rows-panel' }, this.refs.rowsTitle, this.refs.rowCharts),
      el('details', { class: 'gi-details' }, el('summary', {}, 'The numbers behind the charts, as tables'), this.refs.tables),
      this.refs.footnote,
      this.refs.live,
    );
  }

  // ---------- State changes ----------

  private setSequence(raw: string): void {
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
    const step = this.state.seq[t - 1]!;
    this.refs.live.textContent = `Step ${t}: x = ${fmt(step.value, 2)}${step.marked ? ', marked' : ''}. ${gate} = ${fmtVector(values)}. Reported ŷ = ${fmt(this.run.yhat[t - 1] ?? 0, 2)}.`;
  }

  // ---------- Rendering ----------

  private currentRow(): RowTrace {
    return this.run.rows[this.state.row - 1] ?? (this.run.rows[0] as RowTrace);
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
    const rowLabels = s.view === 'bidirectional' ? ['→ Forward', '← Backward'] : Array.from({ length: rows }, (_, k) => `Layer ${k + 1}`);
    if (this.refs.rowGroup.childElementCount !== rows || this.refs.rowGroup.dataset.view !== s.view) {
      this.refs.rowGroup.dataset.view = s.view;
      this.refs.rowGroup.replaceChildren(...rowLabels.map((label, k) =>
        el('button', { type: 'button', class: 'button gi-switch', 'aria-pressed': 'false', onclick: () => this.setRow(k + 1) }, label)));
    }
    [...this.refs.rowGroup.children].forEach((b, k) => b.setAttribute('aria-pressed', String(k + 1 === s.row)));
    const gates = CELL_GATES[s.cell];
    if (this.refs.gateList.dataset.cell !== s.cell) {
      this.refs.gateList.dataset.cell = s.cell;
      this.refs.gateList.replaceChildren(...gates.map((gate) =>
        el('button', { type: 'button', class: 'button gi-switch', 'data-gate': gate, 'aria-pressed': 'false', onclick: () => this.setGate(gate) },
          el('b', {}, gate), ` ${GATE_INFO[gate].name}`)));
    }
    for (const b of this.refs.gateList.children) b.setAttribute('aria-pressed', String(b.getAttribute('data-gate') === s.gate));
  }

  private rowLabels(): { label: string; short: string }[] {
    const { config } = this.run;
    return this.run.rows.map((row) =>
      config.bidirectional
        ? row.direction === 'forward' ? { label: '→ forward', short: '→' } : { label: '← backward', short: '←' }
        : config.numLayers > 1 ? { label: `layer ${row.layer + 1}`, short: `L${row.layer + 1}` } : { label: CELL_LABELS[config.cell], short: '' });
  }

  private renderOverview(): void {
    const { t, gate } = this.state;
    const labels = this.rowLabels();
    const T = this.run.T;
    const picture = overview({
      x: this.state.seq,
      yhat: this.run.yhat,
      rows: this.run.rows.map((row, r) => ({ ...labels[r]!, direction: row.direction, stripes: row.gates[gate] ?? [] })),
      t,
      row: this.state.row - 1,
      width: this.width(),
      color: (v) => gateColor(gate, v),
      markerId: `${this.base}-net-arrow`,
    }, `The network over ${T} steps: ${this.run.rows.length} row${this.run.rows.length > 1 ? 's' : ''} of cells, each cell striped by its ${gate} gate’s ${HIDDEN_SIZE} units; step ${t} is marked.`);
    this.refs.overview.replaceChildren(picture);
    // Keep the current step in view when the overview is wider than the widget, after the frame's layout
    // (reading scroll positions right after changing the DOM would force a synchronous layout).
    const geometry = overviewGeometry(this.width(), T, this.run.rows.length);
    if (geometry.width > this.width()) {
      const scroll = this.refs.overview;
      const left = geometry.gutter + (t - 1) * geometry.pitch;
      requestAnimationFrame(() => {
        if (left < scroll.scrollLeft || left + geometry.pitch > scroll.scrollLeft + scroll.clientWidth) scroll.scrollLeft = Math.max(0, left - scroll.clientWidth / 2);
      });
    }

    const step = this.state.seq[t - 1]!;
    const sub = (i: number): HTMLElement => el('sub', {}, String(i));
    const read = (direction: 'forward' | 'reverse'): HTMLElement[] => {
      const [a, b] = readSpan(direction, t, T);
      const [first, last] = direction === 'forward' ? [a, b] : [b, a];
      return first === last ? [el('span', {}, 'x', sub(first))] : [el('span', {}, 'x', sub(first), ' … x', sub(last))];
    };
    const yhat = el('span', {}, 'It reports ŷ', sub(t), ` = ${fmt(this.run.yhat[t - 1] ?? 0, 2)}; the task’s answer is ${fmt(this.run.target[t - 1] ?? 0, 2)}.`);
    const input = el('span', {}, `Step ${t} reads x`, sub(t), ` = ${fmt(step.value, 2)}${step.marked ? ' (marked: remember it)' : ''}. `);
    let story: (Node | string)[];
    if (this.run.config.bidirectional) {
      story = ['The forward cell at this step has read ', ...read('forward'), '; the backward cell has read ', ...read('reverse'),
        ' (it starts at the end), so together they have seen the whole sequence. '];
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
    this.diagram.update(values, gate, gateColor, (g) => `${GATE_INFO[g].name} ${g}${g === gate ? ' (shown)' : ''}: ${(values[g] as number[]).map((v) => fmt(v, 2)).join(', ')}`);
  }

  /** The typeset gate equation and state update of a row at step t, from the cache or KaTeX. */
  private typesetStep(rowIndex: number, gate: GateName, t: number): { numbers: HTMLElement; state: HTMLElement } {
    const row = this.run.rows[rowIndex] as RowTrace;
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
      const next = order.find((k) => !this.texCache.has(`${this.runId}|${rowIndex}|${k}|${gate}`) || !this.texCache.has(`${this.runId}|${rowIndex}|${k}|state`));
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
    if (prev < 0) notes.push(`The state before the first step this row reads (${row.direction === 'reverse' ? `step ${T + 1}` : 'step 0'}) is zero.`);
    if (row.direction === 'reverse') notes.push('The backward row reads the sequence from the end, so its previous step is t + 1; it has its own weights (PyTorch’s weight_ih_l0_reverse…).');
    if (row.layer > 0) notes.push(`Layer ${row.layer + 1} reads layer ${row.layer}’s h as its input, so its W_i${gate} has ${HIDDEN_SIZE} columns.`);
    this.refs.eqNote.textContent = notes.join(' ');
    this.refs.eqNote.hidden = notes.length === 0;

    // The gate's block of rows in PyTorch's stacked weights: gate k of G occupies rows k·H … (k+1)·H − 1.
    const k = gatesOf(cell).indexOf(gate);
    const block = <T>(rows: readonly T[]): T[] => rows.slice(k * HIDDEN_SIZE, (k + 1) * HIDDEN_SIZE);
    const Wi = block(row.weights.weightIH);
    const Wh = block(row.weights.weightHH);
    this.refs.arithmetic.replaceChildren(el('table', { class: 'gi-table gi-arith' },
      el('caption', {}, `How each unit of ${gate} at step ${t} is computed`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'unit'), el('th', { scope: 'col' }, 'computation'))),
      el('tbody', {}, ...unitArithmetic(terms, Wi, Wh).map((u) =>
        el('tr', { 'data-unit': u.unit },
          el('th', { scope: 'row' }, String(u.unit)),
          el('td', {}, ...u.lines.map((line, i) => el('div', { class: i === 3 ? 'gi-arith-result' : '' }, line))))))));
    const matrix = (caption: string, values: readonly (readonly number[])[], name: string): HTMLElement =>
      el('table', { class: 'gi-table gi-matrix', 'data-name': name },
        el('caption', {}, caption),
        el('tbody', {}, ...values.map((r) => el('tr', {}, ...r.map((v) => el('td', {}, fmt(v, 4)))))));
    const names = { Wi: `W_i${gate}`, Wh: `W_h${gate}`, bi: `b_i${gate}`, bh: `b_h${gate}` };
    this.refs.weights.replaceChildren(
      el('p', { class: 'gi-note' }, `Rows ${k * HIDDEN_SIZE}–${(k + 1) * HIDDEN_SIZE - 1} of PyTorch’s weight_ih_${row.suffix}, weight_hh_${row.suffix}, bias_ih_${row.suffix} and bias_hh_${row.suffix}.`),
      el('div', { class: 'gi-weight-tables' },
        matrix(names.Wi, Wi, 'Wi'),
        matrix(names.Wh, Wh, 'Wh'),
        matrix(names.bi, block(row.weights.biasIH).map((v) => [v]), 'bi'),
        matrix(names.bh, block(row.weights.biasHH).map((v) => [v]), 'bh')));
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
    const { cell } = this.state;
    const row = this.currentRow();
    const width = this.width();
    const columns = width >= 560 ? 2 : 1;
    const chartWidth = Math.floor((width - (columns - 1) * 16) / columns);
    const T = this.run.T;
    const cMax = Math.max(1, ...this.run.rows.flatMap((r) => (r.c ?? []).flat().map(Math.abs)));
    const cDomain = Math.ceil(cMax * 10) / 10;
    const panel = (title: (Node | string)[], values: number[][], scale: 'sequential' | 'diverging', domain: number, label: string, tag: Record<string, string>): HTMLElement =>
      el('figure', { class: 'gi-chart', ...tag },
        el('figcaption', {}, ...title),
        heatmap({ values: transpose(values), rowNames: Array.from({ length: HIDDEN_SIZE }, (_, j) => j + 1) }, {
          width: chartWidth,
          height: 118,
          scale,
          domain,
          maxXTicks: Math.floor(chartWidth / 28),
          xLabel: 'step t',
          yLabel: 'unit',
          ariaLabel: `${label}: ${HIDDEN_SIZE} units (rows) by ${T} steps (columns); the current step is outlined. The numbers are in the tables below.`,
        }));
    const where = this.run.rows.length > 1 ? ` of ${rowName(this.state, this.state.row - 1)}` : '';
    this.refs.chartsTitle.textContent = `Every gate${where}, unit by step (the chosen gate is framed)`;
    const stateName = cell === 'lstm' ? 'c' : 'h';
    const legend = (domain: number, scale: 'sequential' | 'diverging', label: string): SVGSVGElement =>
      heatmapLegend({ domain, scale, label, width: Math.min(240, Math.max(180, width / 3 - 12)) });
    const cOwnScale = cell === 'lstm' && cDomain > 1;
    this.refs.legends.replaceChildren(
      legend(1, 'sequential', cell === 'lstm' ? 'σ gates i, f, o' : 'σ gates r, z'),
      legend(1, 'diverging', cell === 'lstm' ? (cOwnScale ? 'g and h (tanh)' : 'g, h (tanh) and memory c') : 'n and h (tanh)'),
      ...(cOwnScale ? [legend(cDomain, 'diverging', 'memory c')] : []));
    const charts = gatesOf(cell).map((g) =>
      panel([el('b', {}, g), ` ${GATE_INFO[g].name} (${isTanhGate(g) ? 'tanh' : 'σ'})`], row.gates[g] ?? [], isTanhGate(g) ? 'diverging' : 'sequential', 1, `Heatmap of the ${GATE_INFO[g].name} ${g}`, { 'data-gate': g }));
    if (row.c) charts.push(panel([el('b', {}, 'c'), ' memory (cell state)'], row.c, 'diverging', cDomain, 'Heatmap of the cell state c', {}));
    charts.push(panel([el('b', {}, 'h'), ' hidden state'], row.h, 'diverging', 1, 'Heatmap of the hidden state h', {}));
    this.refs.charts.style.setProperty('--gi-columns', String(columns));
    this.refs.charts.replaceChildren(...charts);

    const multi = this.run.rows.length > 1;
    this.refs.rowsTitle.parentElement!.hidden = !multi;
    if (multi) {
      this.refs.rowsTitle.textContent = `${cell === 'lstm' ? 'The memory c' : 'The state h'} of every row`;
      const labels = this.rowLabels();
      this.refs.rowCharts.style.setProperty('--gi-columns', String(columns));
      this.refs.rowCharts.replaceChildren(...this.run.rows.map((r, k) =>
        panel([el('b', {}, stateName), ` — ${labels[k]!.label}`], (cell === 'lstm' ? r.c : r.h) ?? [], 'diverging', cell === 'lstm' ? cDomain : 1, `Heatmap of ${stateName} in ${labels[k]!.label}`, { 'data-row': String(k) })));
    } else {
      this.refs.rowCharts.replaceChildren();
    }
  }

  private renderTables(): void {
    const key = `${this.runId}|${this.state.row}`;
    if (key === this.tablesKey) return;
    this.tablesKey = key;
    const { cell } = this.state;
    const row = this.currentRow();
    const T = this.run.T;
    const table = (caption: string, values: number[][], name: string): HTMLElement =>
      el('table', { class: 'gi-table', 'data-name': name },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'unit'), ...Array.from({ length: T }, (_, k) => el('th', { scope: 'col' }, `t=${k + 1}`)))),
        el('tbody', {}, ...Array.from({ length: HIDDEN_SIZE }, (_, j) =>
          el('tr', {}, el('th', { scope: 'row' }, String(j + 1)), ...values.map((v) => el('td', {}, fmt(v[j] as number, 3)))))));
    const where = this.run.rows.length > 1 ? `, ${rowName(this.state, this.state.row - 1)}` : '';
    const labels = this.rowLabels();
    this.refs.tables.replaceChildren(
      el('table', { class: 'gi-table', 'data-name': 'io' },
        el('caption', {}, 'Inputs and the reported value'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), ...Array.from({ length: T }, (_, k) => el('th', { scope: 'col' }, `t=${k + 1}`)))),
        el('tbody', {},
          el('tr', {}, el('th', { scope: 'row' }, 'x (value)'), ...this.state.seq.map((s) => el('td', {}, fmt(s.value, 2)))),
          el('tr', {}, el('th', { scope: 'row' }, 'marked'), ...this.state.seq.map((s) => el('td', {}, s.marked ? 'yes' : ''))),
          el('tr', {}, el('th', { scope: 'row' }, 'ŷ reported'), ...this.run.yhat.map((v) => el('td', {}, fmt(v, 3)))),
          el('tr', {}, el('th', { scope: 'row' }, 'task answer'), ...this.run.target.map((v) => el('td', {}, fmt(v, 2)))))),
      ...gatesOf(cell).map((g) => table(`${g}, the ${GATE_INFO[g].name}${where}`, row.gates[g] ?? [], g)),
      ...(row.c ? [table(`c, the memory${where}`, row.c, 'c')] : []),
      table(`h, the hidden state${where}`, row.h, 'h'),
      ...(this.run.rows.length > 1
        ? this.run.rows.filter((r) => r !== row).map((r) => {
            const k = this.run.rows.indexOf(r);
            return cell === 'lstm' ? table(`c, the memory of ${labels[k]!.label}`, r.c ?? [], `c-${k + 1}`) : table(`h, the state of ${labels[k]!.label}`, r.h, `h-${k + 1}`);
          })
        : []),
    );
  }
}

/** [T][H] → [H][T]: heatmaps put units in rows and steps in columns. */
function transpose(values: readonly (readonly number[])[]): number[][] {
  const H = values[0]?.length ?? 0;
  return Array.from({ length: H }, (_, j) => values.map((v) => v[j] as number));
}

if (!customElements.get('gate-inspector')) customElements.define('gate-inspector', GateInspectorElement);
