// <bptt-stepper>: backpropagation through time one step at a time. A 3-unit RNN reads a word; the reader walks the
// backward pass from t = T to 1, seeing δ_t, the recurrence with its numbers, and ∂L/∂W_hh building up to the engine's.
import { heatmap, heatmapLegend } from '../../charts/heatmap';
import { el, sym } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { texMathml } from '../../lib/texMathml';
import { fmt, fmtSci, fmtVector } from '../../lib/format';
import { TimeControls } from '../../lib/timeControls';
import type { StateOf } from '../../lib/urlState';
import { signedBars } from './bars';
import { deltaTex, termTex } from './equation';
import {
  finiteDifferences,
  makeModel,
  maxAbsDiff,
  runBptt,
  type BpttRun,
  type FiniteDifferenceCheck,
  type Model,
} from './model';
import { type bpttStepperSpec, bpttStepperUrl, wordProblem } from './state';
import { addShareButton } from '../../lib/shareDialog';

type State = StateOf<typeof bpttStepperSpec>;

/** What the element exposes for tests and curious readers: the numbers on screen and the engine's. */
export interface BpttStepperValues {
  word: string;
  seed: number;
  T: number;
  t: number;
  /** [T][H] δ_t from the recurrence, for every t. */
  delta: number[][];
  /** [H][H] the running total at the step shown. */
  total: number[][];
  /** [H][H] weight_hh_l0.grad from the engine's autodiff. */
  engineGradWhh: number[][];
  /** [T][H] the engine trace's ∂L/∂h_t. */
  engineGradH: number[][];
  /** Weights and task, to recompute everything independently. */
  weights: BpttRun['weights'];
  inputs: number[];
  targets: number[];
  fdMaxRelError: number | null;
}

/** How a step cell's accessible name says where the backward pass is. */
const STATUS_WORDS = { pending: 'not yet back-propagated', done: 'back-propagated', current: 'shown now' } as const;

/** Words for screen readers only, inside a visible label. */
const hidden = (text: string): HTMLElement => el('span', { class: 'visually-hidden' }, text);

class BpttStepperElement extends HTMLElement {
  private state!: State;
  private model!: Model;
  private run!: BpttRun;
  private fd: FiniteDifferenceCheck | null = null;
  private controls!: TimeControls;
  private refs!: {
    notice: HTMLElement;
    word: HTMLInputElement;
    seed: HTMLInputElement;
    task: HTMLElement;
    strip: HTMLElement;
    flow: HTMLElement;
    equation: HTMLElement;
    termEquation: HTMLElement;
    maps: HTMLElement;
    mapTables: HTMLElement;
    check: HTMLElement;
    fdButton: HTMLButtonElement;
    fdResult: HTMLElement;
    history: HTMLElement;
    live: HTMLElement;
  };

  connectedCallback(): void {
    if (this.refs) return;
    const { state, notices } = bpttStepperUrl.load();
    this.state = state;
    this.build();
    addShareButton(this, 'bptt-stepper');
    this.load(notices);
  }

  /** Numbers on screen and the engine's, for tests (read-only copies). */
  get values(): BpttStepperValues {
    const T = this.T;
    const t = this.t;
    return structuredClone({
      word: this.state.word,
      seed: this.state.seed,
      T,
      t,
      delta: this.run.steps.map((s) => s.delta),
      total: this.run.steps[t - 1].total,
      engineGradWhh: this.run.engine.gradWhh,
      engineGradH: this.run.engine.gradH,
      weights: this.run.weights,
      inputs: this.run.task.inputs,
      targets: this.run.task.targets,
      fdMaxRelError: this.fd?.maxRelError ?? null,
    });
  }

  private get T(): number {
    return this.run.task.inputs.length;
  }

  /** The step shown; null in the state means T. */
  private get t(): number {
    return this.state.t ?? this.T;
  }

  private build(): void {
    const base = this.id || 'bptt-stepper';
    const input = (
      attrs: Record<string, string | number>,
      onChange: (field: HTMLInputElement) => void,
    ): HTMLInputElement => {
      const field = el('input', { class: 'bs-input', ...attrs });
      field.addEventListener('change', () => onChange(field));
      return field;
    };
    const word = input(
      {
        type: 'text',
        id: `${base}-word`,
        maxlength: 10,
        autocomplete: 'off',
        spellcheck: 'false',
        autocapitalize: 'none',
        'aria-describedby': `${base}-word-help`,
      },
      (field) => this.setWord(field.value),
    );
    const seed = input(
      { type: 'number', id: `${base}-seed`, min: 0, max: 9999, step: 1, inputmode: 'numeric' },
      (field) => this.setSeed(field.value),
    );
    this.controls = new TimeControls({
      label: 'Backward step t',
      min: 1,
      max: 2,
      value: 2,
      direction: -1,
      interval: () => 1400,
      onChange: (t) => this.go(t),
      format: (t, _min, max) => `t = ${t} · backward step ${max - t + 1} of ${max}`,
    });
    const fdButton = el(
      'button',
      { type: 'button', class: 'button', onclick: () => this.checkFiniteDifferences() },
      'Check with finite differences',
    );
    this.refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      word,
      seed,
      task: el('p', { class: 'bs-task' }),
      strip: el('div', {
        class: 'bs-strip',
        role: 'group',
        'aria-label': 'Steps of the sequence; pick one to jump there',
      }),
      flow: el('div', { class: 'bs-flow' }),
      equation: el('div', {
        class: 'bs-math scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The recurrence for δ_t with this step’s numbers',
      }),
      termEquation: el('div', {
        class: 'bs-math scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'This step’s term of ∂L/∂W_hh with its numbers',
      }),
      maps: el('div', { class: 'bs-maps' }),
      mapTables: el('div', { class: 'bs-tables scroll-cue' }),
      check: el('div', { class: 'bs-check' }),
      fdButton,
      fdResult: el('div', { class: 'bs-fd', 'aria-live': 'polite' }),
      history: el('div', {
        class: 'bs-tables scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'δ_t at every step computed so far',
      }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };

    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', `${base}-title`);
    this.setAttribute('aria-describedby', `${base}-help`);
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.controls.handleKey(event));
    this.replaceChildren(
      el('p', { class: 'widget-title', id: `${base}-title` }, 'Backpropagation through time, one step at a time'),
      el(
        'p',
        { class: 'widget-help', id: `${base}-help` },
        'The RNN has read the word and made its predictions; the loss is summed over every step. Go back in ' +
          'time with ← (or “◀ Back”), from t = T down to 1: each step computes ',
        sym('δ', 't'),
        ' = ∂L/∂',
        sym('h', 't'),
        ' from ',
        sym('δ', 't+1'),
        ' and adds its term to ∂L/∂',
        sym('W', 'hh'),
        '. Space plays the whole pass.',
      ),
      this.refs.notice,
      el(
        'div',
        { class: 'bs-setup' },
        el(
          'div',
          { class: 'bs-field' },
          el('label', { for: word.id }, 'Word'),
          word,
          el('span', { class: 'bs-hint', id: `${base}-word-help` }, '3–10 letters a–z'),
        ),
        el('div', { class: 'bs-field' }, el('label', { for: seed.id }, 'Weights seed'), seed),
      ),
      this.refs.task,
      this.refs.strip,
      this.controls.element,
      el('p', { class: 'bs-heading' }, 'The gradient arriving at ', sym('h', 't')),
      this.refs.flow,
      this.refs.equation,
      el('p', { class: 'bs-heading' }, 'Its term of ∂L/∂', sym('W', 'hh'), ', added to the total'),
      this.refs.termEquation,
      this.refs.maps,
      el('details', { class: 'bs-details' }, el('summary', {}, 'The heatmaps as numbers'), this.refs.mapTables),
      this.refs.check,
      el(
        'div',
        { class: 'bs-fd-row' },
        fdButton,
        el(
          'span',
          { class: 'bs-hint' },
          'Nudges each entry of ',
          sym('W', 'hh'),
          ' by ±10⁻⁵, reruns the forward pass, and compares (L₊ − L₋)/2ε with the gradient.',
        ),
      ),
      this.refs.fdResult,
      el(
        'details',
        { class: 'bs-details' },
        el('summary', {}, sym('δ', 't'), ' at every step, as a table'),
        this.refs.history,
      ),
      this.refs.live,
    );
  }

  /** Builds the model for the state's word and seed and shows the state's step. */
  private load(notices: string[]): void {
    this.model = makeModel(this.state.word, this.state.seed);
    this.run = runBptt(this.model);
    this.fd = null;
    this.controls.setRange(1, this.T);
    this.controls.setValue(this.t);
    this.showNotices(notices);
    this.render();
  }

  private setWord(raw: string): void {
    const word = raw.trim().toLowerCase();
    const problem = wordProblem(word);
    if (problem !== null) {
      this.showNotices([`“${raw.slice(0, 20)}” ${problem}; keeping “${this.state.word}”.`]);
      this.refs.word.value = this.state.word;
      return;
    }
    this.state.word = word;
    this.state.t = null;
    this.load([]);
    this.save();
  }

  private setSeed(raw: string): void {
    const seed = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 9999) {
      this.showNotices([`The seed must be a whole number from 0 to 9999; keeping ${this.state.seed}.`]);
      this.refs.seed.value = String(this.state.seed);
      return;
    }
    this.state.seed = seed;
    this.load([]);
    this.save();
  }

  private go(t: number): void {
    this.state.t = t === this.T ? null : t;
    this.controls.setValue(t);
    this.render();
    this.save();
    const step = this.run.steps[t - 1];
    this.refs.live.textContent = `t = ${t}: δ${t} = ${fmtVector(step.delta)}${t === 1 ? '. The sum is complete.' : ''}`;
  }

  private save(): void {
    bpttStepperUrl.save(this.state);
  }

  private showNotices(notices: string[]): void {
    showNotices(this.refs.notice, notices);
  }

  private checkFiniteDifferences(): void {
    this.fd = finiteDifferences(this.model, this.run.engine.gradWhh, 1e-5);
    this.renderFiniteDifferences();
  }

  private render(): void {
    const { run } = this;
    const T = this.T;
    const t = this.t;
    const step = run.steps[t - 1];
    const { task } = run;
    if (document.activeElement !== this.refs.word) this.refs.word.value = this.state.word;
    if (document.activeElement !== this.refs.seed) this.refs.seed.value = String(this.state.seed);
    this.refs.task.replaceChildren(
      `Reads “${task.inputs.map((k) => task.vocab[k]).join('')}”, predicts ` +
        `“${task.targets.map((k) => task.vocab[k]).join('')}”: T = ${T} steps, ${task.vocab.length} letters, ` +
        `3 hidden units. Loss L = Σ `,
      sym('L', 't'),
      ` = ${fmt(run.loss)}.`,
    );

    this.refs.strip.replaceChildren(
      ...run.steps.map((s) => {
        const status = s.t === t ? 'current' : s.t > t ? 'done' : 'pending';
        const p = run.probs[s.t - 1][task.targets[s.t - 1]];
        return el(
          'button',
          {
            type: 'button',
            class: `bs-cell bs-${status}`,
            'aria-pressed': String(s.t === t),
            onclick: () => this.go(s.t),
          },
          // The name is the visible text with a few hidden words around it (WCAG 2.5.3: it must contain what is seen),
          // e.g. "Step t = 2: reads e, target l, p = 0.31; not yet back-propagated".
          hidden('Step '),
          el('span', { class: 'bs-cell-t' }, `t = ${s.t}`),
          hidden(': '),
          el(
            'span',
            { class: 'bs-cell-io' },
            hidden('reads '),
            task.vocab[task.inputs[s.t - 1]],
            el('span', { 'aria-hidden': 'true' }, ' → '),
            hidden(', target '),
            task.vocab[task.targets[s.t - 1]],
          ),
          hidden(', '),
          el('span', { class: 'bs-cell-p' }, `p = ${fmt(p, 2)}`),
          hidden(`; ${STATUS_WORDS[status]}`),
        );
      }),
    );

    const scale = Math.max(1e-9, ...run.steps.flatMap((s) => [...s.delta, ...s.local, ...s.carried].map(Math.abs)));
    const card = (label: Node, values: number[], aria: string, extra = ''): HTMLElement =>
      el(
        'div',
        { class: `bs-card ${extra}` },
        el('div', { class: 'bs-card-label' }, label),
        signedBars(values, scale, aria),
      );
    const op = (text: string): HTMLElement => el('div', { class: 'bs-op', 'aria-hidden': 'true' }, text);
    this.refs.flow.replaceChildren(
      card(
        el(
          'span',
          {},
          'from the output at t: ',
          sym('W', 'hy'),
          'ᵀ(ŷ',
          el('sub', {}, String(t)),
          ' − ',
          sym('y', String(t)),
          ')',
        ),
        step.local,
        `W_hy transposed times (ŷ_${t} − y_${t})`,
      ),
      op('+'),
      card(
        t === T
          ? el('span', {}, 'from step t + 1: none (t = T)')
          : el(
              'span',
              {},
              'from step ',
              String(t + 1),
              ': ',
              sym('W', 'hh'),
              'ᵀ((1 − ',
              sym('h', String(t + 1)),
              '²) ⊙ ',
              sym('δ', String(t + 1)),
              ')',
            ),
        step.carried,
        `What step ${t + 1} sends back`,
      ),
      op('='),
      card(el('span', {}, sym('δ', String(t)), ' = ∂L/∂', sym('h', String(t))), step.delta, `δ_${t}`, 'bs-result'),
    );

    // MathML, which the browser typesets itself: no TeX typesetter loads with the widget.
    this.refs.equation.replaceChildren(texMathml(deltaTex(step, T, run.weights.Why, run.weights.Whh)));
    this.refs.termEquation.replaceChildren(texMathml(termTex(step, run.h[t - 1])));
    this.renderMaps(step.term, step.total, t);
    this.renderCheck();
    this.renderFiniteDifferences();
    this.renderHistory();
  }

  private renderMaps(term: number[][], total: number[][], t: number): void {
    const { run } = this;
    const domain = Math.max(1e-12, ...run.steps.flatMap((s) => [...s.term.flat(), ...s.total.flat()].map(Math.abs)));
    const names = ['1', '2', '3'];
    const map = (values: number[][], title: Node, aria: string): HTMLElement => {
      const chart = heatmap(
        { values, colNames: names, rowNames: names },
        { width: 230, height: 190, xLabel: 'column j', yLabel: 'row i', domain, ariaLabel: aria },
      );
      // One named image (role img, from heatmap): its numbers are in the table below.
      return el('figure', { class: 'bs-map' }, chart, el('figcaption', {}, title));
    };
    this.refs.maps.replaceChildren(
      map(
        term,
        el('span', {}, 'This step’s term Δ', el('sub', {}, String(t))),
        `Heatmap of step ${t}'s term of the W_hh gradient`,
      ),
      map(
        total,
        el(
          'span',
          {},
          'Running total Σ',
          el('sub', {}, `s=${t}`),
          el('sup', {}, String(this.T)),
          ' Δ',
          el('sub', {}, 's'),
        ),
        `Heatmap of the running total from step ${this.T} down to ${t}`,
      ),
      el(
        'div',
        { class: 'bs-legend' },
        heatmapLegend({ domain, label: 'entry of ∂L/∂W_hh (orange −, purple +)', width: 260 }),
      ),
    );
    this.refs.mapTables.replaceChildren(
      matrixTable(term, `Δ${t}, step ${t}'s term`),
      matrixTable(total, `Running total, steps ${this.T} down to ${t}`),
    );
  }

  private renderCheck(): void {
    const { run } = this;
    const t = this.t;
    if (t > 1) {
      this.refs.check.replaceChildren(
        el(
          'p',
          { class: 'bs-hint' },
          `The total so far has ${this.T - t + 1} of ${this.T} terms. Go back to t = 1 to finish the sum and compare it with the engine’s gradient.`,
        ),
      );
      return;
    }
    const total = run.steps[0].total;
    const diff = maxAbsDiff(total, run.engine.gradWhh);
    this.refs.check.replaceChildren(
      el(
        'p',
        { class: 'bs-done' },
        'The sum is complete. ',
        run.steps[0].term.flat().every((v) => v === 0)
          ? el('span', {}, 'Step 1 adds nothing, since ', sym('h', '0'), ' = 0. ')
          : null,
        'Beside it, the gradient the engine’s autodiff computed in its own backward pass (weight_hh_l0.grad):',
      ),
      el(
        'div',
        { class: 'bs-tables scroll-cue' },
        matrixTable(total, 'Σ of the steps’ terms (this widget)'),
        matrixTable(run.engine.gradWhh, 'Engine: weight_hh_l0.grad'),
      ),
      el(
        'p',
        { class: 'bs-agree', 'data-max-diff': String(diff) },
        `Largest difference between the two: ${fmtSci(diff)} (float64 rounding).`,
      ),
    );
  }

  private renderFiniteDifferences(): void {
    const { fd } = this;
    if (fd === null) {
      this.refs.fdResult.replaceChildren();
      return;
    }
    this.refs.fdResult.replaceChildren(
      el(
        'div',
        { class: 'bs-tables scroll-cue' },
        matrixTable(fd.numeric, 'Finite differences (L₊ − L₋)/2ε', 6),
        matrixTable(this.run.engine.gradWhh, 'Engine’s gradient', 6),
      ),
      el(
        'p',
        { class: 'bs-agree', 'data-max-rel-error': String(fd.maxRelError) },
        `Largest relative error: ${fmtSci(fd.maxRelError)}. `,
        fd.maxRelError < 1e-5 ? 'They agree: the backward pass is right.' : 'They disagree: something is wrong.',
      ),
    );
  }

  private renderHistory(): void {
    const t = this.t;
    const steps = this.run.steps;
    this.refs.history.replaceChildren(
      el(
        'table',
        { class: 'bs-table' },
        el('caption', {}, sym('δ', 't'), ' by step (— not yet computed)'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'unit'),
            ...steps.map((s) => el('th', { scope: 'col' }, `t = ${s.t}`)),
          ),
        ),
        el(
          'tbody',
          {},
          ...[0, 1, 2].map((i) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, String(i + 1)),
              ...steps.map((s) => el('td', {}, s.t >= t ? fmt(s.delta[i]) : '—')),
            ),
          ),
        ),
      ),
    );
  }
}

/** A small numeric table for a matrix, with a caption. */
function matrixTable(m: number[][], caption: string, digits = 4): HTMLElement {
  return el(
    'table',
    { class: 'bs-matrix' },
    el('caption', {}, caption),
    el('tbody', {}, ...m.map((row) => el('tr', {}, ...row.map((v) => el('td', {}, fmt(v, digits)))))),
  );
}

if (!customElements.get('bptt-stepper')) customElements.define('bptt-stepper', BpttStepperElement);
