// The attention grid: one cell per (word, output) with its weight written in it, repeated words kept apart by position,
// white numbers only on the dark cells, and a named image with the heatmap class (the dark theme's light plate).
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { attentionMap } from './attentionMap';

const document = new Window().document as unknown as Document;

describe('attentionMap', () => {
  it('draws a cell and its weight for every word and output, repeated words included', () => {
    const svg = attentionMap(
      {
        words: ['seven', 'hundred', 'and', 'seven'],
        outputs: ['7', '0', '7', 'end'],
        weights: [
          [0.1, 0.8, 0.05, 0.05],
          [0.2, 0.2, 0.5, 0.1],
          [0, 0, 0.02, 0.98],
          [0.25, 0.25, 0.25, 0.25],
        ],
      },
      { document, ariaLabel: 'Attention weights' },
    );
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('class')).toContain('heatmap');
    expect(svg.querySelectorAll('g.cells rect')).toHaveLength(16);
    const texts = [...svg.querySelectorAll('g.values text')].map((t) => t.textContent);
    expect(texts.sort()).toEqual(
      [
        '.10',
        '.80',
        '.05',
        '.05',
        '.20',
        '.20',
        '.50',
        '.10',
        '.00',
        '.00',
        '.02',
        '.98',
        '.25',
        '.25',
        '.25',
        '.25',
      ].sort(),
    );
    const white = [...svg.querySelectorAll('g.values[fill="#ffffff"] text')].map((t) => t.textContent);
    expect(white.sort()).toEqual(['.80', '.98']);
    const yTicks = [...svg.querySelectorAll('g.y-tick-labels text')].map((t) => t.textContent);
    expect(yTicks).toEqual(['1 seven', '2 hundred', '3 and', '4 seven']);
    const xTicks = [...svg.querySelectorAll('g.x-tick-labels text')].map((t) => t.textContent);
    expect(xTicks).toEqual(['7', '0', '7', 'end']);
    // Plot's layout, as it drew this grid: 329 × 160, bands with padding 0.1, cells inset half a pixel, Blues fill.
    expect([svg.getAttribute('width'), svg.getAttribute('height')]).toEqual(['329', '160']);
    const cell = (i: number) =>
      ['x', 'y', 'width', 'height', 'fill'].map((a) => svg.querySelectorAll('g.cells rect')[i].getAttribute(a));
    expect(cell(0)).toEqual(['88.5', '43.5', '49', '23', 'rgb(227, 238, 249)']);
    expect(cell(11)).toEqual(['198.5', '124.5', '49', '23', 'rgb(8, 53, 115)']);
  });
});
