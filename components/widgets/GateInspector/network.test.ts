// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { overview, overviewGeometry, readSpan, type OverviewInput } from './network';

const input = (rows: OverviewInput['rows'], t = 3, row = 0, width = 700): OverviewInput => ({
  x: [0.3, -0.5, 0.8, 0.1].map((value, k) => ({ value, marked: k === 2 })),
  yhat: [0, 0.01, 0.78, -0.004],
  rows,
  t,
  row,
  width,
  color: (v) => `rgb(${Math.round(v * 255)}, 0, 0)`,
  markerId: 'm',
});
const stripes = [
  [0, 0.5, 1, 0.25],
  [1, 1, 1, 1],
  [0, 0, 0, 0],
  [0.5, 0.5, 0.5, 0.5],
];

describe('overview geometry', () => {
  it('fits the columns to the width, 26 to 96 px a step, and scrolls below that', () => {
    expect(overviewGeometry(700, 8, 1)).toMatchObject({ gutter: 78, pitch: 77, narrow: false, digits: 2 });
    expect(overviewGeometry(1200, 2, 1).pitch).toBe(96);
    const phone = overviewGeometry(300, 12, 2);
    expect(phone).toMatchObject({ gutter: 30, pitch: 26, narrow: true, digits: 1 });
    expect(phone.width).toBeGreaterThan(300);
    expect(overviewGeometry(300, 12, 3).height).toBeGreaterThan(phone.height);
  });

  it('says which inputs a cell has read: x_1..x_t forward, x_t..x_T backward', () => {
    expect(readSpan('forward', 3, 8)).toEqual([1, 3]);
    expect(readSpan('reverse', 3, 8)).toEqual([3, 8]);
    expect(readSpan('reverse', 8, 8)).toEqual([8, 8]);
  });
});

describe('overview drawing', () => {
  it('draws one cell per row and step, striped by unit, the current one marked, the marked input starred', () => {
    const svg = overview(
      input(
        [
          { label: '→ forward', short: '→', direction: 'forward', stripes },
          { label: '← backward', short: '←', direction: 'reverse', stripes },
        ],
        2,
        1,
      ),
      'the network',
    );
    expect(svg.getAttribute('aria-label')).toBe('the network');
    expect(svg.querySelectorAll('.gi-n-cell')).toHaveLength(8);
    const current = svg.querySelectorAll('.gi-n-cell.is-current');
    expect(current).toHaveLength(1);
    expect([current[0].getAttribute('data-t'), current[0].getAttribute('data-row')]).toEqual(['2', '1']);
    const first = svg.querySelector('.gi-n-cell[data-t="1"][data-row="0"]')!;
    expect([...first.querySelectorAll('rect[fill]')].map((r) => r.getAttribute('fill'))).toEqual([
      'rgb(0, 0, 0)',
      'rgb(128, 0, 0)',
      'rgb(255, 0, 0)',
      'rgb(64, 0, 0)',
    ]);
    expect([...svg.querySelectorAll('.gi-n-x')].map((x) => x.textContent)).toEqual(['0.30', '−0.50', '*0.80', '0.10']);
    expect([...svg.querySelectorAll('.gi-n-y')].map((x) => x.textContent)).toEqual(['0.00', '0.01', '0.78', '0.00']);
    // The chosen row runs backwards: at t = 2 it has read x_4, x_3, x_2.
    expect([...svg.querySelectorAll('.gi-n-x.is-read')].map((x) => x.getAttribute('data-t'))).toEqual(['2', '3', '4']);
    expect([...svg.querySelectorAll('.gi-n-rowlabel')].map((x) => x.textContent)).toEqual([
      'ŷ',
      'x',
      '→ forward',
      '← backward',
    ]);
  });

  it('uses short labels and one decimal on a narrow screen', () => {
    const svg = overview(input([{ label: 'layer 1', short: 'L1', direction: 'forward', stripes }], 4, 0, 120), 'n');
    expect(svg.querySelector('.gi-n-x')!.textContent).toBe('.3');
    expect([...svg.querySelectorAll('.gi-n-rowlabel')].map((x) => x.textContent)).toContain('L1');
    expect([...svg.querySelectorAll('.gi-n-x.is-read')]).toHaveLength(4);
  });
});
