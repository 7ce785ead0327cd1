// The registry: defaults for every task, overrides that keep the task name, and createTask dispatching on it.
import { describe, expect, it } from 'vitest';
import { createTask, TASK_DEFAULTS, withDefaults } from './index';

describe('task registry', () => {
  it('has defaults for every task, each naming its own task', () => {
    expect(Object.keys(TASK_DEFAULTS).sort()).toEqual(['char-model', 'forecast', 'sentiment', 'synthetic']);
    for (const [name, config] of Object.entries(TASK_DEFAULTS)) expect(config.task).toBe(name);
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

  it('builds the task a config names, and names an unknown one', () => {
    const task = createTask(withDefaults('synthetic', { delay: 3, trainCount: 64, validationCount: 16 }), undefined);
    expect(task.name).toBe('synthetic');
    expect(task.stepsPerEpoch).toBe(2);
    expect(() => createTask({ ...TASK_DEFAULTS.synthetic, task: 'poetry' } as never, undefined)).toThrow(
      /unknown task "poetry"/,
    );
  });
});
