// The sentiment lab's results on the test sentences: accuracy of the RNN beside the bag-of-words model (overall and on
// the sentences with negation or contrast), both confusion matrices, which one wins and why, and the sentences the
// RNN got wrong with both models' P(positive).
import type { SentimentReport } from '../../../engine/train/tasks/sentiment';
import { el } from '../../lib/dom';
import { misclassified, score, verdict, type Confusion, type Scored } from './model';

const pct = (x: number): string => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(0)}%`);
const p3 = (x: number): string => x.toFixed(3);

/** How many misclassified sentences show before "Show all". */
const FIRST_MISSES = 8;

function confusionTable(title: string, c: Confusion): HTMLElement {
  const cell = (n: number, right: boolean): HTMLElement =>
    el('td', { class: right ? 'sl-right' : 'sl-wrong', 'data-count': n }, String(n));
  return el(
    'table',
    { class: 'sl-table sl-confusion' },
    el('caption', {}, title),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('td', {}),
        el('th', { scope: 'col' }, 'said negative'),
        el('th', { scope: 'col' }, 'said positive'),
      ),
    ),
    el(
      'tbody',
      {},
      el('tr', {}, el('th', { scope: 'row' }, 'negative'), cell(c[0][0], true), cell(c[0][1], false)),
      el('tr', {}, el('th', { scope: 'row' }, 'positive'), cell(c[1][0], false), cell(c[1][1], true)),
    ),
  );
}

/** The results section; `show` fills it from a report, `clear` empties it for a new run. */
export class ResultsPanel {
  readonly element: HTMLElement;
  private readonly body = el('div', {});

  constructor() {
    this.element = el(
      'section',
      { class: 'sl-results', 'aria-label': 'Results on the test sentences' },
      el('p', { class: 'sl-subtitle' }, 'On the test sentences'),
      this.body,
    );
    this.clear();
  }

  clear(text = 'Results on the test sentences appear here when a run ends (or when you load a model).'): void {
    this.body.replaceChildren(el('p', { class: 'sl-note' }, text));
  }

  /** @param about one sentence on the model the report is of (trained here, loaded from a file, stopped early…) */
  show(report: SentimentReport, about: string): { rnn: Scored; bow: Scored } {
    const { test } = report;
    const n = test.labels.length;
    const rnn = score(test, test.rnn);
    const bow = score(test, test.bow);
    const count = (keep: boolean[]): number => keep.filter(Boolean).length;
    const row = (name: string, s: Scored): HTMLElement =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, name),
        el('td', { 'data-metric': 'accuracy' }, pct(s.accuracy)),
        el('td', {}, pct(s.negation)),
        el('td', {}, pct(s.contrast)),
      );
    const accuracy = el(
      'table',
      { class: 'sl-table sl-accuracy' },
      el('caption', { class: 'visually-hidden' }, 'Test accuracy of the two models'),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'model'),
          el('th', { scope: 'col' }, `all ${n}`),
          el('th', { scope: 'col' }, `with negation (${count(test.negation)})`),
          el('th', { scope: 'col' }, `with contrast (${count(test.contrast)})`),
        ),
      ),
      el(
        'tbody',
        {},
        row(
          report.settings.cell === 'rnn' ? 'RNN (plain tanh cell)' : `RNN (${report.settings.cell.toUpperCase()} cell)`,
          rnn,
        ),
        row('bag-of-words (logistic regression)', bow),
      ),
    );
    const misses = misclassified(test);
    const missList = el('ol', { class: 'sl-misses' });
    const showMisses = (all: boolean): void => {
      missList.replaceChildren(
        ...misses
          .slice(0, all ? misses.length : FIRST_MISSES)
          .map((m) =>
            el(
              'li',
              {},
              el('q', {}, m.text),
              el(
                'span',
                { class: 'sl-miss-numbers' },
                ` truly ${m.label === 1 ? 'positive' : 'negative'}; P(positive): RNN ${p3(m.rnn)}, bag-of-words ${p3(m.bow)}`,
              ),
            ),
          ),
      );
    };
    showMisses(false);
    const more =
      misses.length > FIRST_MISSES
        ? el(
            'button',
            {
              type: 'button',
              class: 'button',
              onclick: (event: Event) => {
                showMisses(true);
                (event.currentTarget as HTMLElement).remove();
              },
            },
            `Show all ${misses.length}`,
          )
        : null;
    this.body.replaceChildren(
      el('p', { class: 'sl-note' }, about),
      el(
        'div',
        { class: 'scroll-x sl-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Test accuracy' },
        accuracy,
      ),
      el(
        'div',
        { class: 'sl-confusions' },
        confusionTable(`RNN: rows are the true label (${n} sentences)`, rnn.confusion),
        confusionTable('Bag-of-words', bow.confusion),
      ),
      el('p', { class: 'sl-verdict' }, verdict(rnn, bow, n)),
      el('p', { class: 'sl-subtitle' }, `What the RNN got wrong (${misses.length}), most confident first`),
      misses.length === 0 ? el('p', { class: 'sl-note' }, 'Nothing: every test sentence is right.') : missList,
      ...(more ? [more] : []),
    );
    return { rnn, bow };
  }
}
