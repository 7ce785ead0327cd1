import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  gateEquationTex,
  gateSubstitutedTex,
  rowNotation,
  stateUpdateTex,
  texNum,
  texVector,
  unitArithmetic,
} from './equations';
import { gateTerms, inspect, stateUpdate } from './model';
import { PRESETS, readSequence } from './sequence';
import { tokensBesideKatex } from '../../lib/testing/mathmlTokens';

const plain = rowNotation(0, 1, 'forward', false);
const steps = readSequence(PRESETS['one mark']).steps;
const valid = (tex: string): string =>
  katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode: true });

/** The MathML the widget shows holds the tokens KaTeX would typeset, in the same order. */
const sameAsKatex = (tex: string): void => {
  const { ours, katex: theirs } = tokensBesideKatex(tex);
  expect(ours.length).toBeGreaterThan(10);
  expect(ours, tex).toEqual(theirs);
};

describe('gate equations as TeX', () => {
  it('writes each gate as the chapter does, in PyTorch’s names', () => {
    expect(gateEquationTex('i', plain)).toBe('i_{t} = \\sigma(W_{ii} x_{t} + b_{ii} + W_{hi} h_{t-1} + b_{hi})');
    expect(gateEquationTex('g', plain, 3)).toBe('g_{3} = \\tanh(W_{ig} x_{3} + b_{ig} + W_{hg} h_{2} + b_{hg})');
    expect(gateEquationTex('n', plain)).toBe(
      'n_{t} = \\tanh\\big(W_{in} x_{t} + b_{in} + r_{t} \\odot (W_{hn} h_{t-1} + b_{hn})\\big)',
    );
  });

  it('marks the row: a layer superscript when stacked, an arrow and step t + 1 for the backward direction', () => {
    expect(gateEquationTex('f', rowNotation(1, 3, 'forward', false), 4)).toBe(
      'f^{(2)}_{4} = \\sigma(W_{if} h^{(1)}_{4} + b_{if} + W_{hf} h^{(2)}_{3} + b_{hf})',
    );
    expect(gateEquationTex('z', rowNotation(0, 1, 'reverse', true), 2)).toBe(
      '\\overleftarrow{z}_{2} = \\sigma(W_{iz} x_{2} + b_{iz} + W_{hz} \\overleftarrow{h}_{3} + b_{hz})',
    );
    sameAsKatex(gateEquationTex('f', rowNotation(1, 3, 'forward', false), 4));
    sameAsKatex(gateEquationTex('n', rowNotation(2, 3, 'forward', false), 4));
  });

  it('formats numbers with an ASCII minus and vectors as bmatrix', () => {
    expect(texNum(-0.12345)).toBe('-0.123');
    expect(texVector([1, -0.5])).toBe('\\begin{bmatrix}1.000 \\\\ -0.500\\end{bmatrix}');
  });

  it('substitutes the engine’s numbers into valid TeX for every gate and both state updates, written as MathML as KaTeX would', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const run = inspect(steps, { cell, numLayers: 1, bidirectional: true });
      run.rows.forEach((row, d) => {
        const notation = rowNotation(0, 1, row.direction, true);
        for (const gate of Object.keys(row.gates)) {
          const terms = gateTerms(row, cell, gate as never, 2, run.T);
          const tex = gateSubstitutedTex(terms, notation, 3);
          expect(tex).toContain(texVector(terms.value));
          expect(tex).toContain(texVector(terms.wx));
          if (gate === 'n') expect(tex).toContain(`${texVector(terms.r!)} \\odot`);
          expect(() => valid(tex), `${cell} ${gate} direction ${d}`).not.toThrow();
          sameAsKatex(tex);
        }
        const update = stateUpdateTex(stateUpdate(row, cell, 2, run.T), notation, 3);
        expect(update).toContain(texVector(row.h[2]));
        if (cell === 'lstm') expect(update).toContain(texVector(row.c![2]));
        expect(() => valid(update)).not.toThrow();
        sameAsKatex(update);
      });
    }
  });
});

describe('unit arithmetic as text', () => {
  it('writes each unit’s dot products, sum and activation, ending in the engine’s value', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 1, bidirectional: false });
    const row = run.rows[0];
    const terms = gateTerms(row, 'lstm', 'f', 2, run.T);
    const Wi = row.weights.weightIH.slice(4, 8);
    const Wh = row.weights.weightHH.slice(4, 8);
    const lines = unitArithmetic(terms, Wi, Wh);
    expect(lines).toHaveLength(4);
    expect(lines[0].lines[0]).toMatch(/^W_if·x = \S+·0\.800 \+ \S+·1\.000 = \S+$/);
    expect(lines[0].lines[3]).toBe(
      `f = σ(${lines[0].lines[2].split(' = ').pop()}) = ${terms.value[0].toFixed(3).replace('-', '−')}`,
    );
  });
});
