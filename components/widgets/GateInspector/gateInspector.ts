// <gate-inspector>: the element and its state flow (reader's choice → state → forward pass → readouts, URL).
import type { GateName } from '../../../engine';
import { el } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { TimeControls } from '../../lib/timeControls';
import { Controls } from './controls';
import { inspect, type Inspection } from './model';
import { Readouts, type Scene } from './readouts';
import { formatSequence, readSequence } from './sequence';
import {
  COUNTERPART,
  configOf,
  DEFAULT_SEQUENCE,
  gateInspectorUrl,
  reconcile,
  type GateInspectorState,
  type View,
} from './state';
import type { CellKind } from './train';
import { EquationTypesetter, type StepPosition } from './typeset';
import { addShareButton } from '../../lib/shareDialog';
import { answerFromPresets } from '../../lib/predictPresets';
import { gateInspectorOutcome } from './predictions';

class GateInspectorElement extends HTMLElement {
  private state!: GateInspectorState;
  private run!: Inspection;
  private time!: TimeControls;
  private controls!: Controls;
  private readouts!: Readouts;
  private typesetter!: EquationTypesetter;
  private notice!: HTMLElement;
  private resize: ResizeObserver | null = null;
  /** The widget's content width, measured once and then followed by a ResizeObserver (reading it per step forces layout). */
  private widthPx = 640;
  private base = 'gate-inspector';
  /** Bumped by every new forward pass; with the row and width it says when drawings are stale. */
  private runId = 0;
  private chartsKey = '';
  private tablesKey = '';
  private chartsFrame = 0;

  /** The engine's forward pass now shown (read by the browser tests to compare with an independent computation). */
  get inspection(): Inspection {
    return this.run;
  }

  /** The widget's current state (a copy). */
  get currentState(): GateInspectorState {
    return structuredClone(this.state);
  }

  connectedCallback(): void {
    if (this.readouts) {
      // Moved in the page: keep following its width.
      if (this.resize === null) this.followWidth();
      return;
    }
    this.base = this.id || 'gate-inspector';
    const { state, notices } = gateInspectorUrl.load();
    this.state = state;
    this.run = inspect(this.state.seq, configOf(this.state));
    this.typesetter = new EquationTypesetter(this.run);
    this.build();
    addShareButton(this, 'gate-inspector');
    this.showNotices(notices);
    this.widthPx = this.measureWidth();
    this.render();
    this.followWidth();
    answerFromPresets(this, 'gate-inspector', gateInspectorOutcome);
  }

  disconnectedCallback(): void {
    this.time?.pause();
    this.resize?.disconnect();
    this.resize = null;
  }

  /** Redraw the width-dependent drawings when the widget is resized (the charts and the overview draw at a fixed width). */
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
    return Math.max(280, Math.floor(this.readouts.overview.clientWidth || this.clientWidth || 640));
  }

  /** The widget's parts in page order: title and help, notice, controls, overview, time, cell and equation, charts, tables. */
  private build(): void {
    const id = (name: string): string => `${this.base}-${name}`;
    this.controls = new Controls(id, this.state, {
      sequence: (text) => this.setSequence(text),
      cell: (cell) => this.setCell(cell),
      view: (view) => this.setView(view),
      layers: (n) => this.setLayers(n),
      row: (row) => this.setRow(row),
      gate: (gate) => this.setGate(gate),
    });
    this.time = new TimeControls({
      label: 'Time step t',
      min: 1,
      max: this.state.seq.length,
      value: this.state.t,
      interval: () => 900,
      onChange: (t) => {
        this.state.t = t;
        this.render();
        this.save();
        if (!this.time.playing) this.announce();
      },
      onPlayingChange: (playing) => {
        if (!playing) this.announce();
      },
    });
    const out = (this.readouts = new Readouts(id('eq-title')));
    this.notice = el('p', { class: 'widget-notice', role: 'status', hidden: true });
    out.overview.addEventListener('click', (event) => {
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
      this.time.handleKey(event);
    });
    const details = (summary: string, ...content: HTMLElement[]): HTMLElement =>
      el('details', { class: 'gi-details' }, el('summary', {}, summary), ...content);
    this.replaceChildren(
      el('p', { class: 'widget-title', id: id('title') }, 'Inside the gates: an LSTM and a GRU remembering a number'),
      el(
        'p',
        { class: 'widget-help', id: id('help') },
        'Each network reads numbers from −1 to 1 and was trained to report the one marked with *. Pick a cell ' +
          'and a gate, then move through time (slider, ← →, Space to play).',
      ),
      this.notice,
      this.controls.inputs,
      this.controls.switches,
      out.overview,
      out.caption,
      this.time.element,
      el(
        'div',
        { class: 'gi-detail' },
        el(
          'div',
          { class: 'gi-diagram-panel' },
          el('p', { class: 'gi-panel-title' }, 'Choose a gate (in the list or the diagram)'),
          this.controls.gateList,
          out.diagram,
        ),
        el(
          'div',
          { class: 'gi-equation', role: 'region', 'aria-labelledby': id('eq-title') },
          out.eqTitle,
          out.eqRole,
          out.eqNumbers,
          out.eqState,
          out.eqNote,
          details('Show the arithmetic, unit by unit', out.arithmetic),
          details('Show this gate’s weights', out.weights),
        ),
      ),
      el('div', { class: 'gi-panel' }, out.chartsTitle, out.legends, out.charts),
      el('div', { class: 'gi-panel gi-rows-panel' }, out.rowsTitle, out.rowCharts),
      details('The numbers behind the charts, as tables', out.tables),
      out.footnote,
      out.live,
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
    // Show what was read, in its clean form, even in the field the reader is typing in.
    this.controls.showSequence(this.state.seq);
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
    this.time.pause();
    this.state.t = t;
    this.render();
    this.save();
  }

  /** A new forward pass: the sequence, the cell or the wiring changed. */
  private recompute(): void {
    this.time.pause();
    reconcile(this.state);
    this.run = inspect(this.state.seq, configOf(this.state));
    this.runId += 1;
    this.typesetter.reset(this.run);
    this.time.setRange(1, this.state.seq.length);
    this.render();
    this.save();
  }

  private save(): void {
    gateInspectorUrl.save(this.state);
  }

  private showNotices(notices: string[]): void {
    showNotices(this.notice, notices);
  }

  private announce(): void {
    this.readouts.announce(this.scene());
  }

  // ---------- Rendering ----------

  private scene(): Scene {
    return { run: this.run, state: this.state, width: this.widthPx, base: this.base };
  }

  /** Where the reader is: the open row, the chosen gate and the step. */
  private position(): StepPosition {
    return { row: this.state.row - 1, gate: this.state.gate, t: this.state.t };
  }

  private render(): void {
    const scene = this.scene();
    this.time.setValue(this.state.t);
    this.controls.sync(this.state);
    this.readouts.renderOverview(scene);
    this.readouts.renderDiagram(
      scene,
      (gate) => this.setGate(gate),
      (gate) => this.state.gate === gate,
    );
    this.readouts.renderEquation(scene);
    this.renderTypeset();
    this.renderCharts();
    this.renderTables();
    this.readouts.renderFootnote(scene);
  }

  /** The typeset equations: at once when cached; otherwise a frame later, so the rest of the step shows first. */
  private renderTypeset(): void {
    const at = this.position();
    const { eqNumbers, eqState } = this.readouts;
    const show = (): void => {
      const typeset = this.typesetter.step(at);
      eqNumbers.replaceChildren(typeset.numbers);
      eqState.replaceChildren(typeset.state);
      this.typesetter.prefetch(
        () => this.position(),
        () => this.isConnected,
      );
    };
    if (this.typesetter.has(at)) {
      show();
    } else {
      eqNumbers.setAttribute('aria-busy', 'true');
      requestAnimationFrame(() => {
        eqNumbers.removeAttribute('aria-busy');
        const now = this.position();
        if (now.gate === at.gate && now.t === at.t && now.row === at.row) show();
      });
    }
  }

  /** The heatmaps: drawn again for a new pass, row or width (in the next frame, so the step answers first); marked always. */
  private renderCharts(): void {
    const key = `${this.runId}|${this.state.row}|${this.widthPx}`;
    if (key !== this.chartsKey) {
      this.chartsKey = key;
      if (this.chartsFrame === 0) {
        this.chartsFrame = requestAnimationFrame(() => {
          this.chartsFrame = 0;
          this.readouts.drawCharts(this.scene());
          this.renderCharts();
        });
      }
      return;
    }
    this.readouts.markCharts(this.scene());
  }

  private renderTables(): void {
    const key = `${this.runId}|${this.state.row}`;
    if (key === this.tablesKey) return;
    this.tablesKey = key;
    this.readouts.renderTables(this.scene());
  }
}

if (!customElements.get('gate-inspector')) customElements.define('gate-inspector', GateInspectorElement);
