import { describe, expect, it } from 'vitest';
import { CHAR_ALPHABET } from '../../../engine/data/text';
import { CHAR_MODEL_DEFAULTS } from '../../../engine/train/tasks/charModelConfig';
import { LIMITS, parseToWorker } from '../../../engine/worker/protocol';
import { dataUrl, LossCurves, primeMessage, runConfig, SAMPLE_LENGTH, unknownCharacters } from './model';
import { charModelSpec, charModelUrl, HIDDEN_CHOICES, MAX_PRIME, SEQ_CHOICES } from './state';

describe('char-model widget logic', () => {
  it('makes a config the worker accepts from the default settings and from the URL', () => {
    const start = (search: string) => {
      const { state, notices } = charModelUrl.parse(new URLSearchParams(search));
      return {
        notices,
        parsed: parseToWorker({
          type: 'start',
          runId: 'r',
          config: runConfig(state),
          data: { kind: 'url', url: '/data/moby-dick.txt' },
        }),
      };
    };
    const defaults = start('');
    // The widget's defaults are the engine's, which the bench times: the reader's Train button runs that config.
    expect(defaults.parsed).toEqual({ ok: true, message: expect.objectContaining({ config: CHAR_MODEL_DEFAULTS }) });
    const custom = start(
      'char-model.cell=rnn&char-model.hidden=32&char-model.lr=0.5&char-model.seq=16&char-model.seed=9',
    );
    expect(custom.notices).toEqual([]);
    expect(custom.parsed).toMatchObject({
      ok: true,
      message: {
        config: { ...CHAR_MODEL_DEFAULTS, cell: 'rnn', hiddenSize: 32, learningRate: 0.5, seqLen: 16, seed: 9 },
      },
    });
    const bad = start('char-model.hidden=100000&char-model.cell=transformer');
    expect(bad.notices).toHaveLength(2);
    expect(bad.parsed).toMatchObject({ ok: true, message: { config: { cell: 'gru', hiddenSize: 128 } } });
  });

  it('offers only what the worker accepts: every URL value, listed choice, prime and sample length', () => {
    const { hidden, seq, lr, seed } = charModelSpec;
    for (const [f, choices] of [
      [hidden, HIDDEN_CHOICES],
      [seq, SEQ_CHOICES],
    ] as const)
      for (const v of choices) expect(f.codec.parse(String(v))).toEqual({ value: v });
    // The extreme corners of the widget's ranges all make configs the worker accepts.
    for (const corner of ['min', 'max'] as const) {
      const state = { ...charModelUrl.defaults(), hidden: hidden.codec[corner], seq: seq.codec[corner] };
      const config = runConfig({ ...state, lr: lr.codec[corner], seed: seed.codec[corner] });
      expect(parseToWorker({ type: 'start', runId: 'r', config, data: { kind: 'none' } }).ok).toBe(true);
    }
    expect(MAX_PRIME).toBeLessThanOrEqual(LIMITS.maxPrimeLength);
    expect(SAMPLE_LENGTH).toBeLessThanOrEqual(LIMITS.maxSampleLength);
  });

  it('resolves the data URL against the site base, not the worker script', () => {
    expect(dataUrl('/', 'https://example.org/how-rnns-solve-problems/?x=1')).toBe(
      'https://example.org/data/moby-dick.txt',
    );
    expect(dataUrl('/course', 'https://example.org/course/embed/char-model/')).toBe(
      'https://example.org/course/data/moby-dick.txt',
    );
  });

  it('keeps every step of a short run and halves the resolution of a long one, with one table row per evaluation', () => {
    const curves = new LossCurves(3);
    const points = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => ({ step: from + i, loss: from + i, gradNorm: 1 }));
    curves.add({ points: points(1, 4), evals: [] });
    expect(curves.train).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
      { x: 4, y: 4 },
    ]);
    expect(curves.version).toBe(4);
    curves.add({ points: [], evals: [] });
    expect(curves.version).toBe(4);
    // The sixth point merges pairs: three points of two steps each, then blocks of two.
    curves.add({ points: points(5, 7), evals: [{ step: 7, valLoss: 2, metrics: { perplexity: 7.4 } }] });
    expect(curves.block).toBe(2);
    expect(curves.train).toEqual([
      { x: 2, y: 1.5 },
      { x: 4, y: 3.5 },
      { x: 6, y: 5.5 },
    ]);
    expect(curves.rows).toEqual([{ step: 7, trainLoss: 5.5, valLoss: 2, perplexity: 7.4 }]);
    curves.add({ points: points(8, 8), evals: [] });
    expect(curves.lastTrain()).toEqual({ x: 8, y: 7.5 });
    curves.add({ points: points(9, 9), evals: [] });
    curves.finish(9);
    expect(curves.train.at(-1)).toEqual({ x: 9, y: 9 });
    curves.finish(9);
    expect(curves.train.every((p, i, all) => i === 0 || p.x > all[i - 1].x)).toBe(true);
    expect(curves.series().map((s) => s.name)).toEqual(['training loss', 'validation loss']);
  });

  it('stays within bounds over a long run', () => {
    const curves = new LossCurves(150);
    for (let step = 1; step <= 2000; step += 20)
      curves.add({
        points: Array.from({ length: 20 }, (_, i) => ({ step: step + i, loss: 1, gradNorm: 1 })),
        evals: [],
      });
    expect(curves.train.length).toBeLessThan(300);
    expect(curves.train.length).toBeGreaterThanOrEqual(150);
    expect(curves.train.at(-1)).toEqual({ x: 2000, y: 1 });
  });

  it('names the priming characters the model cannot read', () => {
    expect(unknownCharacters('The whale', CHAR_ALPHABET)).toEqual([]);
    expect(unknownCharacters('Café — “naïve” é', CHAR_ALPHABET)).toEqual(['é', '—', '“', 'ï', '”']);
    expect(primeMessage([], 75)).toBeNull();
    const one = primeMessage(['é'], 75)!;
    expect(one).toContain('the 75 characters');
    expect(one).toContain('so “é” is left out');
    expect(primeMessage(['\t', '€'], 75)).toContain('so a tab and “€” are left out');
    expect(primeMessage(Array.from('ąćęłńóśźż'), 75)).toContain('and 3 more');
    // A right-to-left override or a zero-width character from the URL is named, not shown raw (it would reorder the note).
    const hidden = primeMessage(unknownCharacters('a\u202Eb\u200Bc', CHAR_ALPHABET), 75)!;
    expect(hidden).toContain('so U+202E and U+200B are left out');
    expect(hidden).not.toMatch(/[\u202E\u200B]/);
  });
});
