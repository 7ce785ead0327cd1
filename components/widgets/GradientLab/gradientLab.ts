// <gradient-lab>: vanishing and exploding gradients. The reader sets W_hh's spectral radius, the RNN's activation, the
// sequence length and clipping; log-scale charts show ‖∂L/∂h_t‖ and ‖∂h_T/∂h_t‖ for an RNN, an LSTM and a GRU.
import { lineChart } from '../../charts/lineChart';
import { el, sym } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { fmt, fmtSci } from '../../lib/format';
import type { StateOf } from '../../lib/urlState';
import {
  CELL_LABEL,
  cellSeries,
  describeClipping,
  describeTrend,
  fmtTick,
  sharedLogDomain,
  trendOf,
} from './chartData';
import { modulus } from './eigen';
import { eigenPlot } from './eigenPlot';
import {
  CELL_KINDS,
  clipEffect,
  finiteDifferenceGradH,
  HIDDEN_SIZE,
  MAX_SEQ_LEN,
  runLab,
  type Activation,
  type CellKind,
  type ClipEffect,
  type LabResult,
  type LabSettings,
} from './model';
import { BIAS_MAX, BIAS_MIN, type gradientLabSpec, gradientLabUrl, RHO_MAX, RHO_MIN, TAU_MAX, TAU_MIN } from './state';
import { addShareButton } from '../../lib/shareDialog';
import { answerFromPresets } from '../../lib/predictPresets';
import { gradientLabOutcome } from './predictions';

type State = StateOf<typeof gradientLabSpec>;

/** What the element exposes for tests and curious readers: the engine's numbers behind every chart. */
export interface GradientLabValues {
  settings: LabSettings;
  clip: boolean;
  tau: number;
  /** Milliseconds the last update took: the three forward and backward passes, eigenvalues and Jacobian norms. */
  computeMs: number;
  /** Milliseconds the last update took in all: computation and drawing (the browser's layout and paint come after). */
  updateMs: number;
  eigenvalues: { re: number; im: number }[];
  cells: Record<CellKind, { gradH: number[]; jacobian: number[]; gradNorm: number; loss: number; clip: ClipEffect }>;
}

const ACTIVATIONS: readonly { value: Activation; label: string }[] = [
  { value: 'tanh', label: 'tanh' },
  { value: 'relu', label: 'ReLU' },
  { value: 'linear', label: 'linear (none)' },
];

class GradientLabElement extends HTMLElement {
  private state!: State;
  private result!: LabResult;
  private computeMs = 0;
  private updateMs = 0;
  private built = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private frame = 0;
  /** Whether the settings changed since the last computation (a resize only redraws). */
  private dirty = false;
  /** ρ and seed of the spectrum on screen. */
  private eigenKey = '';
  private lastWidth = 0;
  private resize: ResizeObserver | null = null;
  private refs!: {
    notice: HTMLElement;
    rho: HTMLInputElement;
    rhoOut: HTMLOutputElement;
    seqLen: HTMLInputElement;
    seqLenOut: HTMLOutputElement;
    bias: HTMLInputElement;
    biasOut: HTMLOutputElement;
    seed: HTMLInputElement;
    acts: HTMLInputElement[];
    clip: HTMLInputElement;
    tau: HTMLInputElement;
    eigen: HTMLElement;
    eigenCaption: HTMLElement;
    summary: HTMLElement;
    /** The RNN's chart, which stays in view on a phone while the sliders move (see GradientLab.astro). */
    rnnChart: HTMLElement;
    /** The LSTM's and GRU's charts. */
    charts: HTMLElement;
    clipBox: HTMLElement;
    eigenTable: HTMLElement;
    normsDetails: HTMLDetailsElement;
    normsTable: HTMLElement;
  };

  connectedCallback(): void {
    if (!this.built) {
      this.built = true;
      const { state, notices } = gradientLabUrl.load();
      this.state = state;
      this.build();
      addShareButton(this, 'gradient-lab');
      this.showNotices(notices);
      this.compute();
      this.render();
      answerFromPresets(this, 'gradient-lab', gradientLabOutcome);
    }
    const charts = this.refs.charts;
    this.resize = new ResizeObserver(() => {
      if (charts.clientWidth !== this.lastWidth) this.schedule(false);
    });
    this.resize.observe(charts);
  }

  disconnectedCallback(): void {
    this.resize?.disconnect();
    this.resize = null;
  }

  /** The engine's numbers behind the charts (copies). */
  get values(): GradientLabValues {
    const cells = Object.fromEntries(
      CELL_KINDS.map((kind) => {
        const c = this.result.cells[kind];
        return [
          kind,
          {
            gradH: Array.from(c.gradH),
            jacobian: Array.from(c.jacobian),
            gradNorm: c.gradNorm,
            loss: c.loss,
            clip: clipEffect(c.gradNorm, this.state.tau),
          },
        ];
      }),
    ) as GradientLabValues['cells'];
    return structuredClone({
      settings: this.settings(),
      clip: this.state.clip,
      tau: this.state.tau,
      computeMs: this.computeMs,
      updateMs: this.updateMs,
      eigenvalues: this.result.eigenvalues,
      cells,
    });
  }

  /**
   * ∂L/∂h_t of one cell by central differences of the loss (forward passes only), to check the charts independently.
   * @param t 1-based step
   * @returns [H]
   */
  finiteDifferenceGradH(kind: CellKind, t: number): number[] {
    return finiteDifferenceGradH(kind, this.settings(), t);
  }

  private settings(): LabSettings {
    const { rho, act, seqLen, seed, bias } = this.state;
    return { rho, activation: act, seqLen, seed, gateBias: bias };
  }

  private build(): void {
    const base = this.id || 'gradient-lab';
    const range = (
      name: string,
      min: number,
      max: number,
      step: number,
      value: number,
      onInput: (v: number) => void,
    ): [HTMLInputElement, HTMLOutputElement] => {
      const input = el('input', { type: 'range', id: `${base}-${name}`, min, max, step, class: 'gl-range' });
      input.value = String(value);
      const out = el('output', { for: input.id, class: 'gl-out' });
      input.addEventListener('input', () => onInput(Number(input.value)));
      return [input, out];
    };
    const [rho, rhoOut] = range('rho', RHO_MIN, RHO_MAX, 0.05, this.state.rho, (v) => this.set({ rho: v }));
    const [seqLen, seqLenOut] = range('seqlen', 2, MAX_SEQ_LEN, 1, this.state.seqLen, (v) => this.set({ seqLen: v }));
    const [bias, biasOut] = range('bias', BIAS_MIN, BIAS_MAX, 0.5, this.state.bias, (v) => this.set({ bias: v }));
    const seed = el('input', {
      type: 'number',
      id: `${base}-seed`,
      min: 1,
      max: 9999,
      step: 1,
      inputmode: 'numeric',
      class: 'gl-num',
    });
    seed.addEventListener('change', () => {
      const v = Number(seed.value);
      if (seed.value.trim() === '' || !Number.isInteger(v) || v < 1 || v > 9999) {
        this.showNotices([`The seed must be a whole number from 1 to 9999; keeping ${this.state.seed}.`]);
        seed.value = String(this.state.seed);
        return;
      }
      this.showNotices([]);
      this.set({ seed: v });
    });
    const acts = ACTIVATIONS.map(({ value }) => {
      const radio = el('input', { type: 'radio', name: `${base}-act`, value, id: `${base}-act-${value}` });
      radio.addEventListener('change', () => {
        if (radio.checked) this.set({ act: value });
      });
      return radio;
    });
    const clip = el('input', { type: 'checkbox', id: `${base}-clip` });
    clip.addEventListener('change', () => this.set({ clip: clip.checked }));
    const tau = el('input', {
      type: 'number',
      id: `${base}-tau`,
      min: TAU_MIN,
      max: TAU_MAX,
      step: 'any',
      inputmode: 'decimal',
      class: 'gl-num',
    });
    tau.addEventListener('change', () => {
      const v = tau.value.trim() === '' ? NaN : Number(tau.value);
      if (!Number.isFinite(v) || v < TAU_MIN || v > TAU_MAX) {
        this.showNotices([
          `The threshold τ must be a number from ${TAU_MIN} to ${TAU_MAX}; keeping ${this.state.tau}.`,
        ]);
        tau.value = String(this.state.tau);
        return;
      }
      this.showNotices([]);
      this.set({ tau: v });
    });
    const normsDetails = el('details', { class: 'gl-details' });
    const normsTable = el('div', {
      class: 'gl-table-wrap scroll-cue',
      tabindex: 0,
      role: 'region',
      'aria-label': 'Gradient norms at every step',
    });
    normsDetails.append(el('summary', {}, 'The charts as a table (every t)'), normsTable);
    normsDetails.addEventListener('toggle', () => {
      if (normsDetails.open) this.renderNormsTable();
    });
    this.refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      rho,
      rhoOut,
      seqLen,
      seqLenOut,
      bias,
      biasOut,
      seed,
      acts,
      clip,
      tau,
      eigen: el('div', { class: 'gl-eigen-plot' }),
      eigenCaption: el('p', { class: 'gl-caption' }),
      summary: el('div', { class: 'gl-summary', 'aria-live': 'polite' }),
      rnnChart: el('div', { class: 'gl-rnn-chart' }),
      charts: el('div', { class: 'gl-charts' }),
      clipBox: el('div', { class: 'gl-clipbox', 'aria-live': 'polite' }),
      eigenTable: el('div', { class: 'gl-table-wrap scroll-cue' }),
      normsDetails,
      normsTable,
    };
    const label = (input: HTMLInputElement, text: Node | string, out?: HTMLOutputElement): HTMLElement =>
      el(
        'div',
        { class: 'gl-control' },
        el('label', { for: input.id }, text),
        el('div', { class: 'gl-slider' }, input, out ?? null),
      );

    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', `${base}-title`);
    this.setAttribute('aria-describedby', `${base}-help`);
    this.replaceChildren(
      el('p', { class: 'widget-title', id: `${base}-title` }, 'Vanishing and exploding gradients'),
      el(
        'p',
        { class: 'widget-help', id: `${base}-help` },
        `An RNN, an LSTM and a GRU (${HIDDEN_SIZE} hidden units each) read the same random sequence; a loss at the last step T is back-propagated. `,
        'The charts show, on a log scale, how much gradient reaches each earlier step t.',
      ),
      this.refs.notice,
      el(
        'div',
        { class: 'gl-stage' },
        el(
          'div',
          { class: 'gl-top' },
          el('figure', { class: 'gl-eigen' }, this.refs.eigen, el('figcaption', {}, this.refs.eigenCaption)),
          el(
            'div',
            { class: 'gl-controls' },
            label(rho, el('span', {}, 'Spectral radius ρ(', sym('W', 'hh'), ')'), rhoOut),
            el(
              'fieldset',
              { class: 'gl-radios' },
              el('legend', {}, 'RNN activation'),
              ...acts.map((radio, i) =>
                el('label', { for: radio.id, class: 'gl-radio' }, radio, ` ${ACTIVATIONS[i].label}`),
              ),
            ),
            label(seqLen, 'Sequence length T', seqLenOut),
            label(
              bias,
              el('span', {}, 'Memory-gate bias (LSTM ', el('i', {}, 'f'), ', GRU ', el('i', {}, 'z'), ')'),
              biasOut,
            ),
            el(
              'div',
              { class: 'gl-row' },
              el('div', { class: 'gl-inline' }, clip, el('label', { for: clip.id }, 'Clip the gradient norm at τ =')),
              el('label', { for: tau.id, class: 'visually-hidden' }, 'Clipping threshold τ'),
              tau,
            ),
            el('div', { class: 'gl-row' }, el('label', { for: seed.id }, 'Seed'), seed),
          ),
        ),
        this.refs.summary,
        this.refs.rnnChart,
      ),
      this.refs.charts,
      this.refs.clipBox,
      el('details', { class: 'gl-details' }, el('summary', {}, 'The eigenvalues as a table'), this.refs.eigenTable),
      normsDetails,
    );
  }

  private set(patch: Partial<State>): void {
    Object.assign(this.state, patch);
    this.saveSoon();
    // Clipping acts on the gradients already computed; anything else needs a new pass.
    this.schedule(Object.keys(patch).some((key) => key !== 'clip' && key !== 'tau'));
  }

  /** Write the URL once the reader pauses: browsers throttle history.replaceState, and a dragged slider fires dozens of times a second. */
  private saveSoon(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      gradientLabUrl.save(this.state);
    }, 250);
  }

  /** Coalesce updates to one per frame, so dragging a slider never queues work. */
  private schedule(recompute: boolean): void {
    if (recompute) this.dirty = true;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const start = performance.now();
      if (this.dirty) this.compute();
      this.dirty = false;
      this.render();
      this.updateMs = performance.now() - start;
    });
  }

  private compute(): void {
    const start = performance.now();
    this.result = runLab(this.settings(), this.result ?? null);
    this.computeMs = performance.now() - start;
  }

  private showNotices(notices: string[]): void {
    showNotices(this.refs.notice, notices);
  }

  private clipOf(kind: CellKind): ClipEffect {
    return clipEffect(this.result.cells[kind].gradNorm, this.state.tau);
  }

  private render(): void {
    const { state, result } = this;
    const { refs } = this;
    // Read the layout before writing to the DOM, so the browser does not lay out twice.
    const chartsWidth = refs.charts.clientWidth;
    const T = state.seqLen;
    // Controls show the state (it may come from the URL).
    refs.rho.value = String(state.rho);
    refs.rhoOut.value = fmt(state.rho, 2);
    refs.seqLen.value = String(state.seqLen);
    refs.seqLenOut.value = String(state.seqLen);
    refs.bias.value = String(state.bias);
    refs.biasOut.value = fmt(state.bias, 1);
    refs.acts.forEach((r) => {
      r.checked = r.value === state.act;
    });
    refs.clip.checked = state.clip;
    refs.tau.disabled = !state.clip;
    if (document.activeElement !== refs.tau) refs.tau.value = String(state.tau);
    if (document.activeElement !== refs.seed) refs.seed.value = String(state.seed);

    // The spectrum depends on ρ and the seed only: redraw it when they change.
    const eigenKey = `${state.rho}/${state.seed}`;
    if (eigenKey !== this.eigenKey) {
      this.eigenKey = eigenKey;
      this.renderEigenvalues();
    }

    const trends = Object.fromEntries(CELL_KINDS.map((k) => [k, trendOf(result.cells[k].gradH)])) as Record<
      CellKind,
      ReturnType<typeof trendOf>
    >;
    refs.summary.replaceChildren(
      ...CELL_KINDS.map((k) => el('p', { class: `gl-trend gl-${trends[k].verdict}` }, describeTrend(k, trends[k], T))),
    );

    this.renderCharts(chartsWidth);
    if (state.clip) {
      refs.clipBox.hidden = false;
      refs.clipBox.replaceChildren(
        el('p', {}, describeClipping('rnn', this.clipOf('rnn'), trends.rnn)),
        el(
          'p',
          { class: 'gl-caption-wide' },
          'Each cell’s parameter gradients are clipped together, as clip_grad_norm_ does; the last column, how ' +
            'much of the last step’s gradient reaches t = 1, is the same before and after.',
        ),
        el(
          'div',
          { class: 'gl-table-wrap scroll-cue', tabindex: 0, role: 'region', 'aria-label': 'Clipping, cell by cell' },
          el(
            'table',
            { class: 'gl-table' },
            el('caption', {}, `Clipping at τ = ${fmtNum(state.tau)}, cell by cell`),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...['cell', '‖g‖', 'factor', 'clipped ‖g‖', '‖∂L/∂h₁‖ / ‖∂L/∂h_T‖'].map((h) =>
                  el('th', { scope: 'col' }, h),
                ),
              ),
            ),
            el(
              'tbody',
              {},
              ...CELL_KINDS.map((k) => {
                const c = this.clipOf(k);
                return el(
                  'tr',
                  {},
                  el('th', { scope: 'row' }, CELL_LABEL[k]),
                  el('td', {}, fmtNum(c.norm)),
                  el('td', {}, fmtNum(c.factor)),
                  el('td', {}, fmtNum(c.clippedNorm)),
                  el('td', {}, fmtNum(trends[k].ratio)),
                );
              }),
            ),
          ),
        ),
      );
    } else {
      refs.clipBox.hidden = true;
      refs.clipBox.replaceChildren();
    }
    if (refs.normsDetails.open) this.renderNormsTable();
  }

  private renderEigenvalues(): void {
    const { state, result, refs } = this;
    const radius = Math.max(...result.eigenvalues.map(modulus));
    refs.eigen.replaceChildren(
      eigenPlot(result.eigenvalues, state.rho, {
        size: 220,
        ariaLabel: `Eigenvalues of W_hh in the complex plane; spectral radius ${fmt(radius, 2)}`,
      }),
    );
    refs.eigenCaption.replaceChildren(
      'Eigenvalues of ',
      sym('W', 'hh'),
      `: the largest |λ| is ρ = ${fmt(radius, 2)} (dashed circle); the solid circle is |λ| = 1.`,
    );
    refs.eigenTable.replaceChildren(
      el(
        'table',
        { class: 'gl-table' },
        el('caption', {}, 'Eigenvalues λ of ', sym('W', 'hh')),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'λ'), el('th', { scope: 'col' }, '|λ|'))),
        el(
          'tbody',
          {},
          ...result.eigenvalues.map((z) =>
            el(
              'tr',
              {},
              el('td', {}, z.im === 0 ? fmt(z.re) : `${fmt(z.re)} ${z.im < 0 ? '−' : '+'} ${fmt(Math.abs(z.im))}i`),
              el('td', {}, fmt(modulus(z))),
            ),
          ),
        ),
      ),
    );
  }

  private renderCharts(available: number): void {
    const { result, state } = this;
    const width = Math.max(280, available || 640);
    this.lastWidth = available;
    const series = Object.fromEntries(
      CELL_KINDS.map((k) => [k, cellSeries(result.cells[k], state.clip ? this.clipOf(k) : null)]),
    ) as Record<CellKind, ReturnType<typeof cellSeries>>;
    const yDomain = sharedLogDomain(CELL_KINDS.flatMap((k) => series[k].flatMap((s) => s.points.map((p) => p.y))));
    const side = width >= 560;
    const chart = (kind: CellKind, w: number, h: number): HTMLElement => {
      const clip = this.clipOf(kind);
      const title =
        kind === 'rnn'
          ? `RNN (${state.act === 'linear' ? 'linear' : state.act === 'relu' ? 'ReLU' : 'tanh'}), ρ = ${fmt(state.rho, 2)}`
          : `${CELL_LABEL[kind]}, memory-gate bias ${fmt(state.bias, 1)}`;
      const note = !state.clip ? '' : clip.clipped ? ` · clipped ×${fmtNum(clip.factor)}` : ' · not clipped (‖g‖ ≤ τ)';
      return el(
        'figure',
        { class: `gl-chart gl-chart-${kind}` },
        el('figcaption', {}, title, note ? el('span', { class: 'gl-note' }, note) : null),
        lineChart(series[kind], {
          width: w,
          height: h,
          logY: true,
          yDomain,
          yTickFormat: fmtTick,
          xLabel: 't',
          yLabel: 'norm',
          ariaLabel: `${CELL_LABEL[kind]}: gradient norms against t on a log scale, t = 1 to ${state.seqLen}`,
        }),
      );
    };
    const small = side ? Math.floor((width - 16) / 2) : width;
    // Narrow, the RNN's chart is kept in view above the sliders (sticky), so it is drawn lower to leave them room.
    this.refs.rnnChart.replaceChildren(chart('rnn', width, side ? 260 : 190));
    this.refs.charts.replaceChildren(
      el('div', { class: 'gl-pair' }, chart('lstm', small, 220), chart('gru', small, 220)),
    );
  }

  private renderNormsTable(): void {
    const { result, state } = this;
    const cols: { head: string; values: ArrayLike<number> }[] = [];
    for (const k of CELL_KINDS) {
      const c = result.cells[k];
      cols.push(
        { head: `${CELL_LABEL[k]} ‖∂L/∂hₜ‖`, values: c.gradH },
        { head: `${CELL_LABEL[k]} ‖∂h_T/∂hₜ‖`, values: c.jacobian },
      );
      if (state.clip) {
        const f = this.clipOf(k).factor;
        cols.push({ head: `${CELL_LABEL[k]} clipped ‖∂L/∂hₜ‖`, values: Array.from(c.gradH, (v) => v * f) });
      }
    }
    this.refs.normsTable.replaceChildren(
      el(
        'table',
        { class: 'gl-table gl-norms' },
        el('caption', {}, 'Gradient norms at every step t'),
        el(
          'thead',
          {},
          el('tr', {}, el('th', { scope: 'col' }, 't'), ...cols.map((c) => el('th', { scope: 'col' }, c.head))),
        ),
        el(
          'tbody',
          {},
          ...Array.from({ length: state.seqLen }, (_, i) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, String(i + 1)),
              ...cols.map((c) => el('td', {}, fmtSci(c.values[i], 3))),
            ),
          ),
        ),
      ),
    );
  }
}

/** A number for the clipping table: four significant digits for ordinary sizes (2.491, 10, 1), scientific otherwise. */
function fmtNum(x: number): string {
  return x !== 0 && (Math.abs(x) < 0.01 || Math.abs(x) >= 1000)
    ? fmtSci(x, 2)
    : String(Number(x.toPrecision(4))).replace('-', '−');
}

if (!customElements.get('gradient-lab')) customElements.define('gradient-lab', GradientLabElement);
