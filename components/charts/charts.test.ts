import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { heatmap, heatmapColor, heatmapLegend, setHighlightCol } from './heatmap';
import { lineChart } from './lineChart';

const document = new Window().document as unknown as Document;

describe('heatmap', () => {
  it('draws one cell per value, coloured by sign, with its accessible name', () => {
    const svg = heatmap(
      {
        values: [
          [1, -1, 0],
          [0.5, -0.5, 0.25],
        ],
      },
      { document, ariaLabel: 'hidden states' },
    );
    const cells = [...svg.querySelectorAll('g.cells rect')];
    expect(cells).toHaveLength(6);
    const fill = (i: number) => cells[i].getAttribute('fill');
    expect(fill(0)).not.toBe(fill(1));
    expect(new Set(cells.map((c) => c.getAttribute('fill'))).size).toBe(6);
    expect(svg.getAttribute('aria-label')).toBe('hidden states');
    expect(svg.getAttribute('role')).toBe('img');
    // The cells lie inside the plotting area, one band per row and column, without overlapping.
    const box = (i: number) => ['x', 'y', 'width', 'height'].map((a) => Number(cells[i].getAttribute(a)));
    expect(box(1)[0]).toBeGreaterThan(box(0)[0] + box(0)[2]);
    expect(box(3)[1]).toBeGreaterThan(box(0)[1] + box(0)[3]);
    expect(box(0)[0]).toBeGreaterThanOrEqual(44);
    expect(box(5)[0] + box(5)[2]).toBeLessThanOrEqual(Number(svg.getAttribute('width')) - 20);
  });

  it('labels at most maxXTicks columns, every k-th from the first', () => {
    const values = [Array.from({ length: 20 }, (_, i) => i - 10)];
    const ticks = (svg: Element) => [...svg.querySelectorAll('g.x-tick-labels text')].map((t) => t.textContent);
    expect(ticks(heatmap({ values }, { document }))).toHaveLength(20);
    expect(ticks(heatmap({ values }, { document, maxXTicks: 8 }))).toEqual(['1', '4', '7', '10', '13', '16', '19']);
  });

  it('draws a sequential scale from 0 to the domain, matching heatmapColor, with a legend', () => {
    const svg = heatmap({ values: [[0, 0.5, 1, 2]] }, { document, scale: 'sequential', domain: 1 });
    const fills = [...svg.querySelectorAll('g.cells rect')].map((c) => c.getAttribute('fill'));
    const color = heatmapColor(1, 'sequential');
    expect(fills.slice(0, 3)).toEqual([color(0), color(0.5), color(1)]);
    expect(color(0)).not.toBe(color(1));
    expect(color(2)).toBe(color(1));
    expect(color(-1)).toBe(color(0));
    const legend = heatmapLegend({ domain: 1, scale: 'sequential', label: 'σ gates', document });
    expect(legend.textContent).toContain('σ gates');
    expect(legend.textContent).toContain('1.0');
  });

  it('moves a column outline without redrawing, and hides it out of range', () => {
    const svg = heatmap(
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
      { document, width: 300 },
    );
    const cells = [...svg.querySelectorAll('g.cells rect')];
    setHighlightCol(svg, 2);
    const outline = svg.querySelector('rect.heatmap-highlight');
    const x2 = Number(outline?.getAttribute('x'));
    expect(x2).toBeGreaterThanOrEqual(Number(cells[1].getAttribute('x')) + Number(cells[1].getAttribute('width')));
    setHighlightCol(svg, 0);
    expect(svg.querySelectorAll('rect.heatmap-highlight')).toHaveLength(1);
    expect(Number(outline?.getAttribute('x'))).toBeLessThan(x2);
    // The outline spans the column's cells: its left edge is at or before the first cell's, its right edge after it.
    const cellX = Number(cells[0].getAttribute('x'));
    const cellW = Number(cells[0].getAttribute('width'));
    expect(Number(outline?.getAttribute('x'))).toBeLessThanOrEqual(cellX);
    expect(Number(outline?.getAttribute('x')) + Number(outline?.getAttribute('width'))).toBeGreaterThanOrEqual(
      cellX + cellW,
    );
    expect(outline?.getAttribute('aria-hidden')).toBe('true');
    setHighlightCol(svg, 5);
    expect(outline?.getAttribute('visibility')).toBe('hidden');
  });

  it('outlines the highlighted column', () => {
    const svg = heatmap(
      {
        values: [
          [1, 2],
          [3, 4],
        ],
      },
      { document, highlightCol: 1 },
    );
    const outline = svg.querySelectorAll('rect.heatmap-highlight');
    expect(outline).toHaveLength(1);
    const second = svg.querySelectorAll('g.cells rect')[1];
    expect(Number(outline[0].getAttribute('x'))).toBe(Number(second.getAttribute('x')) - 0.5);
    expect(outline[0].getAttribute('visibility')).toBe('visible');
  });
});

describe('heatmapColor', () => {
  it('gives the heatmap’s own cell colours, saturating beyond the extent', () => {
    const svg = heatmap({ values: [[-1, 0, 1]] }, { document, domain: 1 });
    const fills = [...svg.querySelectorAll('g.cells rect')].map((c) => c.getAttribute('fill'));
    const color = heatmapColor(1);
    expect([color(-1), color(0), color(1)]).toEqual(fills);
    expect(color(5)).toBe(color(1));
    expect(color(-1)).not.toBe(color(1));
  });
});

describe('lineChart', () => {
  it('draws a line per series and drops points a log scale cannot show', () => {
    const svg = lineChart(
      [
        {
          name: 'RNN',
          points: [
            { x: 1, y: 1 },
            { x: 2, y: 0.1 },
            { x: 3, y: 0 },
          ],
        },
        {
          name: 'LSTM',
          points: [
            { x: 1, y: 1 },
            { x: 2, y: 0.9 },
            { x: 3, y: 0.8 },
          ],
        },
      ],
      { document, logY: true, rules: [{ y: 0.5, label: 'threshold' }] },
    );
    const paths = [...svg.querySelectorAll('g.line path')];
    expect(paths).toHaveLength(2);
    expect(paths.every((p) => !(p.getAttribute('d') ?? '').includes('NaN'))).toBe(true);
    expect(svg.textContent).toContain('threshold');
  });

  it('dashes the series that ask for it, takes fixed colours, and can share a fixed y range', () => {
    const svg = lineChart(
      [
        {
          name: 'a',
          points: [
            { x: 1, y: 1 },
            { x: 2, y: 10 },
          ],
          color: '#3d7be0',
        },
        {
          name: 'b',
          points: [
            { x: 1, y: 2 },
            { x: 2, y: 3 },
          ],
          color: '#c96a12',
          dashed: true,
        },
      ],
      { document, logY: true, yDomain: [1e-3, 1e3], yTickFormat: (y) => y.toExponential(0) },
    );
    const groups = [...svg.querySelectorAll('g.line')];
    expect(groups).toHaveLength(2);
    expect(groups[0].getAttribute('stroke-dasharray')).toBeNull();
    expect(groups[1].getAttribute('stroke-dasharray')).toBe('6 4');
    const strokes = [...svg.querySelectorAll('g.line path')].map((p) => p.getAttribute('stroke'));
    expect(strokes).toEqual(['#3d7be0', '#c96a12']);
    // The fixed range puts the ticks 10⁻³ … 10³ on the axis even though the data only spans 1 … 10.
    const ticks = [...svg.querySelectorAll('g.y-tick-labels text')].map((t) => t.textContent);
    expect(ticks).toContain('1e-3');
    expect(ticks).toContain('1e+3');
  });
});
