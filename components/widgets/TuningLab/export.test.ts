// The exports write exactly the table's rows: a CSV whose header and values line up field by field, quoted where a
// field needs it, and JSON with each trial's config and evaluation curve, with no NaN or Infinity in it.
import { describe, expect, it } from 'vitest';
import { appendProgress, createRunRecord, endRun } from '../../lib/runHistory';
import { csvHeader, toCsv, toJson, trialRows } from './export';
import type { SearchInput, Trial } from './runner';
import { DEFAULT_SPACE } from './search';
import { parameterCount, TASK_INFO } from './tasks';

const input: SearchInput = {
  task: 'char-model',
  method: 'grid',
  space: DEFAULT_SPACE,
  trials: 2,
  steps: 20,
  evalEvery: 10,
  seed: 1,
};

/** A finished trial whose validation loss was `losses` at steps 10 and 20. */
function trial(
  number: number,
  settings: Trial['settings'],
  losses: number[],
  state: 'done' | 'diverged' = 'done',
): Trial {
  const record = createRunRecord(TASK_INFO['char-model'].config(settings, 20, 10, 1));
  appendProgress(record, {
    step: 20,
    elapsedMs: 1234,
    points: Array.from({ length: 20 }, (_, i) => ({ step: i + 1, loss: 3 - i / 20 })),
    evals: losses.map((valLoss, i) => ({ step: 10 * (i + 1), valLoss, metrics: { perplexity: Math.exp(valLoss) } })),
  });
  endRun(record, state, 20, state === 'diverged' ? 'The loss blew up, "badly", at step 20.' : 'Finished.');
  return {
    number,
    settings,
    rung: 0,
    budget: 20,
    record,
    parameters: parameterCount('char-model', settings),
    score: state === 'done' ? Math.min(...losses) : Infinity,
    overfit: null,
    promotedTo: null,
    slot: null,
  };
}

describe('exports', () => {
  const trials = [
    trial(1, { hidden: 64, layers: 2, lr: 0.001, cell: 'gru' }, [2.5, 2.25]),
    trial(2, { hidden: 128, layers: 1, lr: 0.0001, cell: 'lstm' }, [3.1, NaN], 'diverged'),
  ];

  it('writes the CSV header and each row’s values in the same order', () => {
    const lines = toCsv(trials, input).trim().split('\r\n');
    const header = csvHeader(input);
    expect(lines[0]).toBe(header.join(','));
    const rows = trialRows(trials, input);
    const first = Object.fromEntries(lines[1].split(',').map((v, i) => [header[i], v]));
    expect(first).toMatchObject({
      trial: '1',
      hidden_size: '64',
      num_layers: '2',
      lr: '0.001',
      cell: 'gru',
      parameters: String(rows[0].parameters),
      best_val_loss: '2.25',
      best_step: '20',
      perplexity: String(Math.exp(2.25)),
      status: 'finished',
      overfit_from_step: '',
      seconds: '1.2',
    });
    // A diverged trial has no best loss, and its status says so.
    expect(lines[2].split(',').slice(8, 12)).toEqual(['', '', '', 'diverged at step 20']);
  });

  it('says a failed trial failed, and at which step', () => {
    const quoted = trial(3, { hidden: 8, layers: 1, lr: 0.01, cell: 'rnn' }, [2]);
    quoted.record.state = 'error';
    quoted.record.steps = 7;
    const line = toCsv([quoted], input).trim().split('\r\n')[1];
    expect(line).toContain(',failed at step 7,');
  });

  it('writes JSON with every trial’s config and curve, and no NaN', () => {
    const json = JSON.parse(toJson(trials, input, { method: 'grid search', workers: 2 })) as {
      search: { workers: number; method: string };
      trials: { config: { hiddenSize: number }; evals: { step: number; val_loss: number | null }[] }[];
    };
    expect(json.search).toMatchObject({ workers: 2, method: 'grid' });
    expect(json.trials[0].config.hiddenSize).toBe(64);
    expect(json.trials[1].evals).toEqual([
      expect.objectContaining({ step: 10, val_loss: 3.1 }),
      expect.objectContaining({ step: 20, val_loss: null }),
    ]);
  });
});
