// Our engine as a contestant. Until engine/index.ts exports the pieces a training step needs, it
// reports itself unavailable instead of standing in with something else.
import type { Contestant } from './types';

const needed = ['RNN', 'LSTM', 'Linear', 'crossEntropy', 'Adam'] as const;

export const engine: Contestant = {
  id: 'engine',
  label: 'our engine (engine/index.ts)',
  async create() {
    const specifier = '../../engine/index';
    let api: Record<string, unknown>;
    try {
      api = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    } catch {
      return { unavailable: 'not available yet (no engine/index.ts)' };
    }
    const missing = needed.filter((name) => api[name] === undefined);
    return { unavailable: `not available yet (engine/index.ts lacks ${missing.join(', ') || 'a bench adapter'})` };
  },
};
