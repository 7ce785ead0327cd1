// Finds the values of an `engine:case` answer that are not finite (JSON has no NaN or Infinity) and
// says where: the first one of each output or gradient, as an index in the case's shape, and how many.

/** The non-finite values of one output or gradient. */
export interface NonFinite {
  /** `output`, `h_n`, `c_n`, or `grads.<name>` */
  field: string;
  /** Index of the first non-finite value, in the tensor's shape */
  at: number[];
  /** That value: NaN, Infinity or -Infinity */
  value: number;
  /** How many values of the tensor are not finite */
  count: number;
  /** How many values the tensor has */
  size: number;
}

/** The non-finite values of row-major `data` of `shape`, or null when all are finite. */
export function findNonFinite(field: string, data: ArrayLike<number>, shape: readonly number[]): NonFinite | null {
  let first = -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return null;
  const at = new Array<number>(shape.length);
  for (let d = shape.length - 1, rest = first; d >= 0; d--) {
    at[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return { field, at, value: data[first], count, size: data.length };
}

/** The most tensors the message describes one by one; the rest are only named. */
const DETAILED = 4;

/** An answer with values that are not finite; `answer` holds them as numbers (NaN, ±Infinity). */
export class NonFiniteAnswerError<A> extends Error {
  /** The first tensor that is not finite, as `FieldError.field` names a field. */
  readonly field: string;
  constructor(
    readonly found: readonly NonFinite[],
    readonly answer: A,
  ) {
    const describe = (n: NonFinite): string =>
      `${n.field}${n.at.map((i) => `[${i}]`).join('')} is ${n.value} (${n.count} of ${n.size} not finite)`;
    const rest = found.slice(DETAILED).map((n) => n.field);
    super(
      `the answer is not finite: ${found.slice(0, DETAILED).map(describe).join(', ')}` +
        (rest.length > 0 ? `, and ${rest.length} more: ${rest.join(', ')}` : '') +
        `. Every number in the case is finite, so a value overflowed float64 (beyond ±1.8e308) on the way`,
    );
    this.name = 'NonFiniteAnswerError';
    this.field = found[0].field;
  }
}
