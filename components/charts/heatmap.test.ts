import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { heatmap, setVisibleCols } from './heatmap';

const document = new Window().document as unknown as Document;

describe('setVisibleCols', () => {
  it('hides the columns after the first `count`, keeping their place, and shows them again', () => {
    const svg = heatmap(
      {
        values: [
          [1, 2, 3, 4],
          [-1, -2, -3, -4],
        ],
      },
      { document, highlightCol: 3 },
    );
    const cells = [...svg.querySelectorAll('g.cells rect')];
    const hidden = () => cells.map((c) => c.getAttribute('visibility') === 'hidden');
    setVisibleCols(svg, 2);
    expect(hidden()).toEqual([false, false, true, true, false, false, true, true]);
    setVisibleCols(svg, 4);
    expect(hidden().some(Boolean)).toBe(false);
    setVisibleCols(svg, 0);
    expect(hidden().every(Boolean)).toBe(true);
    // The highlight outline is not a cell and is left alone.
    expect(svg.querySelector('rect.heatmap-highlight')!.getAttribute('visibility')).toBe('visible');
  });
});
