// A widget's state in the URL, driven by one declarative table: each field's codec parses and formats it both ways.
// Keys are namespaced per widget (`step-cell.t=3`); invalid values fall back to defaults with a notice for the reader.
import { describeBound, type IntBound, type NumberBound } from '../../engine/train/config';
import { shown } from './notice';

/** The name of the window event save() dispatches after a widget's state changes. */
export const STATE_EVENT = 'unrolled:url-state';

/** What STATE_EVENT carries: the namespace that changed and the whole query string it is now part of. */
export interface StateEventDetail {
  namespace: string;
  search: string;
}

/** Turns one URL value into a typed value (or a reason it is invalid) and back. */
export interface Codec<T> {
  /** Parse a raw query value; return `{ error }` with a short reason when it is not acceptable. */
  parse(raw: string): { value: T } | { error: string };
  /** Format a value for the URL; `parse(format(v))` gives `v` back. */
  format(value: T): string;
}

/**
 * One row of a state table: how to read the field, its default, and a line of documentation for instructors.
 * `C` keeps the codec's own type, so a form can read a number codec's range from the table.
 */
export interface Field<T, C extends Codec<T> = Codec<T>> {
  codec: C;
  default: T;
  doc: string;
}

/** The value type a codec reads. */
export type CodecValue<C> = C extends Codec<infer T> ? T : never;

/** A state table: field name → field. */
// Fields of different value types in one table; `StateOf` recovers each field's own type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Spec = Record<string, Field<any>>;

/** The typed state object a table describes. */
export type StateOf<S extends Spec> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** Define a field of a state table. */
// `any` only in the constraint: the codec's value type is read back from C by CodecValue.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function field<C extends Codec<any>>(
  codec: C,
  defaultValue: CodecValue<C>,
  doc: string,
): Field<CodecValue<C>, C> {
  return { codec, default: defaultValue, doc };
}

const trimNumber = (n: number): string => String(Number(n.toPrecision(6)));

/**
 * A codec of a number that also says its range, so a form can build its input from the URL table
 * (`numberInput`) instead of restating the bounds: `step` is 1 for whole numbers, `'any'` or a grid otherwise.
 */
export interface NumberCodec extends Codec<number> {
  readonly min: number;
  readonly max: number;
  readonly step: number | 'any';
  readonly integer: boolean;
}

/** An integer in [min, max]. */
export function int(min: number, max: number): NumberCodec {
  return {
    min,
    max,
    step: 1,
    integer: true,
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) return { error: `must be a whole number from ${min} to ${max}` };
      const value = Number(raw);
      return value >= min && value <= max ? { value } : { error: `must be from ${min} to ${max}` };
    },
    format: (value) => String(value),
  };
}

/** A finite number in [min, max]; `step` is the grid an input offers (default `'any'`), not enforced when parsing. */
export function num(min: number, max: number, step: number | 'any' = 'any'): NumberCodec {
  return {
    min,
    max,
    step,
    integer: false,
    parse(raw) {
      const value = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(value)) return { error: `must be a number from ${min} to ${max}` };
      return value >= min && value <= max ? { value } : { error: `must be from ${min} to ${max}` };
    },
    format: trimNumber,
  };
}

/** Throws unless [min, max] lies inside an engine setting's bound (engine/train/config.ts), ends included or not as it says. */
function checkInside(bound: IntBound | NumberBound, min: number, max: number): void {
  const above = bound.kind === 'number' && bound.above ? min > bound.min : min >= bound.min;
  const below = bound.kind === 'number' && bound.below ? max < bound.max : max <= bound.max;
  if (!(min <= max && above && below))
    throw new RangeError(`the range ${min} to ${max} is not inside the engine's bound, ${describeBound(bound)}`);
}

/**
 * An integer codec for an engine setting: its bound (e.g. `CHAR_MODEL_BOUNDS.hiddenSize`), or a narrower range a
 * widget offers inside it; a range that leaves the bound throws when the widget's module loads.
 */
export function intIn(bound: IntBound, range: { min?: number; max?: number } = {}): NumberCodec {
  const { min = bound.min, max = bound.max } = range;
  checkInside(bound, min, max);
  return int(min, max);
}

/**
 * A number codec for an engine setting, over the range [min, max] a widget offers inside the setting's bound
 * (checked when the widget's module loads); `step` is the grid its input offers.
 */
export function numIn(bound: NumberBound, range: { min: number; max: number; step?: number | 'any' }): NumberCodec {
  checkInside(bound, range.min, range.max);
  return num(range.min, range.max, range.step);
}

/** One of a fixed list of strings. */
export function oneOf<T extends string>(values: readonly T[]): Codec<T> {
  return {
    parse: (raw) =>
      (values as readonly string[]).includes(raw)
        ? { value: raw as T }
        : { error: `must be one of ${values.join(', ')}` },
    format: (value) => value,
  };
}

/** `1`/`0` (also `true`/`false`). */
export function bool(): Codec<boolean> {
  return {
    parse(raw) {
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { error: 'must be 1 or 0' };
    },
    format: (value) => (value ? '1' : '0'),
  };
}

/** Free text up to `maxLength` characters. */
export function text(maxLength: number): Codec<string> {
  return {
    parse: (raw) => (raw.length <= maxLength ? { value: raw } : { error: `must be at most ${maxLength} characters` }),
    format: (value) => value,
  };
}

/** A vector of exactly `dims` numbers in [min, max], written `0.5,-1`. */
export function vector(dims: number, min: number, max: number): Codec<number[]> {
  const entry = num(min, max);
  return {
    parse(raw) {
      const parts = raw.split(',');
      if (parts.length !== dims) return { error: `must be ${dims} comma-separated numbers` };
      const value: number[] = [];
      for (const part of parts) {
        const parsed = entry.parse(part);
        if ('error' in parsed) return { error: `entries ${parsed.error}` };
        value.push(parsed.value);
      }
      return { value };
    },
    format: (value) => value.map(trimNumber).join(','),
  };
}

/** A list of 1..maxLength vectors, written `1,0;0,1;0.5,0.5`. */
export function vectorList(dims: number, maxLength: number, min: number, max: number): Codec<number[][]> {
  const one = vector(dims, min, max);
  return {
    parse(raw) {
      const parts = raw.split(';');
      if (raw.trim() === '' || parts.length > maxLength)
        return { error: `must list 1 to ${maxLength} vectors separated by ;` };
      const value: number[][] = [];
      for (const part of parts) {
        const parsed = one.parse(part);
        if ('error' in parsed) return parsed;
        value.push(parsed.value);
      }
      return { value };
    },
    format: (value) => value.map((v) => one.format(v)).join(';'),
  };
}

/** A list of 1..maxLength numbers in [min, max], written `1,0,0,2` (spaces around entries allowed). */
export function numberList(maxLength: number, min: number, max: number): Codec<number[]> {
  const entry = num(min, max);
  return {
    parse(raw) {
      const parts = raw.split(',');
      if (raw.trim() === '' || parts.length > maxLength)
        return { error: `must list 1 to ${maxLength} numbers separated by commas` };
      const value: number[] = [];
      for (const [i, part] of parts.entries()) {
        const parsed = entry.parse(part);
        if ('error' in parsed) return { error: `entry ${i + 1} ${parsed.error}` };
        value.push(parsed.value);
      }
      return { value };
    },
    format: (value) => value.map(trimNumber).join(','),
  };
}

/**
 * A list of 1..maxLength distinct numbers, each read by `entry` (its range and whole-number rule), written `64,128`,
 * in the order given (a repeated value is kept once).
 */
export function distinctNumberList(entry: NumberCodec, maxLength: number): Codec<number[]> & { entry: NumberCodec } {
  return {
    entry,
    parse(raw) {
      const parts = raw.split(',').map((p) => p.trim());
      if (raw.trim() === '' || parts.length > maxLength)
        return { error: `must list 1 to ${maxLength} comma-separated numbers` };
      const value: number[] = [];
      for (const part of parts) {
        const parsed = entry.parse(part);
        if ('error' in parsed) return { error: `each entry ${parsed.error} (“${part.slice(0, 20)}” is not)` };
        if (!value.includes(parsed.value)) value.push(parsed.value);
      }
      return { value };
    },
    format: (value) => value.map((v) => entry.format(v)).join(','),
  };
}

/** A list of 1 or more distinct values of a fixed list, written `gru,lstm`, in the order given (once each). */
export function choiceList<T extends string>(values: readonly T[]): Codec<T[]> {
  return {
    parse(raw) {
      const parts = raw.split(',').map((p) => p.trim());
      const bad = parts.find((p) => !(values as readonly string[]).includes(p));
      if (raw.trim() === '' || bad !== undefined)
        return { error: `must list one or more of ${values.join(', ')}, separated by commas` };
      return { value: [...new Set(parts)] as T[] };
    },
    format: (value) => value.join(','),
  };
}

/** What parsing a URL gave: the full state and a notice per value that was not used as given. */
export interface Parsed<S extends Spec> {
  state: StateOf<S>;
  notices: string[];
}

/**
 * Rules between fields that no single codec can check (a step inside the sequence, a gate the cell has): make a parsed
 * state consistent in place and return a notice for each change the reader should hear about.
 * @param given the fields the URL set (so a default that merely does not fit can change silently)
 */
export type Reconcile<S extends Spec> = (state: StateOf<S>, given: ReadonlySet<string>) => string[];

/** How many ignored repeats of a parameter a notice quotes before saying "and N more". */
const QUOTED_REPEATS = 3;

/** The URL side of one widget's state: parse from and write to query parameters under its namespace. */
export interface UrlState<S extends Spec> {
  readonly namespace: string;
  readonly spec: S;
  defaults(): StateOf<S>;
  /** Parse, then reconcile: every field from its first value in `params` (or its default), with notices. */
  parse(params: URLSearchParams): Parsed<S>;
  /** Set (or, for defaults, remove) this widget's parameters on `params`, leaving others' untouched. */
  write(state: StateOf<S>, params: URLSearchParams): void;
  /** Read from `location.search`. */
  read(): Parsed<S>;
  /**
   * Read from `location.search` for a widget starting up; when anything was not used as given (a notice), write the
   * state actually used back into the URL, so the address shows what the widget shows and a shared link does too.
   */
  load(): Parsed<S>;
  /** Write into the current URL with `history.replaceState` (no new history entries). */
  save(state: StateOf<S>): void;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What a state table may add to its fields. */
export interface UrlStateOptions<S extends Spec> {
  /** The rules between fields, applied after every parse. */
  reconcile?: Reconcile<S>;
}

/** Every URL state built on this page, by namespace: what a host's `unrolled:set-state` is checked against. */
const byNamespace = new Map<string, UrlState<Spec>>();

/** The URL state built under `namespace` on this page, if any. */
export function urlStateOf(namespace: string): UrlState<Spec> | undefined {
  return byNamespace.get(namespace);
}

/** Build the URL state of a widget from its table; `namespace` prefixes every key (`namespace.field`). */
export function urlState<S extends Spec>(
  namespace: string,
  spec: S,
  { reconcile = () => [] }: UrlStateOptions<S> = {},
): UrlState<S> {
  const key = (name: string): string => `${namespace}.${name}`;
  const defaults = (): StateOf<S> =>
    Object.fromEntries(Object.entries(spec).map(([name, f]) => [name, structuredClone(f.default)])) as StateOf<S>;

  const parse = (params: URLSearchParams): Parsed<S> => {
    const state = defaults() as Record<string, unknown>;
    const notices: string[] = [];
    const given = new Set<string>();
    for (const [name, f] of Object.entries(spec)) {
      const [raw, ...repeats] = params.getAll(key(name));
      if (raw === undefined) continue;
      given.add(name);
      if (repeats.length > 0) notices.push(repeatNotice(key(name), raw, repeats));
      const parsed = f.codec.parse(raw);
      if ('error' in parsed) notices.push(`“${key(name)}=${shown(raw)}” ${parsed.error}; using the default instead.`);
      else state[name] = parsed.value;
    }
    notices.push(...reconcile(state as StateOf<S>, given));
    return { state: state as StateOf<S>, notices };
  };

  const write = (state: StateOf<S>, params: URLSearchParams): void => {
    for (const [name, f] of Object.entries(spec)) {
      const value = (state as Record<string, unknown>)[name];
      if (same(value, f.default)) params.delete(key(name));
      else params.set(key(name), f.codec.format(value));
    }
  };

  const read = (): Parsed<S> => parse(new URLSearchParams(location.search));
  const save = (state: StateOf<S>): void => {
    const url = new URL(location.href);
    write(state, url.searchParams);
    if (url.href === location.href) return;
    try {
      history.replaceState(history.state, '', url);
    } catch {
      // A browser may refuse in a sandboxed frame: the widget works on, only its address lags behind.
    }
    // For whoever follows the state (an embed page tells its host: hostMessages.ts).
    const detail: StateEventDetail = { namespace, search: url.search };
    window.dispatchEvent(new CustomEvent(STATE_EVENT, { detail }));
  };

  const built: UrlState<S> = {
    namespace,
    spec,
    defaults,
    parse,
    write,
    read,
    save,
    load() {
      const parsed = read();
      if (parsed.notices.length > 0) save(parsed.state);
      return parsed;
    },
  };
  byNamespace.set(namespace, built);
  return built;
}

/** The notice for a parameter given more than once: the first value is read (as `URLSearchParams.get` does). */
function repeatNotice(key: string, first: string, repeats: readonly string[]): string {
  const quoted = repeats.slice(0, QUOTED_REPEATS).map((raw) => `“${shown(raw)}”`);
  const more = repeats.length - quoted.length;
  const ignored =
    more > 0
      ? `${quoted.join(', ')} and ${more} more`
      : quoted.length > 1
        ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
        : quoted[0];
  return `“${key}” is in the address ${repeats.length + 1} times; reading the first, “${shown(first)}”, and ignoring ${ignored}.`;
}
