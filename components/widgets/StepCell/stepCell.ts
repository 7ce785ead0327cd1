// <step-cell>: one step of a vanilla RNN cell with every number shown: W_xh·x_t, W_hh·h_{t-1}, + b_h, tanh, h_t.
// The reader edits x_t and h_{t-1} or picks a step of a short sequence; Next (or →) carries h_t forward.
import { el, sym } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { fmt, fmtFactor, fmtVector } from '../../lib/format';
import type { StateOf } from '../../lib/urlState';
import { carriedState, cellStep, isSaturated, STEP_CELL_WEIGHTS, type CellStep } from './model';
import { tanhCurve } from './tanhCurve';
import { type stepCellSpec, stepCellUrl } from './state';
import { addShareButton } from '../../lib/shareDialog';
import { answerFromPresets } from '../../lib/predictPresets';
import { stepCellOutcome } from './predictions';

type State = StateOf<typeof stepCellSpec>;

/** Bars for a vector: width ∝ |value| (full width at |value| = scale), blue for positive, orange for negative. */
function barCell(value: number, scale: number): HTMLElement {
  const width = Math.min(1, Math.abs(value) / scale) * 100;
  return el(
    'span',
    { class: 'sc-bar', 'aria-hidden': 'true' },
    el('span', { class: value < 0 ? 'sc-bar-fill neg' : 'sc-bar-fill pos', style: `width:${width.toFixed(1)}%` }),
  );
}

class StepCellElement extends HTMLElement {
  private state!: State;
  private refs!: {
    notice: HTMLElement;
    chips: HTMLElement;
    xInputs: HTMLInputElement[];
    hInputs: HTMLInputElement[];
    hStatus: HTMLElement;
    carry: HTMLButtonElement;
    flow: HTMLElement;
    arithmetic: HTMLElement;
    prev: HTMLButtonElement;
    next: HTMLButtonElement;
    position: HTMLElement;
    live: HTMLElement;
  };

  connectedCallback(): void {
    if (this.refs) return;
    const { state, notices } = stepCellUrl.load();
    this.state = state;
    this.build();
    addShareButton(this, 'step-cell');
    this.showNotices(notices);
    this.render();
    answerFromPresets(this, 'step-cell', stepCellOutcome);
  }

  private build(): void {
    const titleId = `${this.id || 'step-cell'}-title`;
    const helpId = `${this.id || 'step-cell'}-help`;
    const input = (label: string, onChange: (value: number, target: HTMLInputElement) => void): HTMLInputElement => {
      const field = el('input', {
        type: 'number',
        step: '0.1',
        min: '-5',
        max: '5',
        inputmode: 'decimal',
        'aria-label': label,
        class: 'sc-num',
      });
      field.addEventListener('change', () => {
        const value = field.value.trim() === '' ? NaN : Number(field.value);
        if (!Number.isFinite(value) || value < -5 || value > 5) {
          this.showNotices([`${label} must be a number from −5 to 5; keeping the previous value.`]);
          this.render();
          return;
        }
        this.showNotices([]);
        onChange(value, field);
      });
      return field;
    };
    const xInputs = [0, 1].map((j) =>
      input(`x_t, entry ${j + 1}`, (value) => {
        this.state.seq[this.state.t - 1][j] = value;
        this.update();
      }),
    );
    const hInputs = [0, 1, 2].map((j) =>
      input(`h_t−1, entry ${j + 1}`, (value) => {
        const h = [...this.hPrev()];
        h[j] = value;
        this.state.h = h;
        this.update();
      }),
    );
    const carry = el(
      'button',
      {
        type: 'button',
        class: 'button sc-small',
        onclick: () => {
          this.state.h = [];
          this.update();
        },
      },
      'Use the carried state',
    );
    const prev = el('button', { type: 'button', class: 'button', onclick: () => this.go(-1) }, '← Previous step');
    const positionId = `${this.id || 'step-cell'}-position`;
    const next = el(
      'button',
      { type: 'button', class: 'button button-primary', 'aria-describedby': positionId, onclick: () => this.go(1) },
      'Next input →',
    );
    const reset = el('button', { type: 'button', class: 'button', onclick: () => this.reset() }, 'Reset');
    this.refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      chips: el('div', { class: 'sc-chips', role: 'group', 'aria-label': 'Steps of the input sequence' }),
      xInputs,
      hInputs,
      hStatus: el('span', { class: 'sc-status' }),
      carry,
      flow: el('div', { class: 'sc-flow', 'data-figure': true }),
      arithmetic: el('div', {
        class: 'sc-arith scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Arithmetic per hidden unit',
      }),
      prev,
      next,
      position: el('span', { class: 'sc-position', id: positionId }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    const weights = STEP_CELL_WEIGHTS;
    const matrixTable = (name: HTMLElement, rows: number[][]): HTMLElement =>
      el(
        'table',
        { class: 'sc-matrix' },
        el('caption', {}, name),
        el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map((v) => el('td', {}, fmt(v, 1)))))),
      );

    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.onKey(event));
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'One step of an RNN cell'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Pick a step or edit the numbers. Next (or the → key) feeds in the next input and carries ',
        sym('h', 't'),
        ' forward; ← goes back.',
      ),
      this.refs.notice,
      this.refs.chips,
      el(
        'div',
        { class: 'sc-inputs' },
        el('fieldset', {}, el('legend', {}, 'Input ', sym('x', 't')), el('div', { class: 'sc-fields' }, ...xInputs)),
        el(
          'fieldset',
          {},
          el('legend', {}, 'Previous state ', sym('h', 't−1')),
          el('div', { class: 'sc-fields' }, ...hInputs),
          el('div', { class: 'sc-hstate' }, this.refs.hStatus, carry),
        ),
      ),
      this.refs.flow,
      el('div', { class: 'sc-controls' }, prev, next, reset, this.refs.position),
      el(
        'details',
        { class: 'sc-details' },
        el('summary', {}, 'Show the arithmetic, unit by unit'),
        this.refs.arithmetic,
      ),
      el(
        'details',
        { class: 'sc-details' },
        el('summary', {}, 'The weights (fixed for this example)'),
        el(
          'div',
          { class: 'sc-weights' },
          matrixTable(sym('W', 'xh'), weights.Wxh),
          matrixTable(sym('W', 'hh'), weights.Whh),
          matrixTable(
            sym('b', 'h'),
            weights.bh.map((b) => [b]),
          ),
        ),
      ),
      this.refs.live,
    );
  }

  /** h_{t-1}: set by hand, or carried from h_0 = 0 through x_1..x_{t-1}. */
  private hPrev(): number[] {
    return this.state.h.length === 3 ? this.state.h : carriedState(this.state.seq, this.state.t - 1);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === 'ArrowRight') {
      event.preventDefault();
      this.go(1);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      this.go(-1);
    }
  }

  private go(delta: 1 | -1): void {
    const { t, seq } = this.state;
    const target = t + delta;
    if (target < 1 || target > seq.length) return;
    // Carry a hand-set state forward through the step just shown; going back returns to the carried states.
    this.state.h = delta === 1 && this.state.h.length === 3 ? cellStep(seq[t - 1], this.state.h).h : [];
    this.state.t = target;
    this.update();
  }

  private reset(): void {
    this.state = stepCellUrl.defaults();
    this.showNotices([]);
    this.update();
  }

  private update(): void {
    this.render();
    stepCellUrl.save(this.state);
    const { t } = this.state;
    this.refs.live.textContent = `Step ${t}: h${t} = ${fmtVector(cellStep(this.state.seq[t - 1], this.hPrev()).h)}`;
  }

  private showNotices(notices: string[]): void {
    showNotices(this.refs.notice, notices);
  }

  private render(): void {
    const { seq, t } = this.state;
    const x = seq[t - 1];
    const hPrev = this.hPrev();
    const result = cellStep(x, hPrev);
    const handSet = this.state.h.length === 3;

    this.refs.chips.replaceChildren(
      ...seq.map((xk, k) =>
        el(
          'button',
          {
            type: 'button',
            class: 'sc-chip',
            'aria-pressed': String(k + 1 === t),
            onclick: () => {
              this.state.t = k + 1;
              this.state.h = [];
              this.update();
            },
          },
          // Named by what it shows (WCAG 2.5.3), with the step number for screen readers: "Step 1: x1 [1.0, 0.0]".
          el('span', { class: 'visually-hidden' }, `Step ${k + 1}: `),
          sym('x', String(k + 1)),
          ` ${fmtVector(xk, 1)}`,
        ),
      ),
    );
    this.refs.xInputs.forEach((input, j) => {
      if (document.activeElement !== input) input.value = String(x[j]);
    });
    this.refs.hInputs.forEach((input, j) => {
      if (document.activeElement !== input) input.value = fmt(hPrev[j], 3).replace('−', '-');
    });
    this.refs.hStatus.textContent = handSet
      ? 'set by hand'
      : t === 1
        ? 'h₀ = 0 at the start'
        : `carried from step ${t - 1}`;
    this.refs.carry.hidden = !handSet;
    this.refs.prev.disabled = t === 1;
    this.refs.next.disabled = t === seq.length;
    this.refs.position.textContent =
      t === seq.length
        ? `Step ${t} of ${seq.length}: the last input, so there is no next one`
        : `Step ${t} of ${seq.length}`;
    this.refs.flow.replaceChildren(...this.flowCards(result));
    this.refs.arithmetic.replaceChildren(this.arithmeticTable(x, hPrev, result));
  }

  private flowCards(result: CellStep): Node[] {
    // The sums share one scale; the new state has its own, the ±1 that tanh cannot leave, so a saturated unit fills its bar.
    const scale = Math.max(1, ...result.a.map(Math.abs), ...result.wxhX.map(Math.abs), ...result.whhH.map(Math.abs));
    const card = (label: Node, values: number[], extra = ''): HTMLElement =>
      el(
        'div',
        { class: `sc-card ${extra}` },
        el('div', { class: 'sc-card-label' }, label),
        el(
          'ol',
          { class: 'sc-vector' },
          ...values.map((v) => el('li', {}, barCell(v, scale), el('span', { class: 'sc-value' }, fmt(v)))),
        ),
      );
    const stateCard = (label: Node, values: number[]): HTMLElement =>
      el(
        'div',
        { class: 'sc-card sc-result' },
        el('div', { class: 'sc-card-label' }, label),
        el(
          'ol',
          { class: 'sc-vector' },
          ...values.map((v) =>
            el(
              'li',
              { class: isSaturated(v) ? 'saturated' : '' },
              barCell(v, 1),
              el('span', { class: 'sc-value' }, fmt(v)),
              isSaturated(v) ? el('span', { class: 'sc-sat' }, 'saturated') : null,
            ),
          ),
        ),
        el('div', { class: 'sc-card-note' }, 'bars: full at ±1'),
      );
    const op = (symbol: string): HTMLElement => el('div', { class: 'sc-op', 'aria-hidden': 'true' }, symbol);
    const t = String(this.state.t);
    return [
      card(el('span', {}, sym('W', 'xh'), ' ', sym('x', t)), result.wxhX),
      op('+'),
      card(el('span', {}, sym('W', 'hh'), ' ', sym('h', String(this.state.t - 1))), result.whhH),
      op('+'),
      card(sym('b', 'h'), result.bh),
      op('='),
      card(el('span', {}, sym('a', t), ' pre-activation'), result.a),
      el('div', { class: 'sc-op sc-tanh-op' }, tanhCurve(result.a), el('span', { 'aria-hidden': 'true' }, 'tanh →')),
      stateCard(el('span', {}, sym('h', t), ' new state'), result.h),
    ];
  }

  private arithmeticTable(x: number[], hPrev: number[], result: CellStep): HTMLElement {
    const { Wxh, Whh, bh } = STEP_CELL_WEIGHTS;
    const dot = (row: number[], v: number[]): string =>
      row.map((w, j) => `${fmtFactor(w, 1)}·${fmtFactor(v[j], 3)}`).join(' + ');
    return el(
      'table',
      { class: 'sc-arith-table' },
      el('caption', { class: 'visually-hidden' }, 'How each hidden unit of the new state is computed'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'unit'), el('th', { scope: 'col' }, 'computation'))),
      el(
        'tbody',
        {},
        ...result.h.map((hi, i) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, String(i + 1)),
            el(
              'td',
              {},
              el('div', {}, `W_xh·x: ${dot(Wxh[i], x)} = ${fmt(result.wxhX[i])}`),
              el('div', {}, `W_hh·h: ${dot(Whh[i], hPrev)} = ${fmt(result.whhH[i])}`),
              el(
                'div',
                {},
                `a = ${fmt(result.wxhX[i])} + ${fmtFactor(result.whhH[i])} + ${fmtFactor(bh[i], 1)} = ${fmt(result.a[i])}`,
              ),
              el('div', { class: 'sc-arith-result' }, `h = tanh(${fmt(result.a[i])}) = ${fmt(hi)}`),
            ),
          ),
        ),
      ),
    );
  }
}

if (!customElements.get('step-cell')) customElements.define('step-cell', StepCellElement);
