// The registry: defaults for every task, overrides that keep the task name, and one parser that reads `task`
// and checks the rest against that task's bounds, naming the setting it refuses.
import { describe, expect, it } from 'vitest';
import { TASK_NAMES } from '../task';
import { CHAR_MODEL_BOUNDS, parseTaskConfig, TASK_DEFAULTS, withDefaults } from './index';

describe('task registry', () => {
  it('has defaults for every task, each naming its own task and within its own bounds', () => {
    expect(Object.keys(TASK_DEFAULTS).sort()).toEqual([...TASK_NAMES].sort());
    for (const [name, config] of Object.entries(TASK_DEFAULTS)) {
      expect(config.task).toBe(name);
      expect(parseTaskConfig(config)).toEqual({ ok: true, config });
    }
  });

  it('overrides defaults without changing the task or the shared defaults', () => {
    const config = withDefaults('synthetic', { cell: 'rnn', delay: 40, task: 'forecast' as never });
    expect(config).toMatchObject({
      task: 'synthetic',
      cell: 'rnn',
      delay: 40,
      hiddenSize: TASK_DEFAULTS.synthetic.hiddenSize,
    });
    expect(TASK_DEFAULTS.synthetic.cell).toBe('lstm');
  });

  it('refuses a malformed config with a sentence naming the setting', () => {
    const char = TASK_DEFAULTS['char-model'];
    const refused = (raw: unknown) => {
      const result = parseTaskConfig(raw);
      return result.ok ? null : { field: result.field, error: result.error };
    };
    expect(refused(null)).toEqual({ field: 'config', error: 'config must be an object' });
    expect(refused({ ...char, task: 'poetry' })).toEqual({
      field: 'task',
      error: 'task must be one of char-model, forecast, sentiment, synthetic, teacher-forcing, translate, got "poetry"',
    });
    expect(refused({ ...char, seqLen: 5000 })).toEqual({
      field: 'seqLen',
      error: `seqLen must be a whole number from 1 to ${CHAR_MODEL_BOUNDS.seqLen.max}, got 5000`,
    });
    expect(refused({ ...char, hiddenSize: '128' })).toEqual({
      field: 'hiddenSize',
      error: 'hiddenSize must be a whole number from 1 to 1024, got "128"',
    });
    expect(refused({ ...char, learningRate: Infinity })?.error).toBe(
      'learningRate must be a number above 0 and at most 100, got Infinity',
    );
    expect(refused({ ...char, cell: 'transformer' })?.error).toBe(
      'cell must be one of rnn, lstm, gru, got "transformer"',
    );
    const { seqLen: _, ...noSeqLen } = char;
    expect(refused(noSeqLen)?.error).toBe('seqLen must be a whole number from 1 to 1000, got nothing');
    expect(refused({ ...char, hiddensize: 64 })).toEqual({
      field: 'hiddensize',
      error: 'hiddensize is not a char-model setting',
    });
    expect(refused({ ...char, cell: '\u202egru' })?.error).toBe('cell must be one of rnn, lstm, gru, got "\\u202egru"');
    expect(refused(withDefaults('forecast', { validationYear: 2014, testYear: 2014 }))?.field).toBe('validationYear');
    expect(refused(withDefaults('sentiment', { validationFraction: 0.5, testFraction: 0.5 }))?.field).toBe(
      'testFraction',
    );
    expect(refused(withDefaults('synthetic', { batchSize: 64, trainCount: 32 }))?.error).toBe(
      'trainCount must be at least batchSize (64), got 32',
    );
    expect(refused(withDefaults('synthetic', { batchSize: 64, trainFraction: 0.01 }))?.error).toBe(
      'trainFraction 0.01 leaves 41 training sequences, fewer than a batch of 64',
    );
    expect(refused({ ...char, trainFraction: 0 })?.error).toBe(
      'trainFraction must be a number above 0 and at most 1, got 0',
    );
    expect(refused({ ...char, momentum: 1 })?.error).toBe('momentum must be a number at least 0 and below 1, got 1');
  });

  it('asks momentum of SGD or RMSprop and ReLU of the plain RNN only, for every task', () => {
    for (const task of TASK_NAMES) {
      const config = withDefaults(task);
      const adam = parseTaskConfig({ ...config, optimizer: 'adam', momentum: 0.9 });
      expect(adam.ok ? null : adam.error).toBe(
        'momentum applies to sgd and rmsprop, not adam (whose momentum is its beta1), got 0.9',
      );
      expect(parseTaskConfig({ ...config, optimizer: 'sgd', momentum: 0.9 }).ok).toBe(true);
      expect(parseTaskConfig({ ...config, optimizer: 'rmsprop', momentum: 0.5 }).ok).toBe(true);
      // The translator's cell is always a GRU: it has no cell setting to test.
      if (!('cell' in config)) continue;
      expect(parseTaskConfig({ ...config, cell: 'rnn', nonlinearity: 'relu' }).ok).toBe(true);
      const relu = parseTaskConfig({ ...config, cell: 'gru', nonlinearity: 'relu' });
      expect(relu.ok ? null : relu.error).toBe(
        'nonlinearity relu applies to the rnn cell only (the gru cell has fixed nonlinearities)',
      );
    }
  });

  it('leaves absent optional settings absent, copies only known ones, and accepts every task', () => {
    const { evalChars: _, ...rest } = TASK_DEFAULTS['char-model'];
    const parsed = parseTaskConfig({ ...rest, dropout: undefined });
    expect(parsed.ok && 'evalChars' in parsed.config).toBe(false);
    expect(parsed.ok && 'dropout' in parsed.config).toBe(false);
    for (const task of TASK_NAMES) expect(parseTaskConfig(withDefaults(task)).ok).toBe(true);
  });
});
