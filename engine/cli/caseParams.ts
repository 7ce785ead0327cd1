// Checks a case's `params` names and shapes against the layer its sizes describe, before the layer
// is built: each expected shape is quoted with its formula, `[4·H, H] = [16, 4]`.
import { FieldError, formatShape } from '../nested';
import { recurrentParameterShapes } from '../nn/recurrent';
import { gateCount, type RecurrentMode } from '../ops/recurrentLayout';

/** The sizes that decide a recurrent layer's parameters. */
export interface LayerSizes {
  mode: RecurrentMode;
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bidirectional: boolean;
}

/**
 * Checks that `given` (state_dict name → shape) holds exactly the layer's parameters. A case
 * without any `bias_*` tensor is a layer built with bias=False; with some, all are expected.
 * @returns whether the layer has biases
 * @throws FieldError naming the first missing, mis-shaped or unexpected tensor (and how many other problems there are)
 */
export function checkParams(given: ReadonlyMap<string, readonly number[]>, sizes: LayerSizes): boolean {
  const bias = [...given.keys()].some((k) => k.startsWith('bias_'));
  const expected = recurrentParameterShapes(sizes.mode, sizes.inputSize, sizes.hiddenSize, { ...sizes, bias });
  const problems: FieldError[] = [];
  for (const [name, shape] of expected) {
    const field = `params.${name}`;
    const want = `${formula(name, sizes)} = ${formatShape(shape)} (H = hidden_size = ${sizes.hiddenSize})`;
    const got = given.get(name);
    if (got === undefined) problems.push(new FieldError(field, `missing (expected ${want})`));
    else if (got.length !== shape.length || got.some((n, i) => n !== shape[i]))
      problems.push(new FieldError(field, `shape ${formatShape(got)} does not match ${want}`));
  }
  for (const name of given.keys()) {
    if (!expected.has(name))
      problems.push(
        new FieldError(
          `params.${name}`,
          `unexpected: the module has no such parameter (it has ${[...expected.keys()].join(', ')})`,
        ),
      );
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    const [first] = problems;
    const more = problems.length - 1;
    throw new FieldError(
      first.field,
      `${first.message.slice(first.field.length + 2)} (and ${more} more problem${more > 1 ? 's' : ''})`,
    );
  }
  return bias;
}

/** A parameter's shape in the size names: `[4·H, input_size]`, `[3·H, 2·H]`, `[H]`. */
function formula(name: string, sizes: LayerSizes): string {
  const [, kind, from, layer] = /^(weight|bias)_(ih|hh)_l(\d+)/.exec(name) ?? [];
  const G = gateCount(sizes.mode);
  const rows = G === 1 ? 'H' : `${G}·H`;
  if (kind === 'bias') return `[${rows}]`;
  const cols = from === 'hh' ? 'H' : layer === '0' ? 'input_size' : sizes.bidirectional ? '2·H' : 'H';
  return `[${rows}, ${cols}]`;
}
