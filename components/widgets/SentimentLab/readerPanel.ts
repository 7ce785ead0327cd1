// "Read a review word by word": the reader types, and within the next frame the lab shows the tokens (out-of-vocabulary
// ones as <unk>), the hidden state after each as a heatmap (one pixel per unit and token, scaled up), and P(positive)
// after each as a line, with the numbers in a table. All drawing is canvas and one SVG path: cheap for 60 words.
import { heatmapColor, heatmapLegend } from '../../charts/heatmapScale';
import { el, svg } from '../../lib/dom';
import { fmt } from '../../lib/format';
import type { ReviewReader, Reading } from './reader';
import { MAX_REVIEW } from './state';

/** The diverging scale of the heatmaps, as a lookup table: hidden states of tanh cells lie in [−1, 1]. */
const LUT_SIZE = 101;

/** Parses `rgb(r, g, b)` or `#rrggbb` (what d3's colour scales return) into bytes. */
function rgbBytes(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const parts = color.match(/\d+(\.\d+)?/g)?.map(Number) ?? [0, 0, 0];
  return [parts[0], parts[1], parts[2]];
}

/** The input, the tokens, the two pictures and the table; `setReader` gives it a model, `render` redraws. */
export class ReaderPanel {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private reader: ReviewReader | null = null;
  private readonly tokens = el('ol', { class: 'sl-tokens', 'aria-label': 'Tokens, with P(positive) after each' });
  private readonly canvas = el('canvas', { class: 'sl-heatmap', role: 'img', width: 1, height: 1 });
  private readonly line = svg('svg', {
    class: 'sl-pline',
    viewBox: '0 0 1 1',
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': 'P(positive) after each token',
  });
  private readonly path = svg('path', { class: 'sl-pline-path', 'vector-effect': 'non-scaling-stroke' });
  private readonly dots = svg('g', {});
  private readonly rows = el('tbody', {});
  private readonly summary = el('p', { class: 'sl-note', 'aria-live': 'polite' });
  private readonly pictures: HTMLElement;
  private readonly lut: [number, number, number][];
  private frame: number | null = null;
  /** Milliseconds the last render took (reading and drawing), for the browser test's log. */
  lastRenderMs = 0;

  constructor(text: string, onText: (text: string) => void) {
    const color = heatmapColor(1, 'diverging');
    this.lut = Array.from({ length: LUT_SIZE }, (_, i) => rgbBytes(color(-1 + (2 * i) / (LUT_SIZE - 1))));
    this.input = el('textarea', {
      class: 'sl-input sl-review',
      rows: 2,
      maxlength: MAX_REVIEW,
      'aria-label': 'A review for the model to read',
      spellcheck: false,
    });
    this.input.value = text;
    this.input.addEventListener('input', () => {
      onText(this.input.value);
      this.schedule();
    });
    this.line.append(
      svg('line', { x1: 0, x2: 1, y1: 0.5, y2: 0.5, class: 'sl-pline-mid', 'vector-effect': 'non-scaling-stroke' }),
      this.path,
      this.dots,
    );
    const th = (t: string): HTMLElement => el('th', { scope: 'col' }, t);
    this.pictures = el(
      'div',
      { class: 'sl-reading', hidden: true },
      el('p', { class: 'sl-label' }, 'P(positive) after each token (dashed: one half)'),
      el(
        'div',
        { class: 'sl-pline-box' },
        this.line,
        el('span', { class: 'sl-axis sl-axis-top' }, '1'),
        el('span', { class: 'sl-axis sl-axis-bottom' }, '0'),
      ),
      el('p', { class: 'sl-label' }, 'The hidden state after each token: one row per unit, one column per token'),
      el('div', { class: 'sl-heatmap-box' }, this.canvas),
      heatmapLegend({ domain: 1, label: 'hidden unit value', width: 220 }),
      el(
        'details',
        { class: 'sl-details' },
        el('summary', {}, 'The reading as a table'),
        el(
          'div',
          {
            class: 'sl-table-wrap scroll-cue',
            tabindex: 0,
            role: 'region',
            'aria-label': 'P(positive) after each token',
          },
          el(
            'table',
            { class: 'sl-table sl-reading-table' },
            el('thead', {}, el('tr', {}, th('#'), th('token'), th('read as'), th('P(positive)'))),
            this.rows,
          ),
        ),
      ),
    );
    this.element = el(
      'section',
      { class: 'sl-reader', 'aria-label': 'Read a review word by word' },
      el('p', { class: 'sl-subtitle' }, 'Read a review word by word'),
      el(
        'label',
        { class: 'sl-field sl-grow' },
        el('span', { class: 'sl-label' }, 'Type a review (up to about 60 words)'),
        this.input,
      ),
      this.summary,
      this.tokens,
      this.pictures,
    );
    this.render();
  }

  /** Use a (new) trained model, or none. */
  setReader(reader: ReviewReader | null): void {
    this.reader = reader;
    this.render();
  }

  /** Redraw in the next frame, once however many keystrokes arrive before it. */
  schedule(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.render();
    });
  }

  /** The current reading, for tests: tokens and P(positive) after each. */
  reading(): Reading | null {
    return this.reader ? this.reader.read(this.input.value) : null;
  }

  private render(): void {
    const start = performance.now();
    if (!this.reader) {
      this.summary.textContent = 'Train the model (or load one) and it will read this review here, word by word.';
      this.tokens.replaceChildren();
      this.pictures.hidden = true;
      return;
    }
    const reading = this.reader.read(this.input.value);
    const T = reading.tokens.length;
    this.pictures.hidden = T === 0;
    if (T === 0) {
      this.summary.textContent = 'Type a few words.';
      this.tokens.replaceChildren();
      return;
    }
    const last = reading.positive[T - 1];
    const unknown = reading.known.filter((k) => !k).length;
    this.summary.textContent =
      `${T} ` +
      `token${T === 1 ? '' : 's'}${unknown ? `, ${unknown} not in the vocabulary (read as <unk>)` : ''}: ` +
      `the model says ${last > 0.5 ? 'positive' : 'negative'}, P(positive) ${fmt(last, 3)}.`;
    const color = (p: number) => this.lut[Math.round(Math.max(0, Math.min(1, p)) * (LUT_SIZE - 1))];
    this.tokens.replaceChildren(
      ...reading.tokens.map((token, t) => {
        const [r, g, b] = color(reading.positive[t]);
        const chip = el(
          'li',
          {
            class: reading.known[t] ? 'sl-token' : 'sl-token sl-unk',
            title: `P(positive) ${fmt(reading.positive[t], 3)}`,
          },
          reading.known[t] ? token : `${token} → <unk>`,
        );
        // Through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows (a style attribute it does not).
        chip.style.setProperty('--p-color', `rgb(${r} ${g} ${b})`);
        return chip;
      }),
    );
    this.drawHeatmap(reading);
    this.drawLine(reading);
    this.rows.replaceChildren(
      ...reading.tokens.map((token, t) =>
        el(
          'tr',
          {},
          el('td', {}, String(t + 1)),
          el('td', {}, token),
          el('td', {}, reading.known[t] ? token : '<unk>'),
          el('td', { 'data-p': reading.positive[t] }, fmt(reading.positive[t], 3)),
        ),
      ),
    );
    this.lastRenderMs = performance.now() - start;
  }

  /** One pixel per (unit, token), scaled up by CSS without smoothing. */
  private drawHeatmap(reading: Reading): void {
    const T = reading.tokens.length;
    const H = reading.hidden[0].length;
    this.canvas.width = T;
    this.canvas.height = H;
    const context = this.canvas.getContext('2d');
    if (!context) return;
    const image = context.createImageData(T, H);
    for (let t = 0; t < T; t++) {
      const h = reading.hidden[t];
      for (let j = 0; j < H; j++) {
        const v = Math.max(-1, Math.min(1, h[j]));
        const [r, g, b] = this.lut[Math.round(((v + 1) / 2) * (LUT_SIZE - 1))];
        const k = 4 * (j * T + t);
        image.data[k] = r;
        image.data[k + 1] = g;
        image.data[k + 2] = b;
        image.data[k + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
    this.canvas.setAttribute(
      'aria-label',
      `Heatmap of the ${H} hidden units after each of the ${T} tokens, from −1 (orange) through 0 (white) to 1 (purple).`,
    );
  }

  private drawLine(reading: Reading): void {
    const T = reading.tokens.length;
    this.line.setAttribute('viewBox', `0 0 ${T} 1`);
    this.line.querySelector('line')?.setAttribute('x2', String(T));
    const y = (p: number): number => 1 - p;
    this.path.setAttribute('d', reading.positive.map((p, t) => `${t === 0 ? 'M' : 'L'}${t + 0.5},${y(p)}`).join(''));
    this.dots.replaceChildren(
      ...reading.positive.map((p, t) =>
        svg('line', {
          x1: t + 0.5,
          x2: t + 0.5,
          y1: y(p),
          y2: y(p),
          class: 'sl-pline-dot',
          'vector-effect': 'non-scaling-stroke',
        }),
      ),
    );
    const first = reading.positive[0];
    const last = reading.positive[T - 1];
    this.line.setAttribute(
      'aria-label',
      `P(positive) after each of the ${T} tokens: ${fmt(first, 2)} after “${reading.tokens[0]}”, ${fmt(last, 2)} at the end.`,
    );
  }
}
