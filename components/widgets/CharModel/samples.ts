// The char-model widget's samples: the priming text (with a note on characters the model cannot read) and the
// temperature, the latest sample after the part of the prime the model read, and the samples before it, each saying
// which run wrote it, after how many steps and at what temperature, and opening to show the whole text.
import { CHAR_ALPHABET } from '../../../engine/data/text';
import { el } from '../../lib/dom';
import { fmt } from '../../lib/format';
import type { Sample } from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import { primeMessage, unknownCharacters } from './model';
import { charModelSpec, MAX_PRIME } from './state';

type State = StateOf<typeof charModelSpec>;

/** Earlier samples kept in the history list (an entry the reader opened stays while there are others to drop). */
const HISTORY = 6;

const count = (n: number): string => n.toLocaleString('en-US');

/** What the samples section asks of the widget. */
export interface SamplesActions {
  /** Change settings; the widget keeps them and writes them to the URL. */
  set: (patch: Partial<State>) => void;
  /** Ask the model for a sample now. */
  request: () => void;
}

/** The samples section: its controls, the latest sample and the history. */
export class SamplesPanel {
  readonly section: HTMLElement;
  private readonly primeInput: HTMLInputElement;
  private readonly note: HTMLElement;
  private readonly temp: HTMLInputElement;
  private readonly button: HTMLButtonElement;
  private readonly latest: HTMLElement;
  private readonly history = el('ol', { class: 'cm-history', 'aria-label': 'Earlier samples, newest first' });
  private previous: { sample: Sample; run: number | null } | null = null;
  /** The characters of the model that wrote the samples; null before one is built. */
  private vocabulary: string | null = null;

  /** @param base prefix of the ids inside the section (the element's id) */
  constructor(state: State, base: string, actions: SamplesActions) {
    const tempCodec = charModelSpec.temp.codec;
    this.primeInput = el('input', {
      type: 'text',
      class: 'cm-input cm-prime',
      maxlength: MAX_PRIME,
      value: state.prime,
      id: `${base}-prime`,
      'aria-describedby': `${base}-prime-note`,
      autocomplete: 'off',
      spellcheck: 'false',
    });
    this.note = el('p', { class: 'cm-note', id: `${base}-prime-note` });
    this.temp = el('input', {
      type: 'range',
      class: 'cm-range',
      min: tempCodec.min,
      max: tempCodec.max,
      step: tempCodec.step,
      value: state.temp,
      id: `${base}-temp`,
    });
    const tempOut = el('output', { class: 'cm-temp-out', for: `${base}-temp` }, fmt(state.temp, 1));
    this.button = el('button', { type: 'button', class: 'button', onclick: () => actions.request() }, 'Write a sample');
    this.latest = el('p', {
      class: 'cm-sample',
      'aria-live': 'polite',
      tabindex: 0,
      role: 'region',
      'aria-label': 'Latest sample',
    });

    this.primeInput.addEventListener('input', () => this.checkPrime(null));
    this.primeInput.addEventListener('change', () => actions.set({ prime: this.primeInput.value }));
    this.primeInput.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter') actions.request();
    });
    this.temp.addEventListener('input', () => {
      tempOut.textContent = fmt(Number(this.temp.value), 1);
    });
    this.temp.addEventListener('change', () => actions.set({ temp: Number(this.temp.value) }));

    const titleId = `${base}-samples-title`;
    this.section = el(
      'section',
      { class: 'cm-samples', 'aria-labelledby': titleId },
      el('p', { class: 'cm-subtitle', id: titleId }, 'Samples'),
      el(
        'div',
        { class: 'cm-sample-controls' },
        el(
          'label',
          { class: 'cm-field cm-grow', for: `${base}-prime` },
          el('span', { class: 'cm-label' }, 'Priming text'),
          this.primeInput,
        ),
        el(
          'label',
          { class: 'cm-field', for: `${base}-temp` },
          el('span', { class: 'cm-label' }, 'Temperature ', tempOut),
          this.temp,
        ),
        this.button,
      ),
      this.note,
      this.latest,
      this.history,
    );
  }

  /** What a sample request sends: the priming text and the temperature as the inputs show them now. */
  get request(): { prime: string; temperature: number } {
    return { prime: this.primeInput.value, temperature: Number(this.temp.value) };
  }

  /** The sample button works only once a model is ready and no sample is on its way. */
  render(canSample: boolean): void {
    this.button.disabled = !canSample;
  }

  /**
   * Say under the priming text which of its characters the model cannot read.
   * @param vocabulary the model's characters, or null before it is built (then the book's alphabet)
   */
  checkPrime(vocabulary: string | null): void {
    if (vocabulary !== null) this.vocabulary = vocabulary;
    const known = this.vocabulary ?? CHAR_ALPHABET;
    const message = primeMessage(unknownCharacters(this.primeInput.value, known), Array.from(known).length);
    this.note.textContent = message ?? 'The model reads this first, then writes what it thinks comes next.';
    this.note.classList.toggle('cm-warn', message !== null);
  }

  /** A sample request failed: say so where the priming note is. */
  failed(message: string): void {
    this.note.textContent = `No sample: ${message}`;
  }

  /**
   * Show a new sample, and move the one it replaces to the top of the history.
   * @param run the number of the run that wrote it (as the chart names it), or null
   */
  show(sample: Sample, run: number | null): void {
    const unknown = new Set(sample.unknown);
    const read = Array.from(sample.prime)
      .filter((ch) => !unknown.has(ch))
      .join('');
    this.latest.replaceChildren(
      el(
        'span',
        { class: 'cm-sample-step' },
        `${run === null ? 'After' : `Run #${run}, after`} ${count(sample.step)} steps, temperature ${fmt(sample.temperature, 1)}:`,
      ),
      el('span', { class: 'cm-sample-body' }, el('span', { class: 'cm-prime-echo' }, read), sample.text),
    );
    const previous = this.previous;
    this.previous = { sample, run };
    if (previous) this.addToHistory(previous.sample, previous.run);
  }

  /** An entry of the history: a line that says where the sample comes from and how it starts, opening to all of it. */
  private addToHistory(sample: Sample, run: number | null): void {
    const where = `${run === null ? '' : `run #${run}, `}step ${count(sample.step)}, temperature ${fmt(sample.temperature, 1)}`;
    const unknown = new Set(sample.unknown);
    const read = Array.from(sample.prime)
      .filter((ch) => !unknown.has(ch))
      .join('');
    this.history.prepend(
      el(
        'li',
        {},
        el(
          'details',
          { class: 'cm-history-entry' },
          el(
            'summary',
            {},
            el('span', { class: 'cm-sample-step' }, `${where}:`),
            el('span', { class: 'cm-history-line' }, ` ${read}${sample.text}`.replace(/\n/g, ' ⏎ ')),
          ),
          el('p', { class: 'cm-history-full' }, el('span', { class: 'cm-prime-echo' }, read), sample.text),
        ),
      ),
    );
    // Drop the oldest entries beyond HISTORY, those the reader has not opened first.
    const oldestFirst = [...this.history.children].reverse();
    let excess = oldestFirst.length - HISTORY;
    for (const keepOpen of [true, false])
      for (const li of oldestFirst) {
        if (excess <= 0) return;
        if (keepOpen && li.querySelector('details')?.open) continue;
        if (li.parentNode !== this.history) continue;
        li.remove();
        excess -= 1;
      }
  }

  /** A new run: the latest sample joins the history (marked with its run), and the next model's vocabulary is unknown. */
  clear(): void {
    const previous = this.previous;
    this.previous = null;
    this.vocabulary = null;
    this.latest.replaceChildren();
    if (previous) this.addToHistory(previous.sample, previous.run);
  }
}
