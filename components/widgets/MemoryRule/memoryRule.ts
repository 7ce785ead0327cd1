// <memory-rule>: chapter 1's hand computation, live. One number h keeps a share of its old value and mixes in each new
// input, h_t = keep · h_{t−1} + mix · x_t; the reader sets the inputs and both weights and steps through the sequence.
import { el, svg, sym } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { numberInput } from '../../lib/numberInput';
import { answerPresetRequests, type PredictResult } from '../../lib/predict';
import { fate, halfLife, memoryTrace, outcome, shareAfter, type MemoryStep } from './model';
import { MEMORY_PRESETS, memoryRuleSpec, memoryRuleUrl, type MemoryRuleState, type MemorySettings } from './state';
import { addShareButton } from '../../lib/shareDialog';

/** A number as the chapter writes it: up to four decimals, no trailing zeros (0.125, 1.0625, −0.5). */
const show = (x: number): string => {
  const rounded = Number(x.toFixed(4));
  return (Object.is(rounded, -0) ? 0 : rounded).toString().replace('-', '−');
};

/** The chart's margins in pixels; its width follows the widget's (at most 560 px), so its text stays readable. */
const CHART = { maxWidth: 560, minWidth: 260, height: 200, left: 44, right: 12, top: 18, bottom: 30 };

class MemoryRuleElement extends HTMLElement {
  private state!: MemoryRuleState;
  private parts!: {
    notice: HTMLElement;
    seq: HTMLInputElement;
    keep: HTMLInputElement;
    mix: HTMLInputElement;
    rule: HTMLElement;
    chart: HTMLElement;
    table: HTMLTableSectionElement;
    fate: HTMLElement;
    back: HTMLButtonElement;
    next: HTMLButtonElement;
    all: HTMLButtonElement;
    position: HTMLElement;
    live: HTMLElement;
  };

  connectedCallback(): void {
    if (this.parts) return;
    const { state, notices } = memoryRuleUrl.load();
    this.state = state;
    this.build();
    addShareButton(this, 'memory-rule');
    this.notify(notices);
    this.render();
    answerPresetRequests(this, MEMORY_PRESETS, 'widget', (preset) => this.answer(preset));
    this.redrawOnResize();
  }

  /** The chart is drawn at the widget's width: draw it again when that changes (a phone turned, a frame resized). */
  private redrawOnResize(): void {
    const chart = this.parts.chart;
    let drawnWidth = chart.clientWidth;
    new ResizeObserver(() => {
      if (Math.abs(chart.clientWidth - drawnWidth) < 8) return;
      drawnWidth = chart.clientWidth;
      this.render();
    }).observe(chart);
  }

  private build(): void {
    const id = this.id || 'memory-rule';
    const onNotice = (text: string): void => this.notify(text ? [text] : []);
    const seq = el('input', {
      type: 'text',
      id: `${id}-seq`,
      class: 'mr-seq',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      value: memoryRuleSpec.seq.codec.format(this.state.seq),
    });
    seq.addEventListener('change', () => this.readSequence());
    const keep = numberInput(memoryRuleSpec.keep, {
      value: this.state.keep,
      label: 'The weight on the old state',
      attrs: { id: `${id}-keep`, class: 'mr-num' },
      onNotice,
      onValue: (value) => this.update({ keep: value }),
    });
    const mix = numberInput(memoryRuleSpec.mix, {
      value: this.state.mix,
      label: 'The weight on the new input',
      attrs: { id: `${id}-mix`, class: 'mr-num' },
      onNotice,
      onValue: (value) => this.update({ mix: value }),
    });
    const button = (text: string, onclick: () => void, primary = false): HTMLButtonElement =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      seq,
      keep,
      mix,
      rule: el('p', { class: 'mr-rule' }),
      chart: el('div', { class: 'mr-chart' }),
      table: el('tbody'),
      fate: el('p', { class: 'mr-fate' }),
      back: button('◀ Back', () => this.go(this.state.t - 1)),
      next: button('Next step ▶', () => this.go(this.state.t + 1), true),
      all: button('All steps', () => this.go(this.state.seq.length)),
      position: el('span', { class: 'mr-position' }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    const titleId = `${id}-title`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    // Focusable itself, so ← and → keep working when the button that had focus is disabled at either end.
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.onKey(event));
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'A memory you can compute by hand'),
      el(
        'p',
        { class: 'widget-help' },
        'Press Next step (or →) to feed in the next input; ← goes back. Change the inputs or the two weights and the ' +
          'steps are computed again.',
      ),
      this.parts.notice,
      el(
        'div',
        { class: 'mr-presets', role: 'group', 'aria-label': 'Examples' },
        ...MEMORY_PRESETS.map((preset) => button(preset.label, () => this.load(preset.state))),
      ),
      el(
        'div',
        { class: 'mr-form' },
        el('label', { for: seq.id }, 'Inputs ', sym('x', '1'), ' … ', sym('x', 'T'), ' (commas between)'),
        seq,
        el('label', { for: keep.id }, 'Weight on the old state ', sym('h', 't−1')),
        keep,
        el('label', { for: mix.id }, 'Weight on the new input ', sym('x', 't')),
        mix,
      ),
      this.parts.rule,
      el('div', { class: 'mr-controls' }, this.parts.back, this.parts.next, this.parts.all, this.parts.position),
      this.parts.chart,
      el(
        'div',
        { class: 'scroll-x mr-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'The steps computed so far' },
        el(
          'table',
          { class: 'mr-table' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, 'Step ', sym('t')),
              el('th', { scope: 'col' }, 'Input ', sym('x', 't')),
              el('th', { scope: 'col' }, 'Computation'),
              el('th', { scope: 'col' }, 'Hidden state ', sym('h', 't')),
            ),
          ),
          this.parts.table,
        ),
      ),
      this.parts.fate,
      this.parts.live,
    );
  }

  private notify(notices: readonly string[]): void {
    showNotices(this.parts.notice, notices);
  }

  private readSequence(): void {
    const parsed = memoryRuleSpec.seq.codec.parse(this.parts.seq.value);
    if ('error' in parsed) {
      this.notify([`The inputs ${parsed.error}; keeping ${memoryRuleSpec.seq.codec.format(this.state.seq)}.`]);
      this.parts.seq.value = memoryRuleSpec.seq.codec.format(this.state.seq);
      return;
    }
    this.notify([]);
    this.update({ seq: parsed.value, t: Math.min(this.state.t, parsed.value.length) });
  }

  /** Set the whole state (a preset or a Predict question's experiment) and show it in the form. */
  private load(state: MemorySettings): void {
    this.notify([]);
    this.update(structuredClone(state));
    this.parts.seq.value = memoryRuleSpec.seq.codec.format(this.state.seq);
    this.parts.keep.value = memoryRuleSpec.keep.codec.format(this.state.keep);
    this.parts.mix.value = memoryRuleSpec.mix.codec.format(this.state.mix);
  }

  private update(change: Partial<MemoryRuleState>): void {
    Object.assign(this.state, change);
    memoryRuleUrl.save(this.state);
    this.render();
  }

  private go(t: number): void {
    const clamped = Math.max(0, Math.min(this.state.seq.length, t));
    if (clamped === this.state.t) return;
    const focused = document.activeElement;
    this.update({ t: clamped });
    if (focused instanceof HTMLButtonElement && focused.disabled && this.contains(focused)) this.focus();
    const step = memoryTrace(this.state.seq, this.state)[clamped - 1];
    this.parts.live.textContent = step
      ? `Step ${step.t}: h${step.t} = ${show(step.h)}.`
      : 'Back to the start: h0 = 0, no input read yet.';
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === 'ArrowRight') this.go(this.state.t + 1);
    else if (event.key === 'ArrowLeft') this.go(this.state.t - 1);
    else return;
    event.preventDefault();
  }

  private render(): void {
    const { seq, keep, mix, t } = this.state;
    const steps = memoryTrace(seq, this.state);
    const shown = steps.slice(0, t);
    this.parts.rule.replaceChildren(
      sym('h', 't'),
      ` = ${show(keep)} · `,
      sym('h', 't−1'),
      ` + ${show(mix)} · `,
      sym('x', 't'),
      ', starting from ',
      sym('h', '0'),
      ' = 0',
    );
    this.parts.table.replaceChildren(
      ...shown.map((step) =>
        el(
          'tr',
          { class: step.t === t ? 'mr-current' : null },
          el('td', {}, step.t),
          el('td', {}, show(step.x)),
          el('td', {}, `${show(keep)} · ${show(step.hPrev)} + ${show(mix)} · ${show(step.x)}`),
          el('td', { class: 'mr-h' }, show(step.h)),
        ),
      ),
      ...(shown.length === 0
        ? [el('tr', {}, el('td', { colspan: 4, class: 'mr-empty' }, 'No step computed yet: press Next step.'))]
        : []),
    );
    this.parts.back.disabled = t === 0;
    this.parts.next.disabled = t >= seq.length;
    this.parts.all.disabled = t >= seq.length;
    this.parts.position.textContent = `Step ${t} of ${seq.length}`;
    this.parts.chart.replaceChildren(this.chart(steps, t));
    this.parts.fate.replaceChildren(this.fateSentence());
  }

  /** Inputs as bars over every step, and h as a line with dots up to the steps computed so far. */
  private chart(steps: MemoryStep[], t: number): SVGSVGElement {
    const { height, left, right, top, bottom } = CHART;
    const width = Math.round(
      Math.max(CHART.minWidth, Math.min(CHART.maxWidth, this.parts.chart.clientWidth || CHART.maxWidth)),
    );
    const values = [0, ...steps.map((s) => s.x), ...steps.slice(0, t).map((s) => s.h)];
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (hi - lo < 1e-9) hi = lo + 1;
    const pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    const slot = (width - left - right) / steps.length;
    const xAt = (i: number): number => left + slot * (i + 0.5);
    const yAt = (v: number): number => top + ((hi - v) / (hi - lo)) * (height - top - bottom);
    const shown = steps.slice(0, t);
    const summary =
      shown.length === 0
        ? `Inputs ${steps.map((s) => show(s.x)).join(', ')}; no hidden state computed yet.`
        : `Inputs ${steps.map((s) => show(s.x)).join(', ')}; hidden state after each step: ` +
          shown.map((s) => show(s.h)).join(', ') +
          '.';
    const ticks = [lo + pad, (lo + hi) / 2, hi - pad];
    return svg(
      'svg',
      { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, class: 'mr-svg' },
      svg('line', { x1: left, x2: width - right, y1: yAt(0), y2: yAt(0), class: 'mr-axis' }),
      ...ticks.map((v) =>
        svg('text', { x: left - 6, y: yAt(v) + 4, 'text-anchor': 'end', class: 'mr-tick' }, show(Number(v.toFixed(2)))),
      ),
      ...steps.map((s, i) =>
        svg('rect', {
          x: xAt(i) - slot * 0.3,
          width: slot * 0.6,
          y: Math.min(yAt(0), yAt(s.x)),
          height: Math.abs(yAt(s.x) - yAt(0)),
          class: i < t ? 'mr-input mr-read' : 'mr-input',
        }),
      ),
      ...steps.map((s, i) =>
        svg('text', { x: xAt(i), y: height - 10, 'text-anchor': 'middle', class: 'mr-tick' }, String(s.t)),
      ),
      shown.length > 1
        ? svg('polyline', {
            points: shown.map((s, i) => `${xAt(i)},${yAt(s.h)}`).join(' '),
            class: 'mr-line',
          })
        : null,
      ...shown.map((s, i) => svg('circle', { cx: xAt(i), cy: yAt(s.h), r: i === t - 1 ? 6 : 4, class: 'mr-dot' })),
      svg('text', { x: width - right, y: top + 2, 'text-anchor': 'end', class: 'mr-legend' }, 'bars: inputs · dots: h'),
    );
  }

  /** What becomes of an input as steps pass, for the current weights. */
  private fateSentence(): string {
    const weights = this.state;
    const kind = fate(weights);
    const after = (k: number): string => show(shareAfter(k, weights));
    const base = `An input read k steps ago is still in h with weight ${show(weights.mix)} · ${show(weights.keep)}ᵏ`;
    if (weights.mix === 0) return 'With weight 0 on the input, nothing the sequence says ever reaches h.';
    switch (kind) {
      case 'vanishes':
        return 'With weight 0 on the old state, h is only the newest input: this rule remembers nothing.';
      case 'fades': {
        const steps = halfLife(weights)!;
        const every = Math.abs(steps - 1) < 0.05 ? 'at every step' : `every ${steps.toFixed(1)} steps`;
        return `${base}: it halves ${every} (after 10 steps, ${after(10)}).`;
      }
      case 'stays':
        return `${base}: it never fades (after 10 steps, still ${after(10)}); nothing is ever forgotten.`;
      case 'grows':
        return (
          `${base}: it grows every step (after 10 steps, ${after(10)}). An old input ends up outweighing the new ` +
          'ones, and h runs away; chapter 5 meets the same thing in training, as exploding gradients.'
        );
    }
  }

  /** A Predict question's experiment: load its preset, show its steps and report what they give. */
  /** Show a chapter question's preset and say what it shows. */
  private answer(preset: (typeof MEMORY_PRESETS)[number]): PredictResult {
    this.load(preset.state);
    const { steps, value, choice } = outcome(preset.state);
    const last = steps[steps.length - 1];
    return {
      choice,
      value,
      summary: `After ${last.t} steps the widget shows h${last.t} = ${show(value)}; h went ${steps.map((s) => show(s.h)).join(', ')}.`,
    };
  }
}

if (!customElements.get('memory-rule')) customElements.define('memory-rule', MemoryRuleElement);
