// The bounds of a task's settings and the one parser that checks a config against them: the worker's message
// check, the task's own check, the trainer's and a widget's URL table all read the same table of bounds.
import { CELL_TYPES, NONLINEARITIES, OPTIMIZERS, type BaseTaskConfig, type RecurrentModelConfig } from './task';

/** A whole number from `min` to `max` (`max` may be Infinity). */
export interface IntBound {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}

/** A finite number from `min` to `max`; `above` / `below` leave the end itself out (a learning rate is above 0). */
export interface NumberBound {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly above?: boolean;
  readonly below?: boolean;
}

/** One of a list of strings. */
export interface ChoiceBound<T extends string = string> {
  readonly kind: 'choice';
  readonly values: readonly T[];
}

/** true or false. */
export interface FlagBound {
  readonly kind: 'flag';
}

/** What one setting may be. */
export type Bound = IntBound | NumberBound | ChoiceBound | FlagBound;

/** The kind of bound a value type takes: numbers an int or number bound, strings a choice, booleans a flag. */
type BoundFor<V> = [V] extends [boolean]
  ? FlagBound
  : [V] extends [number]
    ? IntBound | NumberBound
    : [V] extends [string]
      ? ChoiceBound<V>
      : never;

/**
 * A bound per setting of config C (every key but `task`), the compiler checking that none is missing and that
 * each optional setting (one that may be absent) says `optional: true` and no required one does.
 */
export type ConfigBounds<C> = {
  readonly [K in Exclude<keyof C, 'task'>]-?: BoundFor<Exclude<C[K], undefined>> &
    (object extends Pick<C, K> ? { readonly optional: true } : { readonly optional?: false });
};

/** Bounds by setting name, as a parser walks them. */
export type BoundTable = Readonly<Record<string, Bound & { readonly optional?: boolean }>>;

/** The answer of a config parser: the typed config, or the first setting that is wrong and a sentence naming it. */
export type ConfigResult<C> = { ok: true; config: C } | { ok: false; field: string; error: string };

/**
 * The settings every task shares. The generous upper ends only stop a wild value (a typo, a hand-edited
 * message) before it starts a computation that cannot finish; a widget offers a narrower range of its own.
 */
export const BASE_BOUNDS = {
  seed: { kind: 'int', min: -(2 ** 31), max: 2 ** 32 - 1 },
  learningRate: { kind: 'number', min: 0, max: 100, above: true },
  clip: { kind: 'number', min: 0, max: Infinity, optional: true },
  maxSteps: { kind: 'int', min: 1, max: 10_000_000 },
  evalEvery: { kind: 'int', min: 1, max: 10_000_000 },
  patience: { kind: 'int', min: 0, max: 1_000_000, optional: true },
  optimizer: { kind: 'choice', values: OPTIMIZERS, optional: true },
  momentum: { kind: 'number', min: 0, max: 1, below: true, optional: true },
  restoreBest: { kind: 'flag', optional: true },
  trainFraction: { kind: 'number', min: 0, max: 1, above: true, optional: true },
} as const satisfies ConfigBounds<BaseTaskConfig>;

/** The bounds of the recurrent model's settings, the same for every task. */
export const MODEL_BOUNDS = {
  cell: { kind: 'choice', values: CELL_TYPES },
  hiddenSize: { kind: 'int', min: 1, max: 1024 },
  numLayers: { kind: 'int', min: 1, max: 4, optional: true },
  dropout: { kind: 'number', min: 0, max: 1, below: true, optional: true },
  nonlinearity: { kind: 'choice', values: NONLINEARITIES, optional: true },
} as const satisfies ConfigBounds<RecurrentModelConfig>;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Invisible characters that would hide or reorder the text around them (controls, bidi marks, line separators). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * A value as an error sentence quotes it: JSON, at most 40 characters, with invisible characters written as
 * `\uXXXX` so that a right-to-left mark in a bad value cannot reverse the sentence around it.
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol' || typeof value === 'bigint') return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = 'an object that cannot be written as JSON';
  }
  if (text.length > 40) text = `${text.slice(0, 39)}…`;
  return text.replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What a bound allows, as the end of a sentence: "a whole number from 1 to 1024", "a number above 0 and at most 100". */
export function describeBound(bound: Bound): string {
  switch (bound.kind) {
    case 'int':
      return bound.max === Infinity
        ? `a whole number of at least ${bound.min}`
        : `a whole number from ${bound.min} to ${bound.max}`;
    case 'number': {
      if (!bound.above && !bound.below && bound.max !== Infinity) return `a number from ${bound.min} to ${bound.max}`;
      const lower = `${bound.above ? 'above' : 'at least'} ${bound.min}`;
      if (bound.max === Infinity) return `a number ${lower}`;
      return `a number ${lower} and ${bound.below ? 'below' : 'at most'} ${bound.max}`;
    }
    case 'choice':
      return `one of ${bound.values.join(', ')}`;
    case 'flag':
      return 'true or false';
  }
}

/** Whether `value` is within `bound`. */
export function withinBound(bound: Bound, value: unknown): boolean {
  switch (bound.kind) {
    case 'int':
      return Number.isInteger(value) && (value as number) >= bound.min && (value as number) <= bound.max;
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (bound.above ? value > bound.min : value >= bound.min) &&
        (bound.below ? value < bound.max : value <= bound.max)
      );
    case 'choice':
      return typeof value === 'string' && bound.values.includes(value);
    case 'flag':
      return typeof value === 'boolean';
  }
}

/**
 * The first setting of `settings` outside its bound, with a sentence naming it ("hiddenSize must be a whole
 * number from 1 to 1024, got 5000"), or null when all are within. An optional setting may be absent (undefined).
 */
export function checkSettings(
  bounds: BoundTable,
  settings: Readonly<Record<string, unknown>>,
): { field: string; error: string } | null {
  for (const [name, bound] of Object.entries(bounds)) {
    const value = settings[name];
    if (value === undefined && bound.optional) continue;
    if (!withinBound(bound, value))
      return { field: name, error: `${name} must be ${describeBound(bound)}, got ${shown(value)}` };
  }
  return null;
}

/**
 * Rules between settings every task shares: momentum needs an optimizer that has one (SGD or RMSprop; Adam's is β₁),
 * and only the plain RNN takes a nonlinearity other than tanh (PyTorch's LSTM and GRU have no such argument).
 */
function sharedRules(config: Readonly<Record<string, unknown>>): { field: string; error: string } | null {
  const optimizer = typeof config.optimizer === 'string' ? config.optimizer : 'adam';
  if (typeof config.momentum === 'number' && config.momentum > 0 && optimizer === 'adam')
    return {
      field: 'momentum',
      error: `momentum applies to sgd and rmsprop, not adam (whose momentum is its beta1), got ${config.momentum}`,
    };
  if (config.nonlinearity === 'relu' && config.cell !== undefined && config.cell !== 'rnn')
    return {
      field: 'nonlinearity',
      error: `nonlinearity relu applies to the rnn cell only (the ${typeof config.cell === 'string' ? config.cell : 'gated'} cell has fixed nonlinearities)`,
    };
  return null;
}

/**
 * Checks an untrusted value against a task's bounds: an object whose `task` is `task`, every required setting
 * present, every setting within its bound, no setting the task does not know, the rules every task shares (momentum
 * needs SGD or RMSprop, ReLU needs the plain RNN), and then `check`, for the task's own rules between settings (it
 * returns the sentence, or null). Never throws.
 * @returns a fresh config holding only the task's settings, or the first problem with the setting it names
 */
export function parseConfig<C extends BaseTaskConfig>(
  task: C['task'],
  bounds: ConfigBounds<C> & BoundTable,
  raw: unknown,
  check?: (config: C) => { field: string; error: string } | null,
): ConfigResult<C> {
  if (!isObject(raw)) return { ok: false, field: 'config', error: `a ${task} config must be an object` };
  if (raw.task !== task) return { ok: false, field: 'task', error: `task must be ${task}, got ${shown(raw.task)}` };
  for (const key of Object.keys(raw)) {
    if (key !== 'task' && !(key in bounds)) return { ok: false, field: key, error: `${key} is not a ${task} setting` };
  }
  const problem = checkSettings(bounds, raw);
  if (problem) return { ok: false, ...problem };
  const config: Record<string, unknown> = { task };
  for (const key of Object.keys(bounds)) if (raw[key] !== undefined) config[key] = raw[key];
  const typed = config as C;
  const rule = sharedRules(config) ?? check?.(typed);
  return rule ? { ok: false, ...rule } : { ok: true, config: typed };
}

/**
 * A task's config checked by its parser, for the task's own constructor.
 * @throws RangeError "<task>: <sentence naming the setting>" when the config is outside its bounds
 */
export function checkedConfig<C>(task: string, result: ConfigResult<C>): C {
  if (!result.ok) throw new RangeError(`${task}: ${result.error}`);
  return result.config;
}
