// Converts between JSON nested number arrays (PyTorch's `tensor.tolist()`) and flat row-major
// data with a shape, with errors that name the offending field and element.

/** A malformed or mis-shaped input field; `field` is its name as the user wrote it (`params.weight_ih_l0`). */
export class FieldError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'FieldError';
    this.field = field;
  }
}

/** Formats a shape the way PyTorch prints it, `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * The shape of a rectangular nested array of finite numbers (a bare number has shape []).
 * @throws FieldError naming `field` and the first element that is not a number or breaks the rectangle.
 */
export function shapeOf(value: unknown, field: string): number[] {
  const shape: number[] = [];
  let probe = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  checkRectangle(value, shape, 0, field);
  return shape;
}

function checkRectangle(value: unknown, shape: number[], depth: number, path: string): void {
  if (depth === shape.length) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new FieldError(path, `expected a finite number, got ${describe(value)}`);
    }
    return;
  }
  if (!Array.isArray(value)) {
    throw new FieldError(path, `expected an array of length ${shape[depth]}, got ${describe(value)}`);
  }
  if (value.length !== shape[depth]) {
    throw new FieldError(path, `ragged nested array: expected length ${shape[depth]}, got ${value.length}`);
  }
  for (let i = 0; i < value.length; i++) checkRectangle(value[i], shape, depth + 1, `${path}[${i}]`);
}

/** A short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${value}`;
  return typeof value;
}

/**
 * Flattens a nested array into row-major float64 data.
 * @param expected when given, the required shape; a different shape is an error naming `field`.
 * @returns `{ shape, data }` with `data.length` = product of `shape`.
 */
export function fromNested(
  value: unknown,
  field: string,
  expected?: readonly number[],
): { shape: number[]; data: Float64Array } {
  let shape = shapeOf(value, field);
  if (expected) {
    // JSON cannot spell the dimensions after an empty one, so `[]` matches `[0, 2]`.
    const emptyPrefix = shape.length > 0 && shape[shape.length - 1] === 0 && shape.length <= expected.length;
    const same = emptyPrefix
      ? shape.every((n, i) => n === expected[i])
      : shape.length === expected.length && shape.every((n, i) => n === expected[i]);
    if (!same) throw new FieldError(field, `expected shape ${formatShape(expected)}, got ${formatShape(shape)}`);
    shape = [...expected];
  }
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let k = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const item of v) walk(item);
    else data[k++] = v as number;
  };
  walk(value);
  return { shape, data };
}

/** Nested arrays of `shape` from row-major `data` (a 0-d shape gives a bare number). */
export function toNested(data: ArrayLike<number>, shape: readonly number[]): unknown {
  let k = 0;
  const build = (depth: number): unknown => {
    if (depth === shape.length) return data[k++];
    const out: unknown[] = new Array(shape[depth]);
    for (let i = 0; i < out.length; i++) out[i] = build(depth + 1);
    return out;
  };
  return build(0);
}
