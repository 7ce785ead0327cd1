// "Padding and packing, visible": a batch of real training sentences as a grid of tokens and <pad>s, as it comes or
// sorted longest first, with the steps the padding wastes and the batch sizes per step that pack_padded_sequence makes.
import { el } from '../../lib/dom';
import { padBatch } from './model';
import type { PreviewBatches } from './previewBatches';

const MAX_CELL_CHARS = 9;

/** The grid, its numbers and its two controls (sorted or not, another batch). */
export class PaddingPanel {
  readonly element: HTMLElement;
  private readonly grid = el('div', { class: 'sl-grid', role: 'img' });
  private readonly sizes = el('div', { class: 'sl-sizes', role: 'img' });
  private readonly numbers = el('p', { class: 'sl-note', 'aria-live': 'polite' });
  private readonly sortBox = el('input', { type: 'checkbox' });
  private readonly caption = el('p', { class: 'sl-note' });
  private readonly wrap = el(
    'div',
    {
      class: 'scroll-x sl-grid-wrap',
      tabindex: 0,
      role: 'region',
      'aria-label': 'The padded batch (scrolls sideways)',
    },
    this.grid,
    this.sizes,
  );
  private readonly scrollHint = el(
    'p',
    { class: 'sl-note', hidden: true },
    'The grid scrolls sideways: there are more steps to the right.',
  );
  private source = 'imdb';
  private index = 0;

  constructor(private readonly batches: PreviewBatches) {
    this.sortBox.addEventListener('change', () => this.render());
    this.element = el(
      'section',
      { class: 'sl-padding', 'aria-label': 'Padding and packing a batch' },
      el('p', { class: 'sl-subtitle' }, 'Padding and packing a batch'),
      this.caption,
      el(
        'div',
        { class: 'sl-row' },
        el('label', { class: 'sl-check' }, this.sortBox, ' Sort longest first, as pack_padded_sequence does'),
        el('button', { type: 'button', class: 'button', onclick: () => this.next() }, 'Another batch'),
      ),
      this.wrap,
      this.scrollHint,
      this.numbers,
    );
  }

  /** Show the batches of a data choice (`own` data has none of its own: the IMDb batches stand in). */
  use(source: string, own: boolean): void {
    const known = source in this.batches ? source : 'imdb';
    if (known !== this.source) this.index = 0;
    this.source = known;
    const name = {
      imdb: 'IMDb sentences',
      amazon: 'Amazon sentences',
      yelp: 'Yelp sentences',
      negation: 'negation set',
    };
    const which = name[known as keyof typeof name] ?? known;
    this.caption.textContent =
      `Eight sentences from the training split of the ${which}${own ? ' (your own file is not drawn)' : ''}: ` +
      `each row is a sentence, each column a time step; grey cells are <pad>.`;
    this.render();
  }

  private next(): void {
    this.index = (this.index + 1) % (this.batches[this.source]?.length || 1);
    this.render();
  }

  private render(): void {
    const batch = this.batches[this.source]?.[this.index];
    if (!batch) {
      this.grid.replaceChildren(el('p', { class: 'sl-note' }, 'No batch to draw.'));
      return;
    }
    const sorted = this.sortBox.checked;
    const grid = padBatch(batch, sorted);
    this.grid.style.setProperty('--steps', String(grid.steps));
    this.sizes.style.setProperty('--steps', String(grid.steps));
    const cells: HTMLElement[] = [];
    for (const row of grid.rows) {
      for (let t = 0; t < grid.steps; t++) {
        const token = t < row.length ? row.tokens[t] : null;
        cells.push(
          el(
            'span',
            { class: token === null ? 'sl-cell sl-pad' : 'sl-cell', title: token ?? '<pad>' },
            token === null ? '' : token.length > MAX_CELL_CHARS ? `${token.slice(0, MAX_CELL_CHARS - 1)}…` : token,
          ),
        );
      }
    }
    this.grid.replaceChildren(...cells);
    this.grid.setAttribute(
      'aria-label',
      `${grid.rows.length} sentences of ${grid.rows.map((r) => r.length).join(', ')} tokens, padded to ${grid.steps} steps${sorted ? ', longest first' : ''}.`,
    );
    if (sorted) {
      this.sizes.hidden = false;
      this.sizes.replaceChildren(
        ...grid.batchSizes.map((b) => {
          const bar = el('span', { class: 'sl-size', title: `${b} running` }, String(b));
          bar.style.setProperty('--b', String(b / grid.rows.length));
          return bar;
        }),
      );
      this.sizes.setAttribute('aria-label', `Batch sizes per step: ${grid.batchSizes.join(', ')}.`);
    } else this.sizes.hidden = true;
    // A visible cue when the grid is wider than the lab (always on a phone): read after layout, in the next frame.
    requestAnimationFrame(() => (this.scrollHint.hidden = this.wrap.scrollWidth <= this.wrap.clientWidth + 1));
    const share = Math.round((100 * grid.padded) / (grid.real + grid.padded));
    this.numbers.textContent = sorted
      ? `Packed, the RNN takes ${grid.steps} steps over ${grid.real} real tokens: batch_sizes = ` +
        `[${grid.batchSizes.join(', ')}], one number per step, the sentences still running (the bars under ` +
        `the grid). Without packing it would compute ${grid.real + grid.padded} cells, ${grid.padded} of ` +
        `them padding (${share}%).`
      : `Padded to the longest sentence, the batch is ${grid.rows.length} × ${grid.steps} = ` +
        `${grid.real + grid.padded} cells: ${grid.real} tokens and ${grid.padded} pads (${share}% of the ` +
        `work wasted, and without packing each short sentence's last state is read after its pads).`;
  }
}
