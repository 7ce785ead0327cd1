import { describe, expect, it } from 'vitest';
import { spectralRadius } from './eigen';
import {
  baseMatrix,
  clipEffect,
  finiteDifferenceGradH,
  HIDDEN_SIZE,
  inputSequence,
  recurrentMatrix,
  runLab,
  type CellKind,
  type LabSettings,
} from './model';

const settings = (over: Partial<LabSettings> = {}): LabSettings => ({
  rho: 0.8,
  activation: 'tanh',
  seqLen: 30,
  seed: 1,
  gateBias: 1,
  ...over,
});
const norm = (v: number[]): number => Math.hypot(...v);

describe('gradient-lab model', () => {
  it('rescales a seeded random W_hh to the spectral radius asked for, and reports its eigenvalues', () => {
    for (const rho of [0.5, 1, 1.7]) {
      const { W, eigenvalues } = recurrentMatrix(3, rho);
      expect(spectralRadius(W)).toBeCloseTo(rho, 10);
      expect(eigenvalues).toHaveLength(HIDDEN_SIZE);
      expect(Math.max(...eigenvalues.map((z) => Math.hypot(z.re, z.im)))).toBeCloseTo(rho, 10);
    }
    // Same seed, same direction; another seed, another matrix.
    expect(recurrentMatrix(3, 1).W[0][0] / recurrentMatrix(3, 2).W[0][0]).toBeCloseTo(0.5, 12);
    expect(baseMatrix(4)).not.toEqual(baseMatrix(3));
  });

  it('uses one input stream, so a longer sequence extends a shorter one', () => {
    const short = inputSequence(2, 10).data;
    const long = inputSequence(2, 50).data;
    expect(Array.from(long.subarray(0, short.length))).toEqual(Array.from(short));
  });

  const cases: [CellKind, Partial<LabSettings>][] = [
    ['rnn', {}],
    ['rnn', { activation: 'relu', rho: 1.2 }],
    ['rnn', { activation: 'linear', rho: 1.2 }],
    ['lstm', { rho: 1.2 }],
    ['gru', { gateBias: 3 }],
  ];
  for (const [kind, over] of cases) {
    it(`gives ‖∂L/∂h_t‖ as central differences of the loss do (${kind}, ${JSON.stringify(over)})`, () => {
      const s = settings(over);
      const result = runLab(s).cells[kind];
      for (const t of [1, 12, 29, 30]) {
        const fd = norm(finiteDifferenceGradH(kind, s, t));
        expect(Math.abs(fd - result.gradH[t - 1])).toBeLessThan(1e-6 * Math.max(1e-3, fd));
      }
    });
  }

  it('gives ‖∂h_T/∂h_t‖ = ‖W_hh^(T−t)‖ for the linear RNN, so it scales like ρ^(T−t)', () => {
    for (const rho of [0.8, 1.2]) {
      const r = runLab(settings({ activation: 'linear', rho, seqLen: 200 })).cells.rnn;
      expect(r.jacobian[199]).toBeCloseTo(Math.sqrt(HIDDEN_SIZE), 12);
      const perStep = (r.jacobian[0] / r.jacobian[199]) ** (1 / 199);
      expect(perStep).toBeGreaterThan(rho * 0.95);
      expect(perStep).toBeLessThan(rho * 1.05);
    }
  });

  it('shows the contrasts the chapter asks about', () => {
    const vanishing = runLab(settings({ activation: 'linear', rho: 0.8, seqLen: 100 })).cells.rnn;
    const exploding = runLab(settings({ activation: 'linear', rho: 1.2, seqLen: 100 })).cells.rnn;
    expect(vanishing.gradH[0] / vanishing.gradH[99]).toBeLessThan(1e-6);
    expect(exploding.gradH[0] / exploding.gradH[99]).toBeGreaterThan(1e4);
    // At length 100 the LSTM keeps far more of the gradient than the tanh RNN, and more with a larger forget bias.
    const lab = runLab(settings({ seqLen: 100 }));
    const keep = (c: { gradH: Float64Array }): number => c.gradH[0] / c.gradH[99];
    expect(keep(lab.cells.lstm)).toBeGreaterThan(1e6 * keep(lab.cells.rnn));
    expect(keep(runLab(settings({ seqLen: 100, gateBias: 4 })).cells.lstm)).toBeGreaterThan(10 * keep(lab.cells.lstm));
  });

  it('measures the whole parameter gradient as clip_grad_norm_ does, and clips it the same way', () => {
    const r = runLab(settings({ activation: 'linear', rho: 1.2, seqLen: 60 })).cells.rnn;
    expect(r.gradNorm).toBeGreaterThan(1e3);
    const c = clipEffect(r.gradNorm, 1);
    expect(c.clipped).toBe(true);
    expect(c.clippedNorm).toBeCloseTo(1, 6);
    expect(c.factor).toBeCloseTo(1 / r.gradNorm, 12);
    expect(clipEffect(0.5, 1)).toEqual({ norm: 0.5, tau: 1, factor: 1, clippedNorm: 0.5, clipped: false });
  });

  it('reuses the cells a change does not affect, and gives the same numbers as a fresh run', () => {
    const first = runLab(settings());
    const relu = runLab(settings({ activation: 'relu' }), first);
    expect(relu.cells.lstm).toBe(first.cells.lstm);
    expect(relu.cells.rnn).not.toBe(first.cells.rnn);
    expect(Array.from(relu.cells.rnn.gradH)).toEqual(
      Array.from(runLab(settings({ activation: 'relu' })).cells.rnn.gradH),
    );
    const biased = runLab(settings({ activation: 'relu', gateBias: 2 }), relu);
    expect(biased.cells.rnn).toBe(relu.cells.rnn);
    expect(Array.from(biased.cells.gru.gradH)).toEqual(Array.from(runLab(settings({ gateBias: 2 })).cells.gru.gradH));
    expect(runLab(settings({ rho: 0.9 }), first).cells.lstm).not.toBe(first.cells.lstm);
  });

  it('runs the heaviest setting (T = 200, three cells) and gives finite numbers', () => {
    const lab = runLab(settings({ seqLen: 200, rho: 2, activation: 'linear' }));
    for (const kind of ['rnn', 'lstm', 'gru'] as const) {
      expect(lab.cells[kind].gradH).toHaveLength(200);
      expect(Array.from(lab.cells[kind].gradH).every(Number.isFinite)).toBe(true);
      expect(Array.from(lab.cells[kind].jacobian).every(Number.isFinite)).toBe(true);
    }
  });
});
