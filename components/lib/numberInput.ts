// Number inputs built from a widget's URL-state table: the input's min, max and step come from the field's codec,
// and what the reader types is read back through the same codec, so a form never restates a bound.
import { el, type Attrs } from './dom';
import type { Field, NumberCodec } from './urlState';

/** A URL-table field whose codec is a number codec (`int`, `num`, `intIn`, `numIn`). */
export type NumberField = Field<number, NumberCodec>;

/** How a number input reports back. */
export interface NumberInputOptions {
  /** The value shown at first. */
  value: number;
  /** The setting's name at the start of a sentence, e.g. "The seed". */
  label: string;
  /** Extra attributes: a class, an `aria-label`, an id. */
  attrs?: Attrs;
  /** Called with each accepted value. */
  onValue: (value: number) => void;
  /** Called with a sentence when an entry is refused, and with '' when a later one is accepted. */
  onNotice: (text: string) => void;
}

/** The sentence for a refused entry: "The seed must be a whole number from 0 to 99999; keeping 1." */
export function refusal(codec: NumberCodec, label: string, kept: number): string {
  const kind = codec.integer ? 'a whole number' : 'a number';
  return `${label} must be ${kind} from ${codec.min} to ${codec.max}; keeping ${codec.format(kept)}.`;
}

/**
 * `<input type="number">` with the field's min, max and step. On `change` the entry is parsed by the field's
 * codec (the same rules as the URL): an accepted value goes to `onValue`; a refused one puts the last accepted
 * value back and says why through `onNotice`.
 * @returns the input, ready to be placed in a label
 */
export function numberInput(field: NumberField, options: NumberInputOptions): HTMLInputElement {
  const { codec } = field;
  let current = options.value;
  const input = el('input', {
    type: 'number',
    min: codec.min,
    max: codec.max,
    step: codec.step,
    inputmode: codec.integer ? 'numeric' : 'decimal',
    value: codec.format(current),
    ...options.attrs,
  });
  input.addEventListener('change', () => {
    const parsed = codec.parse(input.value);
    if ('error' in parsed) {
      options.onNotice(refusal(codec, options.label, current));
      input.value = codec.format(current);
      return;
    }
    current = parsed.value;
    options.onNotice('');
    options.onValue(current);
  });
  return input;
}
