// <rnn-unrolling>: the reader types a short text and watches a trained character RNN read it step by step, unrolled
// (one cell per character) or folded (one cell with its loop), with h_t as a heatmap that fills in and y_t as bars.
import { heatmap, heatmapColor, setHighlightCol, setVisibleCols } from '../../charts/heatmap';
import { el } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { fmt } from '../../lib/format';
import { TimeControls } from '../../lib/timeControls';
import type { StateOf } from '../../lib/urlState';
import { bestGuess, percent, stateHeatmap, topPredictions } from './chartData';
import { describeStep, foldedDiagram, setUnrolledStep, unrolledDiagram, UNROLLED, type DiagramInput } from './diagram';
import { TRAINING_INFO, unroll, type Unrolled } from './model';
import { SPEEDS, type unrollingSpec, unrollingUrl, VIEWS, type Speed, type View } from './state';
import { ALPHABET, charLabel, encodeText, MAX_LENGTH, type Encoded } from './vocab';
import { MAX_RAW_LENGTH } from './state';
import { addShareButton } from '../../lib/shareDialog';
import { answerFromPresets } from '../../lib/predictPresets';
import { unrollingOutcome } from './predictions';

type State = StateOf<typeof unrollingSpec>;

const TOP_K = 5;
const color = heatmapColor(1);
const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

class UnrollingElement extends HTMLElement {
  private state!: State;
  private encoded!: Encoded;
  private run!: Unrolled;
  private controls!: TimeControls;
  private resize: ResizeObserver | null = null;
  private lastHeatWidth = 0;
  /** The drawn heatmap of every h_t; stepping only changes which columns show (drawing costs far more). */
  private chart: Element | null = null;
  /** The drawn unrolled picture and the text it shows; stepping only re-marks its cells. */
  private unrolledFor: { text: string; picture: SVGSVGElement } | null = null;
  private refs!: {
    notice: HTMLElement;
    text: HTMLInputElement;
    views: Record<View, HTMLButtonElement>;
    speed: HTMLSelectElement;
    scroll: HTMLElement;
    heat: HTMLElement;
    bars: HTMLElement;
    barsTitle: HTMLElement;
    stateTable: HTMLElement;
    guessTable: HTMLElement;
    live: HTMLElement;
  };

  connectedCallback(): void {
    if (this.refs) return;
    const { state, notices } = unrollingUrl.load();
    this.state = state;
    this.encoded = encodeText(state.text);
    this.run = unroll(this.encoded.ids);
    this.build();
    addShareButton(this, 'unrolling');
    this.showNotices([...notices, ...this.encoded.notices]);
    this.renderHeatmap();
    this.render(false);
    this.followWidth();
    answerFromPresets(this, 'unrolling', unrollingOutcome);
  }

  /** Redraw the heatmap when the widget's width changes (rotation, window resize), as the chart draws at a fixed width. */
  private followWidth(): void {
    if (!('ResizeObserver' in window)) return;
    this.resize = new ResizeObserver(() => {
      if (Math.abs(this.heatWidth() - this.lastHeatWidth) > 8) this.renderHeatmap();
    });
    this.resize.observe(this.refs.heat);
  }

  disconnectedCallback(): void {
    this.controls?.pause();
  }

  private build(): void {
    const base = this.id || 'unrolling';
    const text = el('input', {
      type: 'text',
      id: `${base}-text`,
      class: 'ur-text',
      value: this.state.text,
      maxlength: MAX_RAW_LENGTH,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${base}-text-help`,
    });
    text.addEventListener('input', () => this.setText(text.value));
    const viewButton = (view: View, label: string): HTMLButtonElement =>
      el(
        'button',
        { type: 'button', class: 'button ur-view', 'aria-pressed': 'false', onclick: () => this.setView(view) },
        label,
      );
    const speed = el(
      'select',
      { id: `${base}-speed`, class: 'ur-select' },
      ...(Object.keys(SPEEDS) as Speed[]).map((s) => el('option', { value: s }, s)),
    );
    speed.addEventListener('change', () => {
      this.state.speed = speed.value as Speed;
      this.save();
    });
    this.controls = new TimeControls({
      label: 'Time step t',
      min: 1,
      max: this.encoded.ids.length,
      value: this.state.t,
      interval: () => SPEEDS[this.state.speed],
      onChange: (t) => {
        this.state.t = t;
        this.render(true);
        this.save();
        if (!this.controls.playing) this.announce(describeStep(this.diagramInput()));
      },
      onPlayingChange: (playing) => {
        this.classList.toggle('is-playing', playing);
        if (!playing) this.announce(`Paused. ${describeStep(this.diagramInput())}`);
      },
    });
    this.refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      text,
      views: { unrolled: viewButton('unrolled', 'Unrolled'), folded: viewButton('folded', 'Folded') },
      speed,
      scroll: el('div', {
        class: 'ur-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'The network, one cell per step (scrolls sideways)',
      }),
      heat: el('div', { class: 'ur-heat' }),
      bars: el('ol', { class: 'ur-bars' }),
      barsTitle: el('p', { class: 'ur-panel-title', id: `${base}-bars-title` }),
      stateTable: el('div', {
        class: 'ur-table-wrap scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Hidden states as a table',
      }),
      guessTable: el('div', {
        class: 'ur-table-wrap scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Predictions as a table',
      }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    this.refs.bars.setAttribute('aria-labelledby', this.refs.barsTitle.id);

    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', `${base}-title`);
    this.setAttribute('aria-describedby', `${base}-help`);
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.controls.handleKey(event));
    this.replaceChildren(
      el('p', { class: 'widget-title', id: `${base}-title` }, 'An RNN unrolled over your text'),
      el(
        'p',
        { class: 'widget-help', id: `${base}-help` },
        'Type a short text, then play or step through it (← → keys, Space to play). Each step the same cell ' +
          'reads one character and the state from the step before.',
      ),
      this.refs.notice,
      el(
        'div',
        { class: 'ur-inputs' },
        el(
          'div',
          { class: 'ur-field' },
          el('label', { for: text.id }, 'Your text'),
          text,
          el('span', { class: 'ur-hint', id: `${base}-text-help` }, `letters and spaces, up to ${MAX_LENGTH}`),
        ),
        el(
          'div',
          { class: 'ur-field' },
          el('span', { class: 'ur-label', id: `${base}-view-label` }, 'View'),
          el(
            'div',
            { class: 'ur-toggle', role: 'group', 'aria-labelledby': `${base}-view-label` },
            this.refs.views.unrolled,
            this.refs.views.folded,
          ),
        ),
        el('div', { class: 'ur-field' }, el('label', { for: speed.id }, 'Speed'), speed),
      ),
      this.refs.scroll,
      this.controls.element,
      el(
        'div',
        { class: 'ur-panels' },
        el(
          'figure',
          { class: 'ur-panel ur-heat-panel' },
          el(
            'figcaption',
            { class: 'ur-panel-title' },
            'Hidden state h',
            el('sub', {}, 't'),
            ' of each unit, step by step',
          ),
          this.refs.heat,
          el(
            'p',
            { class: 'ur-legend' },
            el('span', { class: 'ur-swatch', style: `background:${color(-1)}` }),
            ' −1 ',
            el('span', { class: 'ur-swatch', style: `background:${color(0)}` }),
            ' 0 ',
            el('span', { class: 'ur-swatch', style: `background:${color(1)}` }),
            ' +1; later steps are blank until the network reaches them.',
          ),
        ),
        el('div', { class: 'ur-panel' }, this.refs.barsTitle, this.refs.bars),
      ),
      el(
        'details',
        { class: 'ur-details' },
        el('summary', {}, 'The numbers as tables'),
        this.refs.stateTable,
        this.refs.guessTable,
      ),
      el(
        'p',
        { class: 'ur-footnote' },
        `The weights are fixed: they were trained in advance with this course’s engine ` +
          `(${TRAINING_INFO.steps} Adam steps of next-character prediction on a few short English sentences, ` +
          `${TRAINING_INFO.hiddenSize} hidden units). Here the engine only runs the forward pass over your ` +
          `text.`,
      ),
      this.refs.live,
    );
  }

  private setText(raw: string): void {
    this.state.text = raw.slice(0, MAX_RAW_LENGTH);
    this.encoded = encodeText(this.state.text);
    this.run = unroll(this.encoded.ids);
    this.controls.pause();
    // Show the whole new sequence at once; Play starts it over from the first character.
    this.state.t = this.encoded.ids.length;
    this.controls.setRange(1, this.encoded.ids.length);
    this.controls.setValue(this.state.t);
    this.showNotices(this.encoded.notices);
    this.renderHeatmap();
    this.render(false);
    this.save();
  }

  private setView(view: View): void {
    this.state.view = view;
    this.render(false);
    this.save();
  }

  private save(): void {
    unrollingUrl.save(this.state);
  }

  private announce(message: string): void {
    this.refs.live.textContent = message;
  }

  private showNotices(notices: string[]): void {
    showNotices(this.refs.notice, notices);
  }

  private diagramInput(): DiagramInput {
    return {
      steps: this.encoded.ids.map((id, i) => ({
        input: charLabel(ALPHABET[id]),
        h: this.run.h[i],
        guess: bestGuess(this.run.probs[i]),
      })),
      t: this.state.t,
      color,
      idPrefix: `${this.id || 'unrolling'}-net`,
    };
  }

  private heatWidth(): number {
    return Math.max(260, Math.min(560, this.refs.heat.clientWidth || 520));
  }

  /** Redraw everything for the current state; `stepped` animates the values flowing into the current cell. */
  private render(stepped: boolean): void {
    const { view, t } = this.state;
    if (document.activeElement !== this.refs.text) this.refs.text.value = this.state.text;
    for (const v of VIEWS) this.refs.views[v].setAttribute('aria-pressed', String(v === view));
    this.refs.speed.value = this.state.speed;
    this.controls.setValue(t);

    const input = this.diagramInput();
    let picture: SVGSVGElement;
    if (
      view === 'unrolled' &&
      this.unrolledFor?.text === this.encoded.text &&
      this.refs.scroll.firstChild === this.unrolledFor.picture
    ) {
      picture = this.unrolledFor.picture;
      setUnrolledStep(picture, input);
    } else {
      picture = view === 'unrolled' ? unrolledDiagram(input) : foldedDiagram(input);
      this.unrolledFor = view === 'unrolled' ? { text: this.encoded.text, picture } : null;
      this.refs.scroll.replaceChildren(picture);
    }
    this.refs.scroll.classList.toggle('is-folded', view === 'folded');
    this.refs.scroll.setAttribute(
      'aria-label',
      view === 'unrolled' ? 'The network, one cell per step (scrolls sideways)' : 'The network folded into one cell',
    );
    if (view === 'unrolled') this.keepInView(t);
    if (stepped && !reducedMotion()) animateFlow(picture, Math.min(700, SPEEDS[this.state.speed] * 0.8));

    this.updateHeatmap();
    this.renderBars();
    this.renderTables();
  }

  private keepInView(t: number): void {
    const scroll = this.refs.scroll;
    const left = UNROLLED.left + (t - 1) * UNROLLED.pitch - 30;
    const right = left + UNROLLED.pitch + 60;
    if (left < scroll.scrollLeft) scroll.scrollLeft = left;
    else if (right > scroll.scrollLeft + scroll.clientWidth) scroll.scrollLeft = right - scroll.clientWidth;
  }

  /** Draw the heatmap of the whole sequence (for a new text or width); `updateHeatmap` then shows steps 1..t. */
  private renderHeatmap(): void {
    const width = this.heatWidth();
    this.lastHeatWidth = width;
    this.chart = heatmap(stateHeatmap(this.run.h, this.run.h.length), {
      width,
      height: 210,
      domain: 1,
      maxXTicks: Math.floor(width / 30),
      xLabel: 'step t',
      yLabel: 'unit',
    });
    this.refs.heat.replaceChildren(this.chart);
    this.updateHeatmap();
  }

  private updateHeatmap(): void {
    if (!this.chart) return;
    const { t } = this.state;
    setVisibleCols(this.chart, t);
    setHighlightCol(this.chart, t - 1);
    this.chart.setAttribute(
      'aria-label',
      `Heatmap of the hidden state: ${this.run.h[0]?.length} units (rows) by ${this.run.h.length} steps ` +
        `(columns), filled up to step ${t}. The same numbers are in the tables below.`,
    );
  }

  private renderBars(): void {
    const { t } = this.state;
    const ids = this.encoded.ids;
    const next = t < ids.length ? ids[t] : null;
    const current = charLabel(ALPHABET[ids[t - 1]]);
    this.refs.barsTitle.replaceChildren(
      'Output y',
      el('sub', {}, String(t)),
      `: the network’s guess for the character after “${current}”`,
    );
    const rows = topPredictions(this.run.probs[t - 1], TOP_K, next);
    this.refs.bars.replaceChildren(
      ...rows.map((d) =>
        el(
          'li',
          { class: d.isNext ? 'ur-bar-row is-next' : 'ur-bar-row' },
          el('span', { class: 'ur-bar-char' }, d.label),
          el(
            'span',
            { class: 'ur-bar-track', 'aria-hidden': 'true' },
            el('span', { class: 'ur-bar-fill', style: `width:${(d.p * 100).toFixed(1)}%` }),
          ),
          el('span', { class: 'ur-bar-value' }, percent(d.p)),
          d.isNext
            ? el('span', { class: 'ur-bar-note' }, d.rank > TOP_K ? `actually next (rank ${d.rank})` : 'actually next')
            : null,
        ),
      ),
    );
    if (next === null)
      this.refs.bars.append(
        el(
          'li',
          { class: 'ur-bar-end' },
          'This is the last character of your text, so there is no actual next one to compare.',
        ),
      );
  }

  private renderTables(): void {
    const { t } = this.state;
    const ids = this.encoded.ids.slice(0, t);
    const label = (id: number): string => charLabel(ALPHABET[id]);
    const hiddenSize = this.run.h[0]?.length ?? 0;
    this.refs.stateTable.replaceChildren(
      el(
        'table',
        { class: 'ur-table' },
        el('caption', {}, `Hidden state h_t, steps 1 to ${t}`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'unit'),
            ...ids.map((id, k) => el('th', { scope: 'col' }, `t=${k + 1} “${label(id)}”`)),
          ),
        ),
        el(
          'tbody',
          {},
          ...Array.from({ length: hiddenSize }, (_, i) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, String(i + 1)),
              ...ids.map((_, k) => el('td', {}, fmt(this.run.h[k][i], 3))),
            ),
          ),
        ),
      ),
    );
    this.refs.guessTable.replaceChildren(
      el(
        'table',
        { class: 'ur-table' },
        el('caption', {}, `Predictions y_t, steps 1 to ${t}`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['t', 'reads', 'best guess', 'probability', 'actually next', 'its probability'].map((h) =>
              el('th', { scope: 'col' }, h),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          ...ids.map((id, k) => {
            const probs = this.run.probs[k];
            const guess = bestGuess(probs);
            const next = this.encoded.ids[k + 1];
            return el(
              'tr',
              {},
              el('th', { scope: 'row' }, String(k + 1)),
              el('td', {}, label(id)),
              el('td', {}, guess.label),
              el('td', {}, fmt(guess.p, 3)),
              el('td', {}, next === undefined ? '(end)' : label(next)),
              el('td', {}, next === undefined ? '' : fmt(probs[next], 3)),
            );
          }),
        ),
      ),
    );
  }
}

/**
 * Send a dot along each arrow into the current cell (x_t from below, h_{t−1} from the left or round the loop),
 * then one out to y_t. Does nothing where the Web Animations API is missing.
 */
function animateFlow(picture: SVGSVGElement, duration: number): void {
  const flows = [...picture.querySelectorAll<SVGGeometryElement>('.is-current .ur-flow')];
  for (const path of flows) {
    if (typeof path.getTotalLength !== 'function') return;
    const length = path.getTotalLength();
    const points = Array.from({ length: 9 }, (_, i) => path.getPointAtLength((length * i) / 8));
    const dot = picture.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'circle'));
    dot.setAttribute('r', '4.5');
    dot.setAttribute('class', 'ur-dot');
    if (typeof dot.animate !== 'function') return dot.remove();
    const out = path.dataset.flow === 'y';
    // The dot is invisible (CSS) until its keyframes apply, so the outgoing one waits unseen for the incoming ones.
    const animation = dot.animate(
      points.map((p) => ({ transform: `translate(${p.x}px, ${p.y}px)`, opacity: 1 })),
      {
        duration: duration / 2,
        delay: out ? duration / 2 : 0,
        easing: 'ease-in-out',
        fill: 'forwards',
      },
    );
    animation.onfinish = () => dot.remove();
  }
}

if (!customElements.get('rnn-unrolling')) customElements.define('rnn-unrolling', UnrollingElement);
