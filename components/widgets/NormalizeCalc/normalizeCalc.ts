// <normalize-calc>: chapter 11's z-score normalization as a calculator. The reader types a series, chooses how many of
// its first values are training data, and sees μ, σ, every normalized value, what tanh makes of raw and normalized
// inputs, and a normalized prediction turned back into real units.
import { fmt } from '../../lib/format';
import { el, sym } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { numberInput } from '../../lib/numberInput';
import { answerPresetRequests, type PredictResult } from '../../lib/predict';
import { denormalize, lastComparedWithChapter, normalize, stats } from './model';
import {
  NORMALIZE_PRESETS,
  normalizeCalcSpec,
  normalizeCalcUrl,
  trainInside,
  type NormalizeCalcState,
  type NormalizeSettings,
} from './state';
import { addShareButton } from '../../lib/shareDialog';

/** A number with `digits` decimals and a real minus sign (−0 shown as 0). */
const show = fmt;

class NormalizeCalcElement extends HTMLElement {
  private state!: NormalizeCalcState;
  private parts!: {
    notice: HTMLElement;
    seq: HTMLInputElement;
    train: HTMLInputElement;
    pred: HTMLInputElement;
    stats: HTMLElement;
    table: HTMLTableSectionElement;
    undo: HTMLElement;
  };

  connectedCallback(): void {
    if (this.parts) return;
    const { state, notices } = normalizeCalcUrl.load();
    this.state = state;
    this.build();
    addShareButton(this, 'normalize-calc');
    this.notify(notices);
    this.render();
    answerPresetRequests(this, NORMALIZE_PRESETS, 'calculator', (preset) => this.answer(preset));
  }

  private notify(notices: readonly string[]): void {
    showNotices(this.parts.notice, notices);
  }

  private build(): void {
    const id = this.id || 'normalize-calc';
    const onNotice = (text: string): void => showNotices(this.parts.notice, text ? [text] : []);
    const seq = el('input', {
      type: 'text',
      id: `${id}-seq`,
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      value: normalizeCalcSpec.seq.codec.format(this.state.seq),
    });
    seq.addEventListener('change', () => this.readSeries());
    const train = numberInput(normalizeCalcSpec.train, {
      value: this.state.train,
      label: 'The number of training values',
      attrs: { id: `${id}-train` },
      onNotice,
      onValue: (value) => this.update({ train: value }),
    });
    const pred = numberInput(normalizeCalcSpec.pred, {
      value: this.state.pred,
      label: 'The normalized prediction',
      attrs: { id: `${id}-pred` },
      onNotice,
      onValue: (value) => this.update({ pred: value }),
    });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      seq,
      train,
      pred,
      stats: el('p', { class: 'calc-result', 'aria-live': 'polite' }),
      table: el('tbody'),
      undo: el('p', { class: 'calc-result' }),
    };
    const titleId = `${id}-title`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Normalize a series'),
      el(
        'p',
        { class: 'widget-help' },
        'Type a series and say how many of its first values are training data: μ and σ come from those only and are ' +
          'applied to every value.',
      ),
      this.parts.notice,
      el(
        'div',
        { class: 'calc-presets', role: 'group', 'aria-label': 'Examples' },
        ...NORMALIZE_PRESETS.map((preset) =>
          el('button', { type: 'button', class: 'button', onclick: () => this.load(preset.state) }, preset.label),
        ),
      ),
      el(
        'div',
        { class: 'calc-form' },
        el('label', { for: seq.id }, 'Series ', sym('x', '1'), ' … ', sym('x', 'T'), ' (commas between)'),
        seq,
        el('label', { for: train.id }, 'Training values (the first n)'),
        train,
      ),
      this.parts.stats,
      el(
        'div',
        { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': 'Each value, raw and normalized' },
        el(
          'table',
          { class: 'calc-table', 'data-figure': true },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, sym('t')),
              el('th', { scope: 'col' }, 'Raw ', sym('x', 't')),
              el('th', { scope: 'col' }, 'Normalized'),
              el('th', { scope: 'col' }, 'tanh(raw)'),
              el('th', { scope: 'col' }, 'tanh(normalized)'),
              el('th', { scope: 'col' }, 'Part'),
            ),
          ),
          this.parts.table,
        ),
      ),
      el('div', { class: 'calc-form' }, el('label', { for: pred.id }, 'A normalized prediction ỹ'), pred),
      this.parts.undo,
    );
  }

  private readSeries(): void {
    const codec = normalizeCalcSpec.seq.codec;
    const parsed = codec.parse(this.parts.seq.value);
    const refuse = (why: string): void => {
      showNotices(this.parts.notice, [`The series ${why}; keeping ${codec.format(this.state.seq)}.`]);
      this.parts.seq.value = codec.format(this.state.seq);
    };
    if ('error' in parsed) return refuse(parsed.error);
    if (parsed.value.length < 2) return refuse('needs at least 2 values');
    showNotices(this.parts.notice, []);
    this.update({ seq: parsed.value, train: Math.min(this.state.train, parsed.value.length) });
    this.parts.train.value = String(this.state.train);
  }

  private load(state: NormalizeSettings): void {
    showNotices(this.parts.notice, []);
    this.update(structuredClone(state));
    this.parts.seq.value = normalizeCalcSpec.seq.codec.format(this.state.seq);
    this.parts.train.value = String(this.state.train);
    this.parts.pred.value = normalizeCalcSpec.pred.codec.format(this.state.pred);
  }

  private update(change: Partial<NormalizeCalcState>): void {
    Object.assign(this.state, change);
    const notices = trainInside(this.state);
    if (notices.length > 0) {
      showNotices(this.parts.notice, notices);
      this.parts.train.value = String(this.state.train);
    }
    normalizeCalcUrl.save(this.state);
    this.render();
  }

  private render(): void {
    const { seq, train, pred } = this.state;
    const s = stats(seq.slice(0, train));
    const z = normalize(seq, s);
    this.parts.stats.replaceChildren(
      'From the ',
      el('strong', {}, `first ${train} values`),
      ': μ = ',
      el('strong', {}, show(s.mean)),
      ', σ = ',
      el('strong', {}, show(s.std)),
      z ? '' : '. They are all equal (σ = 0), so there is no scale to divide by: normalization is undefined here.',
    );
    this.parts.table.replaceChildren(
      ...seq.map((x, i) =>
        el(
          'tr',
          { class: i < train ? null : 'calc-test' },
          el('td', {}, i + 1),
          el('td', {}, show(x, Number.isInteger(x) ? 0 : 3)),
          el('td', { class: 'calc-key' }, z ? show(z[i], 2) : '–'),
          el('td', {}, show(Math.tanh(x), 4)),
          el('td', {}, z ? show(Math.tanh(z[i]), 4) : '–'),
          el('td', {}, i < train ? 'training' : 'later data'),
        ),
      ),
    );
    this.parts.undo.replaceChildren(
      ...(z
        ? [
            'Back in real units: ŷ = σ ỹ + μ = ',
            `${show(s.std)} × ${show(pred, 2)} + ${show(s.mean)} = `,
            el('strong', {}, show(denormalize(pred, s), 2)),
          ]
        : ['With σ = 0 a normalized prediction has no real-unit value.']),
    );
  }

  /** A Predict question's experiment: load its example and report where the last value lands. */
  /** Show a chapter question's preset and say what it shows. */
  private answer(preset: (typeof NORMALIZE_PRESETS)[number]): PredictResult {
    this.load(preset.state);
    const { choice, value } = lastComparedWithChapter(preset.state);
    const s = stats(preset.state.seq.slice(0, preset.state.train));
    return {
      choice,
      value,
      summary:
        `With μ = ${show(s.mean)} and σ = ${show(s.std)} from the first ${preset.state.train} values, the last ` +
        `value normalizes to ${show(value, 2)}.`,
    };
  }
}

if (!customElements.get('normalize-calc')) customElements.define('normalize-calc', NormalizeCalcElement);
