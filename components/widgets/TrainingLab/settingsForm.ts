// The settings fieldset of the forecast, teacher forcing and attention labs: one control per run setting, its range
// read from the lab's URL table, each entry read back through the same codec (a refused one puts the kept value back
// and says why), and `set` to show new settings (a preset's) without rebuilding.
import { el } from '../../lib/dom';
import type { Codec } from '../../lib/urlState';

/** A run's settings: numbers, a choice or a switch. */
export type SettingValues<S> = { [K in keyof S]: number | string | boolean };

/** One control of the form, in the order it appears. */
export type SettingControl<S extends SettingValues<S>> =
  /** A number input; `name` starts the sentence of a refused entry (default: the label). */
  | { key: keyof S & string; kind: 'number'; label: string; name?: string }
  /** A menu of the codec's values, shown upper-case (cell types). */
  | { key: keyof S & string; kind: 'select'; label: string; options: readonly string[]; name?: string }
  /** A checkbox with a sentence, on a row of its own. */
  | { key: keyof S & string; kind: 'checkbox'; label: string };

/** A codec as a URL table holds it; a number codec also carries the range an input offers. */
type SettingCodec = Codec<unknown> & { min?: number; max?: number; step?: number | 'any' };

/** What the form needs from its lab. */
export interface SettingsFormOptions<S extends SettingValues<S>> {
  /** Prefix of the controls' ids (`<base>-<key>`). */
  base: string;
  legend: string;
  /** Extra class of the fieldset (besides lab-form). */
  className?: string;
  /** The lab's URL table: each setting's codec. */
  spec: { readonly [K in keyof S]: { readonly codec: SettingCodec } };
  controls: readonly SettingControl<S>[];
  /** The settings shown at first. */
  values: S;
  /** An accepted change of one setting. */
  onChange: (key: keyof S & string, value: S[keyof S]) => void;
  /** A sentence about a refused entry ('' when an entry is accepted). */
  onNotice: (text: string) => void;
}

/** The form: its fieldset to place, its controls by key, and `set` to show other settings. */
export interface SettingsForm<S extends SettingValues<S>> {
  readonly element: HTMLFieldSetElement;
  readonly inputs: { readonly [K in keyof S]: HTMLInputElement | HTMLSelectElement };
  set(values: S): void;
}

/** Builds the settings fieldset (class lab-form) of a run lab. */
export function settingsForm<S extends SettingValues<S>>(options: SettingsFormOptions<S>): SettingsForm<S> {
  let current = { ...options.values };
  const inputs = {} as Record<keyof S, HTMLInputElement | HTMLSelectElement>;
  const show = (key: keyof S, input: HTMLInputElement | HTMLSelectElement) => {
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = current[key] === true;
    else input.value = String(current[key]);
  };
  const rows = options.controls.map((c) => {
    const id = `${options.base}-${c.key}`;
    const codec = options.spec[c.key].codec;
    const input =
      c.kind === 'checkbox'
        ? el('input', { type: 'checkbox', id })
        : c.kind === 'select'
          ? el(
              'select',
              { class: 'lab-input', id },
              ...c.options.map((v) => el('option', { value: v }, v.toUpperCase())),
            )
          : el('input', {
              type: 'number',
              class: 'lab-input',
              id,
              min: codec.min,
              max: codec.max,
              step: codec.step ?? 'any',
              inputmode: Number.isInteger(codec.step) ? 'numeric' : 'decimal',
            });
    inputs[c.key] = input;
    show(c.key, input);
    input.addEventListener('change', () => {
      let value: unknown;
      if (c.kind === 'checkbox') value = (input as HTMLInputElement).checked;
      else {
        const parsed = codec.parse(input.value);
        if ('error' in parsed) {
          options.onNotice(`${c.name ?? c.label} ${parsed.error}; kept ${current[c.key]}.`);
          show(c.key, input);
          return;
        }
        value = parsed.value;
      }
      current = { ...current, [c.key]: value };
      options.onNotice('');
      options.onChange(c.key, value as S[keyof S]);
    });
    return c.kind === 'checkbox'
      ? el('label', { class: 'lab-check lab-wide', for: id }, input, el('span', {}, c.label))
      : el('div', { class: 'lab-field' }, el('label', { class: 'lab-label', for: id }, c.label), input);
  });
  const element = el(
    'fieldset',
    { class: `lab-form${options.className ? ` ${options.className}` : ''}` },
    el('legend', {}, options.legend),
    ...rows,
  );
  return {
    element,
    inputs,
    set(values) {
      current = { ...values };
      for (const c of options.controls) show(c.key, inputs[c.key]);
    },
  };
}
