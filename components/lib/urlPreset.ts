// A `preset` URL field for widgets with named examples: `?<widget>.preset=<id>` loads the example, under any of its
// fields the link gives itself, so a Predict question's "this experiment on a page of its own" link opens it as set up.
import { field, oneOf, type Field } from './urlState';

/** An example a widget offers: its id and the settings it sets. */
export interface UrlPreset<T> {
  id: string;
  state: T;
}

/** The `preset` field: one of the examples' ids, or '' (the default) for none. */
export function presetField(presets: readonly UrlPreset<unknown>[]): Field<string> {
  const ids = presets.map((p) => p.id);
  return field(oneOf(['', ...ids]), '', `An example to load (its settings under the link's own): ${ids.join(', ')}`);
}

/**
 * Reconcile step: when `state.preset` names an example, copy its settings into `state` except the fields the link
 * gave (`given`), and clear `preset` (the settings are what the widget shows and writes back).
 */
export function applyPreset<T extends object>(
  state: T & { preset: string },
  given: ReadonlySet<string>,
  presets: readonly UrlPreset<Partial<T>>[],
): string[] {
  const preset = presets.find((p) => p.id === state.preset);
  state.preset = '';
  if (!preset) return [];
  const target = state as Record<string, unknown>;
  for (const [key, value] of Object.entries(preset.state)) if (!given.has(key)) target[key] = structuredClone(value);
  return [];
}
