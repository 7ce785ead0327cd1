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

/** Options of `shapeOf`. */
export interface ShapeOptions {
  /** The most dimensions the field may have; a deeper array fails before its elements are read. Default: no limit. */
  maxDims?: number;
  /** The expected shape, quoted when the array is nested too deep. */
  expected?: readonly number[];
}

/**
 * The shape of a rectangular nested array of finite numbers (a bare number has shape []). Reads
 * without recursion, so no depth can overflow the stack.
 * @throws FieldError naming `field` when it is nested deeper than `maxDims`, and naming the first
 *   element that is not a finite number or breaks the rectangle.
 */
export function shapeOf(value: unknown, field: string, opts: ShapeOptions = {}): number[] {
  const maxDims = opts.maxDims ?? Infinity;
  const shape: number[] = [];
  let depth = 0;
  let probe = value;
  // Down the first elements: the shape the rest must match, and the depth (counted to the bottom for the message).
  while (Array.isArray(probe)) {
    depth++;
    if (depth <= maxDims) shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0] as unknown;
  }
  if (depth > maxDims) {
    const expected = opts.expected ? ` (expected shape ${formatShape(opts.expected)})` : '';
    throw new FieldError(
      field,
      `nested ${depth} deep; a tensor here has at most ${maxDims} dimension${maxDims === 1 ? '' : 's'}${expected}`,
    );
  }
  if (shape.length === 0) {
    checkNumber(value, field);
    return shape;
  }
  forEachRow(
    value,
    shape,
    (row, at) => {
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) checkNumber(v, `${pathOf(field, at)}[${i}]`);
      }
    },
    (v, dim, at) => {
      if (!Array.isArray(v))
        throw new FieldError(pathOf(field, at), `expected an array of length ${shape[dim]}, got ${describe(v)}`);
      if (v.length !== shape[dim])
        throw new FieldError(pathOf(field, at), `ragged nested array: expected length ${shape[dim]}, got ${v.length}`);
    },
  );
  return shape;
}

function checkNumber(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new FieldError(path, `expected a finite number, got ${describe(value)}`);
}

/** `field[i][j]…` for the indices of `at`. */
function pathOf(field: string, at: readonly number[]): string {
  return field + at.map((i) => `[${i}]`).join('');
}

/**
 * Visits the innermost arrays of a nested array of `shape` (at least 1-D) in row-major order, with
 * the indices that lead to each, keeping its own stack instead of recursing.
 * @param enter called on each array below the top before it is read: `dim` is its depth, `at` its indices
 */
function forEachRow(
  value: unknown,
  shape: readonly number[],
  visit: (row: unknown[], at: readonly number[]) => void,
  enter: (v: unknown, dim: number, at: readonly number[]) => void = () => {},
): void {
  const last = shape.length - 1;
  const arrays: unknown[][] = [value as unknown[]];
  const at: number[] = []; // at[d]: the index, in arrays[d], of the array being read one level down
  while (arrays.length > 0) {
    const d = arrays.length - 1;
    if (d === last) {
      visit(arrays[d], at);
      arrays.pop();
      continue;
    }
    if (at.length === d) at.push(-1);
    const i = ++at[d];
    if (i === arrays[d].length) {
      arrays.pop();
      at.pop();
      continue;
    }
    const child = arrays[d][i];
    enter(child, d + 1, at);
    arrays.push(child as unknown[]);
  }
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
 * Whether a nested array's shape is `expected`; JSON cannot spell the dimensions after an empty
 * one, so `[]` read as [0] matches [0, 2].
 * @returns the expected shape
 * @throws FieldError naming `field` when it differs
 */
export function checkShape(shape: readonly number[], expected: readonly number[], field: string): number[] {
  const emptyPrefix = shape.length > 0 && shape[shape.length - 1] === 0 && shape.length <= expected.length;
  const same = emptyPrefix
    ? shape.every((n, i) => n === expected[i])
    : shape.length === expected.length && shape.every((n, i) => n === expected[i]);
  if (!same) throw new FieldError(field, `expected shape ${formatShape(expected)}, got ${formatShape(shape)}`);
  return [...expected];
}

/**
 * Row-major float64 data of a nested array already checked to have `shape` (by `shapeOf`).
 * @returns data with `data.length` = product of `shape`
 */
export function flatten(value: unknown, shape: readonly number[]): Float64Array {
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  if (shape.length === 0) data[0] = value as number;
  else if (data.length > 0) {
    let k = 0;
    forEachRow(value, shape, (row) => {
      for (let i = 0; i < row.length; i++) data[k++] = row[i] as number;
    });
  }
  return data;
}

/**
 * Flattens a nested array into row-major float64 data.
 * @param expected when given, the required shape; a different shape (or a deeper array) is an error naming `field`.
 * @returns `{ shape, data }` with `data.length` = product of `shape`.
 */
export function fromNested(
  value: unknown,
  field: string,
  expected?: readonly number[],
): { shape: number[]; data: Float64Array } {
  let shape = shapeOf(value, field, expected ? { maxDims: expected.length, expected } : {});
  if (expected) shape = checkShape(shape, expected, field);
  return { shape, data: flatten(value, shape) };
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
