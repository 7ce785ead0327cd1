// What the gate inspector's experiments show, for chapter 6's Predict questions: the trained cells' gate values.
import { fmt } from '../../lib/format';
import type { PredictResult } from '../../lib/predict';
import { inspect } from './model';
import { configOf, gateInspectorUrl, GATE_INSPECTOR_PRESETS } from './state';

/** The choices of the question "what does the forget gate do at the mark?", in the chapter's order. */
export const FORGET_CHOICES = [
  'They rise towards 1, to hold on to the new number',
  'They drop towards 0, erasing the old memory',
  'They stay about where they were',
];

/** The gate's values in the four units at the preset's step and the step before: `[now, before]`, or null. */
export function gateAtStep(id: string): { now: number[]; before: number[]; t: number } | null {
  const preset = GATE_INSPECTOR_PRESETS.find((p) => p.id === id);
  if (!preset) return null;
  const state = { ...gateInspectorUrl.defaults(), ...preset.state };
  const values = inspect(state.seq, configOf(state)).rows[0].gates[state.gate];
  if (!values) return null;
  return { now: values[state.t - 1], before: values[state.t - 2], t: state.t };
}

/** The result of the experiment `id`: whether the gate falls below 0.5 everywhere, rises everywhere, or neither. */
export function gateInspectorOutcome(id: string): PredictResult | null {
  const at = gateAtStep(id);
  if (!at) return null;
  const { now, before, t } = at;
  const dropped = now.every((v, i) => v < 0.5 && v < before[i]);
  const rose = now.every((v, i) => v > before[i]);
  const list = (v: number[]): string => v.map((x) => fmt(x, 2)).join(', ');
  return {
    choice: dropped ? 1 : rose ? 0 : 2,
    value: null,
    summary: `The four units’ forget gates go from ${list(before)} at step ${t - 1} to ${list(now)} at step ${t}.`,
  };
}
