// A search's panel: a dot per finished trial, a cross along the top edge per failed one, the best ringed and numbered,
// a log axis labelled with SI prefixes and a point axis with every listed value, and a named image.
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { trialsDomain, trialsPanel } from './trialsChart';

const document = new Window().document as unknown as Document;
const texts = (svg: Element, sel: string) => [...svg.querySelectorAll(sel)].map((t) => t.textContent);

describe('trialsPanel', () => {
  const yDomain = trialsDomain([2.3, 2.5, NaN, 2.1]);

  it('draws the trials on a log axis, the failed one as a cross on the top edge', () => {
    const dots = [
      { trial: 1, x: 0.003, y: 2.3 },
      { trial: 2, x: 0.0009, y: 2.5 },
      { trial: 3, x: 0.02, y: NaN },
      { trial: 4, x: 0.006, y: 2.1, best: true },
    ];
    const svg = trialsPanel(dots, {
      document,
      xLabel: 'learning rate',
      yLabel: 'best validation loss',
      xType: 'log',
      yDomain,
      ariaLabel: 'Trials against learning rate',
    });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Trials against learning rate');
    expect(svg.querySelectorAll('g.trials circle')).toHaveLength(3);
    // The log scale is widened to whole powers of ten, labelled as Plot labels them.
    expect(texts(svg, 'g.x-tick-labels text')).toEqual(['100µ', '1m', '10m', '100m']);
    const cross = svg.querySelector('g.failed path')!;
    expect(cross.getAttribute('transform')).toMatch(/,20\)$/);
    expect(texts(svg, 'g.best-label text')).toEqual(['#4']);
    expect(svg.querySelectorAll('g.best circle')).toHaveLength(1);
    expect(texts(svg, 'text.x-label')).toEqual(['learning rate →']);
  });

  it('lists every value of a point axis in the given order, centred in its slot', () => {
    const svg = trialsPanel(
      [
        { trial: 1, x: 'GRU', y: 2.2 },
        { trial: 2, x: 'LSTM', y: 2.4, best: true },
      ],
      { document, xLabel: 'cell', yLabel: 'loss', xType: 'point', xDomain: ['RNN', 'GRU', 'LSTM'], yDomain },
    );
    expect(texts(svg, 'g.x-tick-labels text')).toEqual(['RNN', 'GRU', 'LSTM']);
    // 156 px for three values with half a step either side: 52 px apart, from 48 + 26.
    expect([...svg.querySelectorAll('g.x-tick-labels text')].map((t) => t.getAttribute('x'))).toEqual([
      '74',
      '126',
      '178',
    ]);
    expect(svg.querySelector('g.best circle')?.getAttribute('cx')).toBe('178');
    expect(texts(svg, 'text.x-label')).toEqual(['cell']);
  });
});
