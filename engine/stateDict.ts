// A module's parameters as PyTorch's state_dict in JSON form ({name: nested arrays}, what
// `{k: v.tolist()}` gives in Python), and loading one back with errors that name the tensor.
import type { Module } from './nn/module';
import { describe, FieldError, formatShape, fromNested, toNested } from './nested';
import type { NestedArray } from './tensor';

/** state_dict name → nested arrays of numbers, e.g. `{"weight_ih_l0": [[…], …], …}`. */
export type StateDict = Record<string, NestedArray>;

/** Options of `loadStateDict`. */
export interface LoadStateDictOptions {
  /** Prefix of names in error messages (`params` makes `params.weight_ih_l0: …`). Default 'state_dict'. */
  label?: string;
}

/** Every parameter of `module` by its PyTorch name, in PyTorch's order, as nested arrays (copies). */
export function stateDict(module: Module): StateDict {
  const out: StateDict = {};
  for (const [name, p] of module.namedParameters()) out[name] = toNested(p.data, p.shape) as NestedArray;
  return out;
}

/**
 * Copies a state_dict into `module`'s parameters (converting to their dtype). All or nothing:
 * nothing is written unless every name matches and every shape fits.
 * @param dict an object of name → nested arrays, e.g. `JSON.parse` of a PyTorch export
 * @throws FieldError naming the first missing, unexpected or mis-shaped tensor (and how many other problems there are)
 */
export function loadStateDict(module: Module, dict: unknown, opts: LoadStateDictOptions = {}): void {
  const label = opts.label ?? 'state_dict';
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) {
    throw new FieldError(label, `expected an object of parameter name → nested array, got ${describe(dict)}`);
  }
  const given = dict as Record<string, unknown>;
  const params = module.namedParameters();
  const problems: FieldError[] = [];
  const loaded: [Float32Array | Float64Array, Float64Array][] = [];
  for (const [name, p] of params) {
    const field = `${label}.${name}`;
    if (!Object.hasOwn(given, name)) {
      problems.push(new FieldError(field, `missing (expected shape ${formatShape(p.shape)})`));
      continue;
    }
    try {
      loaded.push([p.data, fromNested(given[name], field, p.shape).data]);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      problems.push(e);
    }
  }
  for (const name of Object.keys(given)) {
    if (!params.has(name))
      problems.push(
        new FieldError(
          `${label}.${name}`,
          `unexpected: the module has no such parameter (it has ${[...params.keys()].join(', ')})`,
        ),
      );
  }
  if (problems.length > 0) {
    const first = problems[0];
    if (problems.length === 1) throw first;
    throw new FieldError(
      first.field,
      `${first.message.slice(first.field.length + 2)} (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`,
    );
  }
  for (const [target, source] of loaded) target.set(source);
}
