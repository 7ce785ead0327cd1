import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { clippedRuns, RUN_COLORS, runsDomain, runsLegend, runsTable, type RunCurves } from './runsChart';
import { runsChart } from './runsPlot';

const document = new Window().document as unknown as Document;

const curve = (ys: number[], every = 1) => ys.map((y, i) => ({ x: (i + 1) * every, y }));
const run = (id: string, color: string, train: number[], val: number[], extra: Partial<RunCurves> = {}): RunCurves => ({
  id,
  name: `#${id}`,
  label: `run ${id}`,
  color,
  train: curve(train),
  val: curve(val, 2),
  ...extra,
});

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('runsChart', () => {
  it('has colours that read on both themes', () => {
    expect(new Set(RUN_COLORS).size).toBe(RUN_COLORS.length);
    for (const c of RUN_COLORS) {
      expect(contrast(c, '#fcfcfb'), c).toBeGreaterThanOrEqual(3);
      expect(contrast(c, '#121519'), c).toBeGreaterThanOrEqual(3);
    }
  });

  it('draws each run in its colour, named at its end, with the baselines and marks', () => {
    const runs = [
      run('1', RUN_COLORS[0], [4, 3, 2.5, 2.2], [3.5, 2.4], { marks: [{ x: 2, y: 3.5, label: 'turn' }] }),
      run('2', RUN_COLORS[1], [4, 3.5, 3.2, 3], [3.6, 3.1], { emphasis: true }),
    ];
    const svg = runsChart(runs, { document, baselines: [{ y: 3.03, label: 'unigram' }], ariaLabel: 'two runs' });
    const html = svg.outerHTML;
    expect(html).toContain(RUN_COLORS[0]);
    expect(html).toContain(RUN_COLORS[1]);
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['#1', '#2', 'unigram', 'turn']));
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('two runs');
    // A thin training path and a thick validation path per run, the pinned run's drawn last and 1 px thicker; a dot per
    // evaluation; the ring of the mark; every mark but the runs' names clipped to the plotting area.
    const widths = (kind: string) =>
      [...svg.querySelectorAll(`g.${kind} path`)].map((p) => [
        p.getAttribute('stroke'),
        p.getAttribute('stroke-width'),
      ]);
    expect(widths('train')).toEqual([
      [RUN_COLORS[0], '1.25'],
      [RUN_COLORS[1], '2.25'],
    ]);
    expect(widths('val')).toEqual([
      [RUN_COLORS[0], '2.5'],
      [RUN_COLORS[1], '3.5'],
    ]);
    expect(svg.querySelectorAll('g.dots circle')).toHaveLength(4);
    expect(svg.querySelectorAll('g.marks circle')).toHaveLength(1);
    const clip = svg.querySelector('clipPath')!.id;
    for (const kind of ['baselines', 'train', 'val', 'dots', 'marks'])
      expect(svg.querySelector(`g.${kind}`)?.getAttribute('clip-path')).toBe(`url(#${clip})`);
    expect(svg.querySelector('g.ends')?.getAttribute('clip-path')).toBeNull();
    expect([...svg.querySelectorAll('g.ends text')].map((t) => t.textContent)).toEqual(['#1', '#2']);
  });

  it('keeps a diverged run from flattening the others', () => {
    const calm = run('1', RUN_COLORS[0], [4, 3, 2.5], [3.2]);
    const wild = run('2', RUN_COLORS[1], [4, 50, 3000], [900], { offScale: true });
    const [lo, hi] = runsDomain([calm, wild], [{ y: 3 }]);
    expect(lo).toBeLessThanOrEqual(2.5);
    expect(hi).toBeLessThan(10);
    expect(runsDomain([calm], [])[1]).toBeGreaterThanOrEqual(4);
    // A run that overfits (its validation loss climbing to 3× where it started) stays on the scale.
    const overfit = run('3', RUN_COLORS[2], [0.7, 0.3, 0.01], [0.69, 1.2, 2.4]);
    expect(runsDomain([overfit], [{ y: 0.64 }])[1]).toBeGreaterThan(2.4);
    // A run that never learned (a learning rate of 0.5: a loss of 34 where the others start near 4) is cut short.
    const far = run('4', RUN_COLORS[3], [4.3, 30, 14, 6], [34, 20, 25], { offScale: true });
    const domain = runsDomain([calm, far], [{ y: 3 }]);
    expect(domain[1]).toBeLessThan(14);
    expect(clippedRuns([calm, far], domain)).toEqual([{ name: '#4', max: 34 }]);
  });

  it('has a legend and a table with the same runs, as text', () => {
    const runs = [run('1', RUN_COLORS[0], [4, 3], [3.5]), run('<b>2</b>', RUN_COLORS[1], [4, 3.5], [3.6])];
    const legend = runsLegend(runs, document);
    expect(legend.querySelectorAll('li')).toHaveLength(2);
    expect(legend.textContent).toContain('#1 run 1');
    expect(legend.querySelector('b')).toBeNull();
    const table = runsTable(
      runs.map((r) => ({ name: r.name, evals: r.val.map((p) => ({ step: p.x, train: 3, val: p.y })) })),
      { valueLabel: 'loss', caption: 'runs', document },
    );
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual([
      '#123.0003.500',
      '#<b>2</b>23.0003.600',
    ]);
  });
});
