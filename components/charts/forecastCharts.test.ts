// The forecast lab's charts: a UTC time axis labelled as Plot labels one (months over their year, days over their
// month), a gap where a forecast is not finite, the window shaded half a day either side with its target ringed, and
// a named image.
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { forecastChart, windowChart } from './forecastCharts';
import { utcTickFormat } from './timeTicks';

const document = new Window().document as unknown as Document;

/** n days from `first`, as YYYY-MM-DD. */
const days = (first: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${first}T00:00:00Z`) + i * 86400000).toISOString().slice(0, 10),
  );

/** Each x tick label, its lines joined by "/". */
const xTicks = (svg: Element): string[] =>
  [...svg.querySelectorAll('g.x-tick-labels > text')].map((t) =>
    t.querySelectorAll('tspan').length
      ? [...t.querySelectorAll('tspan')].map((s) => s.textContent).join('/')
      : (t.textContent ?? ''),
  );

describe('utcTickFormat', () => {
  it('labels years, months over their year and days over their month, the coarser line only where it changes', () => {
    const utc = (s: string) => new Date(`${s}T00:00:00Z`);
    const label = (ticks: Date[]) => ticks.map((d, i) => utcTickFormat(ticks)(d, i));
    expect(label(['2013-01-01', '2014-01-01'].map(utc))).toEqual(['2013', '2014']);
    expect(label(['2013-11-01', '2013-12-01', '2014-01-01'].map(utc))).toEqual(['Nov\n2013', 'Dec', 'Jan\n2014']);
    expect(label(['2013-11-24', '2013-12-01', '2013-12-08'].map(utc))).toEqual(['24\nNov', '1\nDec', '8']);
  });
});

describe('forecastChart', () => {
  it('draws a year of lines on a time axis, leaving a gap where a value is not finite', () => {
    const dates = days('2014-01-01', 365);
    const actual = dates.map((_, i) => 11000 + 1000 * Math.sin(i));
    const svg = forecastChart(
      dates,
      [
        { name: 'actual', values: actual, color: 'currentColor' },
        { name: 'model', values: actual.map((v, i) => (i === 100 ? NaN : v - 200)), color: '#1f77b4', dash: 'dashed' },
      ],
      { document, ariaLabel: 'Forecasts of 2014' },
    );
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Forecasts of 2014');
    // Plot's ticks for a year 484 px wide: every three months, the year under the first.
    expect(xTicks(svg)).toEqual(['Jan/2014', 'Apr', 'Jul', 'Oct']);
    const paths = [...svg.querySelectorAll('g.line path')].map((p) => p.getAttribute('d') ?? '');
    expect(paths.map((d) => d.split('M').length - 1)).toEqual([1, 2]);
    expect(svg.querySelectorAll('g.line')[1].getAttribute('stroke-dasharray')).toBe('7 4');
    expect(svg.querySelector('text.y-label')?.textContent).toBe('↑ births per day');
  });
});

describe('windowChart', () => {
  it('shades the window half a day either side, dots its days and rings the target', () => {
    const dates = days('2013-10-01', 120);
    const values = dates.map((_, i) => i);
    const svg = windowChart(dates, values, { from: 64, to: 92 }, { document, ariaLabel: 'A window' });
    expect(svg.getAttribute('role')).toBe('img');
    expect(xTicks(svg)).toEqual(['Oct/2013', 'Nov', 'Dec', 'Jan/2014']);
    expect(svg.querySelectorAll('g.days circle')).toHaveLength(120);
    expect(svg.querySelectorAll('g.inputs circle')).toHaveLength(28);
    // The x scale runs over 119 days from 56 to 540 px: a day is 484 / 119 px.
    const px = 484 / 119;
    const band = svg.querySelector('g.window rect')!;
    expect(Number(band.getAttribute('x'))).toBeCloseTo(56 + 63.5 * px, 6);
    expect(Number(band.getAttribute('width'))).toBeCloseTo(28 * px, 6);
    const ring = svg.querySelector('g.target circle')!;
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(56 + 92 * px, 6);
    expect(svg.querySelector('g.target-label text')?.textContent).toBe('target');
  });
});
