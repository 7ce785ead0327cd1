// Where a trial goes next: the training lab (chapter 7) with the trial's settings in its address, so the reader
// can train the winner for longer, watch its curves and change one setting at a time.
import type { TaskConfig } from '../../../engine/train/tasks/configs';

/**
 * The training lab's address with a char-model trial's settings (`training-lab.cell=gru&training-lab.hidden=256…`),
 * or null for a task the training lab does not train (the counting task).
 * @param base the site's base path (`import.meta.env.BASE_URL`)
 */
export function trainingLabUrl(base: string, config: TaskConfig): string | null {
  if (config.task !== 'char-model') return null;
  const params = new URLSearchParams({
    'training-lab.task': 'char-model',
    'training-lab.cell': config.cell,
    'training-lab.hidden': String(config.hiddenSize),
    'training-lab.layers': String(config.numLayers ?? 1),
    'training-lab.lr': String(config.learningRate),
    'training-lab.steps': String(config.maxSteps),
    'training-lab.eval': String(config.evalEvery),
    'training-lab.seed': String(config.seed),
  });
  return `${base.endsWith('/') ? base : `${base}/`}hyperparameters/?${params.toString()}#training-lab`;
}
