import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../engine/train/tasks/configs';
import {
  appendProgress,
  boundRuns,
  createRunRecord,
  describeChange,
  detectOverfitting,
  endRun,
  endText,
  MAX_TRAIN_POINTS,
  neverLearned,
  runOverfitting,
  parseRuns,
  RunHistory,
  serializeRuns,
  settingChanges,
  type EvalEntry,
  type StorageLike,
} from './runHistory';

const char = (over = {}) => withDefaults('char-model', over);

/** A progress message with one point per step from `from` to `to`, loss 1/step, and an evaluation at `to` when asked. */
const progress = (from: number, to: number, val?: number) => ({
  step: to,
  elapsedMs: to * 10,
  points: Array.from({ length: to - from + 1 }, (_, k) => ({ step: from + k, loss: 1 / (from + k) })),
  evals: val === undefined ? [] : [{ step: to, valLoss: val, metrics: { perplexity: Math.exp(val) } }],
});

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

describe('run records', () => {
  it('fold progress into a training curve, evaluations with the training loss beside them, the best, and the pace', () => {
    const run = createRunRecord(char());
    appendProgress(run, progress(1, 10, 2.5));
    appendProgress(run, progress(11, 20, 2.0));
    appendProgress(run, progress(21, 30, 2.2));
    expect(run.state).toBe('running');
    expect(run.train).toHaveLength(30);
    expect(run.evals.map((e) => [e.step, e.valLoss])).toEqual([
      [10, 2.5],
      [20, 2.0],
      [30, 2.2],
    ]);
    expect(run.evals[1].trainLoss).toBeCloseTo(1 / 20);
    expect(run.best?.step).toBe(20);
    expect(run.msPerStep).toBe(10);
    endRun(run, 'done', 30, 'Finished 30 steps.');
    expect(endText(run)).toBe('finished');
  });

  it('keep a long run bounded: the block doubles and each point is the mean of its steps', () => {
    const run = createRunRecord(char());
    const steps = 10 * MAX_TRAIN_POINTS;
    for (let s = 1; s <= steps; s += 50) appendProgress(run, { ...progress(s, s + 49), evals: [] });
    endRun(run, 'done', steps, null);
    expect(run.train.length).toBeLessThan(2 * MAX_TRAIN_POINTS);
    expect(run.trainBlock).toBeGreaterThan(1);
    const [step, loss] = run.train[0];
    // The first point stands for steps 1..block: the mean of 1/s over them.
    const expected =
      Array.from({ length: run.trainBlock }, (_, k) => 1 / (k + 1)).reduce((a, b) => a + b) / run.trainBlock;
    expect(step).toBe(run.trainBlock);
    expect(loss).toBeCloseTo(expected, 10);
    expect(run.train.at(-1)![0]).toBe(steps);
  });

  it('say how a run ended in a few words', () => {
    const run = createRunRecord(char());
    endRun(run, 'diverged', 57, 'The loss became NaN at step 57');
    expect(endText(run)).toBe('diverged at step 57');
    endRun(run, 'cancelled', 120, null);
    expect(endText(run)).toBe('stopped at step 120');
    run.restored = { step: 200, valLoss: 1.5 };
    endRun(run, 'early-stopped', 300, null);
    expect(endText(run)).toBe('stopped early at step 300, weights of step 200 restored');
  });
});

describe('settings in words', () => {
  it('list what changed from the previous run, as a reader writes it', () => {
    expect(describeChange(null, char())).toBe('first run');
    expect(describeChange(char({ learningRate: 0.05 }), char({ learningRate: 0.003 }))).toBe('lr 0.05 → 0.003');
    expect(describeChange(char(), char({ hiddenSize: 256, clip: 0, trainFraction: 0.02 }))).toBe(
      'hidden 128 → 256 · clip 5 → off · data 100% → 2%',
    );
    expect(describeChange(char(), char())).toBe('same settings');
    expect(describeChange(char(), withDefaults('forecast'))).toBe('task char model → forecast');
    expect(describeChange(char(), char({ seed: 2, hiddenSize: 8, numLayers: 2, dropout: 0.5 }), 2)).toBe(
      'hidden 128 → 8 · layers 1 → 2 · 2 more',
    );
  });

  it('treat an absent setting as the value its absence means', () => {
    const { clip: _clip, ...noClip } = char();
    expect(settingChanges(char({ clip: 0 }), noClip as ReturnType<typeof char>)).toEqual([]);
  });
});

describe('detectOverfitting', () => {
  const evals = (val: number[], train: number[]): EvalEntry[] =>
    val.map((v, i) => ({ step: (i + 1) * 10, valLoss: v, trainLoss: train[i], metrics: {} }));

  it('flags the turn once the validation loss has risen for three evaluations while the training loss fell', () => {
    const found = detectOverfitting(evals([3, 2.5, 2.2, 2.3, 2.4, 2.6, 2.8], [3, 2.4, 2.0, 1.8, 1.6, 1.4, 1.2]));
    expect(found).toEqual({ turnStep: 30, flaggedStep: 60 });
  });

  it('does not flag a run that never learned (a learning rate of 0.5: validation 20, far above its first loss of 4.3)', () => {
    const run = createRunRecord(char());
    appendProgress(run, progress(1, 1));
    run.train = [[1, 4.3], ...run.train.slice(1)];
    run.evals = evals([33.9, 20.6, 20.1, 22.8, 24.9, 24.3], [30, 14, 9, 5.4, 6.6, 5.1]);
    run.best = { step: 30, valLoss: 20.1, metrics: {} };
    expect(detectOverfitting(run.evals)).not.toBeNull();
    expect(neverLearned(run)).toBe(true);
    expect(runOverfitting(run)).toBeNull();
  });

  it('does not flag a plateau, a rise the training loss shares, or a single bump', () => {
    expect(detectOverfitting(evals([3, 2.5, 2.2, 2.2, 2.2, 2.2], [3, 2.4, 2, 1.9, 1.8, 1.7]))).toBeNull();
    expect(detectOverfitting(evals([3, 2.5, 2.6, 2.7, 2.8], [3, 2.4, 2.5, 2.6, 2.7]))).toBeNull();
    expect(detectOverfitting(evals([3, 2.5, 2.7, 2.4, 2.3], [3, 2.4, 2.2, 2.0, 1.9]))).toBeNull();
  });
});

describe('storing runs', () => {
  it('round-trips through JSON, NaN included, and brings a live run back as stopped', () => {
    const run = createRunRecord(char({ learningRate: 0.05 }), { label: 'lr 0.05' });
    appendProgress(run, progress(1, 5, NaN));
    const again = parseRuns(serializeRuns([run]));
    expect(again).toHaveLength(1);
    expect(again[0].config).toEqual(run.config);
    expect(again[0].label).toBe('lr 0.05');
    expect(Number.isNaN(again[0].evals[0].valLoss)).toBe(true);
    expect(again[0].state).toBe('cancelled');
    expect(again[0].message).toContain('reloaded');
  });

  it('drops corrupted text and runs whose config no longer passes its bounds', () => {
    expect(parseRuns('{not json')).toEqual([]);
    expect(parseRuns('{"v":99,"runs":[]}')).toEqual([]);
    const good = createRunRecord(char());
    endRun(good, 'done', 10, null);
    const text = serializeRuns([good, { ...good, id: 'bad', config: { ...good.config, hiddenSize: -1 } }]);
    expect(parseRuns(text).map((r) => r.id)).toEqual([good.id]);
  });

  it('keeps within the bounds, dropping the oldest unpinned ended run first and never a live one', () => {
    const runs = [1, 2, 3, 4].map((i) => {
      const r = createRunRecord(char({ seed: i }), { id: `r${i}` });
      endRun(r, 'done', 1, null);
      return r;
    });
    runs[0].pinned = true;
    const live = createRunRecord(char({ seed: 5 }), { id: 'live' });
    expect(boundRuns([...runs, live], 3, Infinity).map((r) => r.id)).toEqual(['r1', 'r4', 'live']);
    const oneSize = serializeRuns([runs[0]]).length;
    expect(boundRuns(runs, 10, oneSize * 2.5).map((r) => r.id)).toEqual(['r1', 'r4']);
  });

  it('a history saves to and loads from storage, and survives a storage that refuses', () => {
    const storage = new MemoryStorage();
    const history = new RunHistory({ storageKey: 'k', storage, maxRuns: 3 });
    const seen: number[] = [];
    history.subscribe((runs) => seen.push(runs.length));
    const a = history.add(char({ learningRate: 0.05 }));
    const b = history.add(char({ learningRate: 0.003 }));
    expect(b.color).not.toBe(a.color);
    expect([a.number, b.number]).toEqual([1, 2]);
    expect(history.previous(b)).toBe(a);
    endRun(a, 'done', 300, null);
    endRun(b, 'diverged', 12, null);
    history.setPinned(b.id, true);
    history.save();
    const other = new RunHistory({ storageKey: 'k', storage });
    other.load();
    expect(other.list().map((r) => [r.id, r.state, r.pinned])).toEqual([
      [a.id, 'done', false],
      [b.id, 'diverged', true],
    ]);
    expect(seen.length).toBeGreaterThan(2);
    other.remove(b.id);
    expect(other.add(char()).number).toBe(3);

    const refusing: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const h = new RunHistory({ storageKey: 'k', storage: refusing });
    h.add(char());
    expect(() => h.save()).not.toThrow();
    expect(h.storageProblem).toMatch(/did not let the page store/);
  });
});
