// The training lab's "before you run" panel, live as settings change: the parameter count by chapter 7's formula with
// the numbers in (MathML, which the browser typesets: no KaTeX), the activations one batch keeps, and the time per step
// measured in a worker (with the run's length it implies), or why these settings cannot run.
import type { RecurrentNetConfig } from '../../../engine/train/tasks/configs';
import { el } from '../../lib/dom';
import { arithmeticMathml } from '../../lib/mathml';
import { formatDuration } from '../../lib/format';
import {
  activationEstimate,
  formatBytes,
  modelShape,
  parameterCount,
  parameterTerms,
  parameterText,
  stepsPerSequence,
} from './estimate';
import type { Measurement } from './stepTimer';

/** The panel; `render` redraws it for a config and what is known of its timing. */
export class CostPanel {
  readonly element: HTMLElement;
  private readonly formula = el('p', { class: 'tl-formula' });
  private readonly params = el('p', { class: 'tl-cost-line' });
  private readonly memory = el('p', { class: 'tl-cost-line' });
  private readonly time = el('p', { class: 'tl-cost-line', 'aria-live': 'polite' });
  private lastText = '';

  constructor() {
    this.element = el(
      'section',
      { class: 'tl-cost', 'aria-label': 'What these settings cost' },
      el('p', { class: 'tl-subtitle' }, 'Before you run'),
      this.params,
      this.formula,
      this.memory,
      this.time,
    );
  }

  /**
   * @param sentimentVocab the sentiment vocabulary's size as last measured (0 before)
   * @param batchTokens steps of a typical sentiment batch
   */
  render(
    config: RecurrentNetConfig,
    measurement: Measurement | null,
    sentimentVocab: number,
    batchTokens: number,
  ): void {
    const shape = modelShape(config, sentimentVocab);
    const terms = parameterTerms(config, shape);
    const count = parameterCount(terms);
    const known = Number.isFinite(count);
    this.params.replaceChildren(
      el('strong', {}, 'Parameters: '),
      known ? count.toLocaleString('en-US') : 'V is the vocabulary, known once the sentences are read',
      config.task === 'sentiment' && known
        ? ` (the embedding has a row for each of the ${sentimentVocab.toLocaleString('en-US')} words of the vocabulary)`
        : '',
    );
    const pieces = parameterText(terms);
    const text = pieces.join(' ');
    if (text !== this.lastText) {
      this.lastText = text;
      // One <math> per term, so a long sum breaks before a + on a phone instead of running off the edge.
      this.formula.replaceChildren(...pieces.flatMap((piece, i) => [i > 0 ? ' ' : '', arithmeticMathml(piece)]));
    }
    const T = stepsPerSequence(config, batchTokens);
    const a = activationEstimate(config, shape, T);
    this.memory.replaceChildren(
      el('strong', {}, 'Activations per batch: '),
      `about ${formatBytes(a.bytes)} (${a.text} floats of 4 bytes kept for the backward pass)`,
    );
    this.time.replaceChildren(el('strong', {}, 'Time per step: '), timeText(config, measurement));
  }
}

/** The time line: measured, being measured, waiting for the run in progress, or why the settings cannot run. */
function timeText(config: RecurrentNetConfig, m: Measurement | null): string {
  if (m === null) return 'measuring on this machine…';
  switch (m.kind) {
    case 'pending':
      return m.reason;
    case 'error':
      return `these settings cannot run: ${m.message}`;
    case 'timing': {
      const { msPerStep, steps } = m.timing;
      const total = formatDuration(msPerStep * config.maxSteps);
      const take = total === 'under a second' ? total : `about ${total}`;
      const ms = msPerStep < 10 ? msPerStep.toFixed(1) : String(Math.round(msPerStep));
      const stale = m.stale ? ' (measured for the settings before, while these wait for the run in progress)' : '';
      return (
        `${ms} ms, the median of ${steps} steps timed in a worker on this machine: ` +
        `${config.maxSteps.toLocaleString('en-US')} steps take ${take} before evaluations${stale}.`
      );
    }
  }
}
