// The toy task the gate-inspector's networks were trained on: read numbers, remember the one at the marked step.
// Pure data: a step is a value and a mark, encoded as the input x_t = [value, mark]; targets say what to report.

/** One input step: a value in [−1, 1] and whether it is marked "remember this". */
export interface Step {
  value: number;
  marked: boolean;
}

/** inputSize of every network in the widget: x_t = [value, mark]. */
export const INPUT_SIZE = 2;

/** Range of a step's value. */
export const VALUE_MIN = -1;
export const VALUE_MAX = 1;

/** Which target a network learns: causal ones can only know marks they have read; bidirectional ones see the whole sequence. */
export type TargetKind = 'latest-so-far' | 'latest-in-sequence';

/**
 * The input sequence as numbers, time-major.
 * @returns [T · INPUT_SIZE] x_t = [value, mark] for t = 1..T
 */
export function encodeSteps(steps: readonly Step[]): number[] {
  return steps.flatMap((s) => [s.value, s.marked ? 1 : 0]);
}

/**
 * What the network should report at each step: the value of the latest marked step it could know about
 * (up to t for 'latest-so-far', anywhere in the sequence for 'latest-in-sequence'), 0 while there is none.
 * @returns [T]
 */
export function targets(steps: readonly Step[], kind: TargetKind): number[] {
  let last = 0;
  if (kind === 'latest-in-sequence') {
    for (const s of steps) if (s.marked) last = s.value;
    return steps.map(() => last);
  }
  return steps.map((s) => {
    if (s.marked) last = s.value;
    return last;
  });
}

/** A source of uniform numbers in [0, 1) (the engine's Rng in training). */
export interface Uniform {
  next(): number;
}

/**
 * A random training sequence: values uniform in [−1, 1]; no mark in 10% of sequences, otherwise 1 mark, or
 * (with `maxMarks` 2, in a third of them) 2 marks, at distinct random steps.
 * @param T the sequence length (≥ 2)
 */
export function randomSequence(T: number, rng: Uniform, maxMarks: 1 | 2 = 2): Step[] {
  const steps: Step[] = Array.from({ length: T }, () => ({
    value: VALUE_MIN + (VALUE_MAX - VALUE_MIN) * rng.next(),
    marked: false,
  }));
  const u = rng.next();
  const marks = u < 0.1 ? 0 : maxMarks === 2 && u > 0.7 ? 2 : 1;
  let placed = 0;
  while (placed < marks) {
    const t = Math.floor(rng.next() * T);
    if (steps[t].marked) continue;
    steps[t].marked = true;
    placed++;
  }
  return steps;
}
