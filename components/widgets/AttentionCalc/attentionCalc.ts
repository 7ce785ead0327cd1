// <attention-calc>: chapter 11's dot-product attention as a calculator. The reader sets the encoder states h_i and the
// decoder state s_t (2-dimensional, so they can be drawn) and sees each score, the softmax weights and the context.
import { fmt } from '../../lib/format';
import { el, svg, sym } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { answerPresetRequests, type PredictResult } from '../../lib/predict';
import { attend, sharpness } from './model';
import {
  ATTENTION_PRESETS,
  attentionCalcSpec,
  attentionCalcUrl,
  type AttentionCalcState,
  type AttentionSettings,
} from './state';
import { addShareButton } from '../../lib/shareDialog';

/** A number with `digits` decimals and a real minus sign (−0 shown as 0). */
const show = fmt;
/** A whole number plainly, anything else with `digits` decimals. */
const plain = (x: number, digits = 3): string => (Number.isInteger(x) ? show(x, 0) : show(x, digits));
const pair = (v: readonly number[], digits = 3): string => `(${v.map((x) => plain(x, digits)).join(', ')})`;

const PLOT = { size: 240, pad: 18 };

class AttentionCalcElement extends HTMLElement {
  private state!: AttentionCalcState;
  private parts!: {
    notice: HTMLElement;
    h: HTMLInputElement;
    s: HTMLInputElement;
    table: HTMLTableSectionElement;
    context: HTMLElement;
    plot: HTMLElement;
  };

  connectedCallback(): void {
    if (this.parts) return;
    const { state, notices } = attentionCalcUrl.load();
    this.state = state;
    this.build();
    addShareButton(this, 'attention-calc');
    this.notify(notices);
    this.render();
    answerPresetRequests(this, ATTENTION_PRESETS, 'calculator', (preset) => this.answer(preset));
  }

  private notify(notices: readonly string[]): void {
    showNotices(this.parts.notice, notices);
  }

  private build(): void {
    const id = this.id || 'attention-calc';
    const text = (name: 'h' | 's'): HTMLInputElement => {
      const input = el('input', {
        type: 'text',
        id: `${id}-${name}`,
        inputmode: 'decimal',
        autocomplete: 'off',
        spellcheck: 'false',
        value: attentionCalcSpec[name].codec.format(this.state[name] as number[] & number[][]),
      });
      input.addEventListener('change', () => this.read(name));
      return input;
    };
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      h: text('h'),
      s: text('s'),
      table: el('tbody'),
      context: el('p', { class: 'calc-result', 'aria-live': 'polite' }),
      plot: el('div', { class: 'calc-plot' }),
    };
    const titleId = `${id}-title`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Dot-product attention, computed'),
      el(
        'p',
        { class: 'widget-help' },
        'Each encoder state is scored by its dot product with the decoder state; softmax turns the scores into ' +
          'weights that add up to 1; the context is the weighted average of the encoder states.',
      ),
      this.parts.notice,
      el(
        'div',
        { class: 'calc-presets', role: 'group', 'aria-label': 'Examples' },
        ...ATTENTION_PRESETS.map((preset) =>
          el('button', { type: 'button', class: 'button', onclick: () => this.load(preset.state) }, preset.label),
        ),
      ),
      el(
        'div',
        { class: 'calc-form' },
        el('label', { for: this.parts.h.id }, 'Encoder states ', sym('h', 'i'), ' (pairs, ; between)'),
        this.parts.h,
        el('label', { for: this.parts.s.id }, 'Decoder state ', sym('s', 't')),
        this.parts.s,
      ),
      el(
        'div',
        { class: 'calc-split' },
        el(
          'div',
          { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': 'Scores, weights and contributions' },
          el(
            'table',
            { class: 'calc-table' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, sym('i')),
                el('th', { scope: 'col' }, sym('h', 'i')),
                el('th', { scope: 'col' }, 'Score ', sym('e', 'i'), ' = ', sym('s', 't'), ' · ', sym('h', 'i')),
                el('th', { scope: 'col' }, 'Weight ', sym('α', 'i')),
              ),
            ),
            this.parts.table,
          ),
        ),
        this.parts.plot,
      ),
      this.parts.context,
    );
  }

  private read(name: 'h' | 's'): void {
    const codec = attentionCalcSpec[name].codec;
    const input = this.parts[name];
    const parsed = codec.parse(input.value);
    const what = name === 'h' ? 'The encoder states' : 'The decoder state';
    if ('error' in parsed) {
      const kept =
        name === 'h' ? attentionCalcSpec.h.codec.format(this.state.h) : attentionCalcSpec.s.codec.format(this.state.s);
      showNotices(this.parts.notice, [`${what} ${parsed.error}; keeping ${kept}.`]);
      input.value = kept;
      return;
    }
    showNotices(this.parts.notice, []);
    this.update({ [name]: parsed.value });
  }

  private load(state: AttentionSettings): void {
    showNotices(this.parts.notice, []);
    this.update(structuredClone(state));
    this.parts.h.value = attentionCalcSpec.h.codec.format(this.state.h);
    this.parts.s.value = attentionCalcSpec.s.codec.format(this.state.s);
  }

  private update(change: Partial<AttentionCalcState>): void {
    Object.assign(this.state, change);
    attentionCalcUrl.save(this.state);
    this.render();
  }

  private render(): void {
    const { h, s } = this.state;
    const { scores, weights, context } = attend(s, h);
    this.parts.table.replaceChildren(
      ...h.map((hi, i) =>
        el(
          'tr',
          {},
          el('td', {}, i + 1),
          el('td', {}, pair(hi)),
          el('td', {}, `${hi.map((v, k) => `${plain(s[k])}·${plain(v)}`).join(' + ')} = ${plain(scores[i])}`),
          el(
            'td',
            { class: 'calc-key' },
            el(
              'span',
              { class: 'calc-bar', 'aria-hidden': 'true' },
              el('span', { style: `width:${(weights[i] * 100).toFixed(1)}%` }),
            ),
            ` ${show(weights[i])}`,
          ),
        ),
      ),
    );
    this.parts.context.replaceChildren(
      'Context ',
      sym('c', 't'),
      ' = ',
      h.map((_, i) => `${show(weights[i])}·h${i + 1}`).join(' + '),
      ' = ',
      el('strong', {}, pair(context)),
    );
    this.parts.plot.replaceChildren(this.plot(weights, context));
  }

  /** The states as arrows from the origin: h_i in the accent colour, as thick as its weight; s_t dashed; c_t warm. */
  private plot(weights: number[], context: number[]): SVGSVGElement {
    const { size, pad } = PLOT;
    const { h, s } = this.state;
    const reach = Math.max(1, ...[...h, s, context].flat().map(Math.abs));
    const at = (v: readonly number[]): [number, number] => [
      size / 2 + (v[0] / reach) * (size / 2 - pad),
      size / 2 - (v[1] / reach) * (size / 2 - pad),
    ];
    const arrow = (v: readonly number[], cls: string, width: number, label: string): SVGElement[] => {
      const [x, y] = at(v);
      return [
        svg('line', { x1: size / 2, y1: size / 2, x2: x, y2: y, class: cls, 'stroke-width': width }),
        svg('circle', { cx: x, cy: y, r: 3 + width / 2, class: `${cls}-end` }),
        svg('text', { x: x + 6, y: y - 6, class: 'calc-plot-label' }, label),
      ];
    };
    const summary =
      `Encoder states ${h.map((v, i) => `h${i + 1} ${pair(v)} with weight ${show(weights[i])}`).join(', ')}; ` +
      `decoder state ${pair(s)}; context ${pair(context)}.`;
    return svg(
      'svg',
      { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': summary, class: 'calc-svg' },
      svg('line', { x1: pad / 2, x2: size - pad / 2, y1: size / 2, y2: size / 2, class: 'calc-axis' }),
      svg('line', { y1: pad / 2, y2: size - pad / 2, x1: size / 2, x2: size / 2, class: 'calc-axis' }),
      ...h.flatMap((v, i) => arrow(v, 'calc-h', 1 + 7 * weights[i], `h${i + 1}`)),
      ...arrow(s, 'calc-s', 2, 's'),
      ...arrow(context, 'calc-c', 3, 'c'),
    );
  }

  /** A Predict question's experiment: load its example and say how sharp its weights are next to the chapter's. */
  /** Show a chapter question's preset and say what it shows. */
  private answer(preset: (typeof ATTENTION_PRESETS)[number]): PredictResult {
    this.load(preset.state);
    const { choice, largest } = sharpness(preset.state);
    const { weights } = attend(preset.state.s, preset.state.h);
    return {
      choice,
      value: largest,
      summary: `With s = ${pair(preset.state.s)} the weights are ${pair(weights)}: the largest is ${show(largest)}.`,
    };
  }
}

if (!customElements.get('attention-calc')) customElements.define('attention-calc', AttentionCalcElement);
