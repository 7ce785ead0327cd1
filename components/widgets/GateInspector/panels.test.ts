// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gateTerms, inspect } from './model';
import { arithmeticTable, heatmapPanels, memoryDomain, numberTables, transpose, weightTables } from './panels';
import { PRESETS, readSequence } from './sequence';

const steps = readSequence(PRESETS['one mark']).steps;
const cellsOf = (table: Element): string[][] =>
  [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
const fmt3 = (x: number): string => (Math.abs(x) < 0.0005 ? 0 : x).toFixed(3).replace('-', '−');

describe('heatmap panels', () => {
  it('draws every gate, c and h of the open row, with a legend per scale', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 1, bidirectional: false });
    const panels = heatmapPanels(run, 0, ['LSTM'], 700);
    expect(panels.gates.map((f) => f.dataset.gate ?? f.querySelector('figcaption b')?.textContent)).toEqual([
      'i',
      'f',
      'g',
      'o',
      'c',
      'h',
    ]);
    expect(panels.rows).toEqual([]);
    expect(panels.columns).toBe(2);
    expect(panels.legends.map((l) => l.textContent)).toEqual([
      expect.stringContaining('σ gates i, f, o'),
      expect.stringContaining('g, h (tanh) and memory c'),
    ]);
    // Units in rows, steps in columns: 4 × 8 cells each.
    expect(panels.gates[1].querySelectorAll('g.cells rect')).toHaveLength(32);
  });

  it('adds one memory heatmap per row in the multi-row views, on one column when narrow', () => {
    const run = inspect(steps, { cell: 'gru', numLayers: 1, bidirectional: true });
    const panels = heatmapPanels(run, 1, ['→ forward', '← backward'], 400);
    expect(panels.gates).toHaveLength(4);
    expect(panels.rows.map((f) => [f.dataset.row, f.querySelector('figcaption')!.textContent])).toEqual([
      ['0', 'h — → forward'],
      ['1', 'h — ← backward'],
    ]);
    expect(panels.columns).toBe(1);
  });

  it('gives the memory its own colour range only when some |c| exceeds 1', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 1, bidirectional: false });
    expect(memoryDomain(run)).toBe(1);
    run.rows[0].c![2][1] = -1.234;
    expect(memoryDomain(run)).toBe(1.3);
    expect(heatmapPanels(run, 0, ['LSTM'], 700).legends).toHaveLength(3);
    expect(
      transpose([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
  });
});

describe('tables', () => {
  it('list the heatmaps’ numbers: inputs, readout, each gate, c and h of the open row, the other rows’ memory', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 2, bidirectional: false });
    const tables = numberTables(run, steps, 1, ['layer 1', 'layer 2'], ', layer 2');
    expect(tables.map((t) => t.dataset.name)).toEqual(['io', 'i', 'f', 'g', 'o', 'c', 'h', 'c-1']);
    expect(cellsOf(tables[0])[1]).toEqual(['', '', 'yes', '', '', '', '', '']);
    expect(cellsOf(tables[2])[0]).toEqual(run.rows[1].gates.f!.map((v) => fmt3(v[0])));
    expect(cellsOf(tables[7])[3]).toEqual(run.rows[0].c!.map((v) => fmt3(v[3])));
    expect(tables[2].querySelector('caption')!.textContent).toBe('f, the forget gate, layer 2');
  });

  it('write a gate’s arithmetic and weights from its block of PyTorch’s stacked rows', () => {
    const run = inspect(steps, { cell: 'gru', numLayers: 1, bidirectional: false });
    const row = run.rows[0];
    const terms = gateTerms(row, 'gru', 'z', 4, run.T);
    const arithmetic = arithmeticTable(row, 'gru', terms, 5);
    expect([...arithmetic.querySelectorAll('.gi-arith-result')].map((d) => d.textContent.split(' = ').pop())).toEqual(
      row.gates.z![4].map(fmt3),
    );
    const [note, weights] = weightTables(row, 'gru', 'z');
    expect(note.textContent).toContain('Rows 4–7 of PyTorch’s weight_ih_l0');
    const Wi = weights.querySelector('[data-name="Wi"]')!;
    expect(cellsOf(Wi)).toEqual(
      row.weights.weightIH.slice(4, 8).map((r) => r.map((v) => v.toFixed(4).replace('-', '−'))),
    );
    expect(cellsOf(weights.querySelector('[data-name="bh"]')!).flat()).toHaveLength(4);
    expect(note.textContent).not.toContain('are equal');
  });

  it('name the two input entries in the arithmetic: the value and the mark flag (the ·1.000 at the mark)', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 2, bidirectional: false });
    const mark = steps.findIndex((s) => s.marked);
    const caption = (layer: number, t: number): string =>
      arithmeticTable(run.rows[layer], 'lstm', gateTerms(run.rows[layer], 'lstm', 'f', t, run.T), t + 1).querySelector(
        'caption',
      )!.textContent;
    expect(caption(0, mark)).toContain(`x = (value, mark) = (${fmt3(steps[mark].value)}, 1.000): the number read`);
    expect(caption(0, mark + 1)).toContain(', 0.000): the number read');
    expect(caption(1, mark)).not.toContain('mark flag');
  });

  it('say why the LSTM’s b_if and b_hf are equal, and only where they are', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 1, bidirectional: false });
    const row = run.rows[0];
    const [forget, weights] = weightTables(row, 'lstm', 'f');
    const bias = (name: string): string[] => cellsOf(weights.querySelector(`[data-name="${name}"]`)!).flat();
    expect(bias('bi')).toEqual(bias('bh'));
    expect(forget.textContent).toContain('b_if and b_hf are equal: both were set to 1 before training');
    const [input, inputWeights] = weightTables(row, 'lstm', 'i');
    expect(cellsOf(inputWeights.querySelector('[data-name="bi"]')!)).not.toEqual(
      cellsOf(inputWeights.querySelector('[data-name="bh"]')!),
    );
    expect(input.textContent).not.toContain('are equal');
  });
});
