// The char-model widget's loss chart: training and validation loss against the unigram baseline, redrawn at most
// once a second and at most a tenth of the time, only while on screen, with Plot's code warmed up while idle.
import { lineChart } from '../../charts/lineChart';
import { el } from '../../lib/dom';
import type { LossCurves } from './model';

/** Redraw at most this often, and at most a tenth of the time (the chart is the one costly thing the page does). */
const INTERVAL_MS = 1000;
const SHARE = 0.1;

/** What the chart draws. */
export interface ChartData {
  curves: LossCurves;
  /** The unigram model's validation loss, once the run has measured it. */
  unigram: number | undefined;
  /** True while the text loads (the empty chart says so). */
  loading: boolean;
}

/** The chart box; `schedule` asks for a redraw, which happens when the budget allows and the box is visible. */
export class LossChart {
  readonly element = el('div', { class: 'cm-chart' });
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastAt = -Infinity;
  private cost = 0;
  private drawnVersion = -1;
  private visible = true;
  private observer: IntersectionObserver | null = null;

  /** @param data read at each redraw */
  constructor(private readonly data: () => ChartData) {}

  /** Skip redrawing a chart nobody can see; catch up when it scrolls back into view. */
  observe(): void {
    this.observer = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      if (this.visible) this.schedule(true);
    });
    this.observer.observe(this.element);
  }

  disconnect(): void {
    this.observer?.disconnect();
  }

  /** Redraw now if forced or the last redraw is old enough, else once the interval has passed; nothing new, nothing drawn. */
  schedule(force: boolean): void {
    if (this.timer !== null || (!force && this.data().curves.version === this.drawnVersion)) return;
    const interval = Math.max(INTERVAL_MS, this.cost / SHARE);
    const wait = force ? 0 : Math.max(0, this.lastAt + interval - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draw();
    }, wait);
  }

  /** Draw now (when visible). */
  draw(): void {
    if (!this.visible) return;
    const start = performance.now();
    this.lastAt = start;
    const { curves, unigram, loading } = this.data();
    this.drawnVersion = curves.version;
    const box = this.element;
    const series = curves.series();
    if (series.every((s) => s.points.length === 0)) {
      box.replaceChildren(
        el(
          'p',
          { class: 'cm-chart-empty' },
          loading ? 'Loading the text…' : 'The loss curve appears here once training starts.',
        ),
      );
      return;
    }
    // Plot builds the chart detached; it goes into the page on the next frame, so the two halves are separate tasks.
    const chart = lineChart(series, {
      width: Math.max(280, Math.min(1040, box.clientWidth || 560)),
      height: 240,
      xLabel: 'step',
      yLabel: 'loss (nats per character)',
      rules: unigram !== undefined ? [{ y: unigram, label: 'unigram baseline' }] : [],
      ariaLabel: `Training and validation loss by step${unigram !== undefined ? ', with the unigram baseline' : ''}; the table below lists the values.`,
    });
    // One named image (its numbers are in the table): Plot's labels on its mark groups are not valid ARIA there.
    for (const svg of chart instanceof SVGSVGElement ? [chart] : chart.querySelectorAll('svg')) {
      if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
      for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
    }
    this.cost = performance.now() - start;
    requestAnimationFrame(() => box.replaceChildren(chart));
  }

  /**
   * Plot's code is compiled the first time it runs (a few hundred ms on a slow machine): do that while the
   * page is idle, on a throwaway chart, rather than in the middle of training.
   */
  static warmUp(): void {
    const warm = (): void =>
      void lineChart(
        [
          {
            name: 'warm-up',
            points: [
              { x: 0, y: 1 },
              { x: 1, y: 0.5 },
            ],
          },
        ],
        { rules: [{ y: 0.7, label: 'baseline' }] },
      );
    if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
    else setTimeout(warm, 500);
  }
}
