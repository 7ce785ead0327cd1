// A births generator trained with teacher forcing, free running or a schedule between them, then run free: it reads
// `warmup` true days (normalised births, optionally the weekday), then predicts each next day from the one before,
// in training fed the true day with probability ratio and its own (detached) prediction otherwise; tested free
// running from origins across a held-out year, with the error measured at each generated step.
import { noGrad } from '../../autodiff/gradMode';
import { fitScaler, splitByYear, standardize, type BirthRecord, type Scaler } from '../../data/timeseries';
import { mseLoss } from '../../losses';
import { concat } from '../../ops/shape';
import { Rng } from '../../random';
import { Tensor } from '../../tensor';
import { allFinite, makeOptimizer, optimizeStep } from '../common';
import { checkedConfig } from '../config';
import { RecurrentNet } from '../model';
import type { EvalReport, StepReport, Task } from '../task';
import { parseTeacherForcingConfig, TEACHER_FORCING_DEFAULTS, type TeacherForcingConfig } from './teacherForcingConfig';

/** The series: consecutive daily records (`decodeBirths` of `/data/us-births.json`). */
export interface TeacherForcingData {
  records: readonly BirthRecord[];
}

/** The free-running test of a generator on the held-out year, in births per day. */
export interface GenerationReport {
  year: number;
  /** Generated runs measured: one from every `stride`-th day of the year that leaves room for `horizon` days. */
  origins: number;
  stride: number;
  /** [horizon] mean absolute error at each generated step (step 1 is the day after the warm-up), free running. */
  freeRunning: number[];
  /** [horizon] the same days predicted one step ahead, each from the true days before it (teacher forced). */
  oneStep: number[];
  /** One generated run beside the truth: the first origin's days. */
  example: { dates: string[]; actual: number[]; generated: number[] };
}

/** The generator task, with its free-running test on top of the Task contract. */
export interface TeacherForcingTask extends Task {
  readonly name: 'teacher-forcing';
  readonly scaler: Scaler;
  /** The teacher forcing ratio the next training step uses. */
  ratio(): number;
  /** Free-running and one-step errors at each generated step on the test year (the lab's chart). */
  generationReport(): GenerationReport;
}

/** Days between the origins of the test's generated runs. */
const STRIDE = 7;

/**
 * Builds the generator. The loss is the MSE of normalised births over the `horizon` generated steps of each window
 * (the warm-up's predictions are not scored, so every regime is scored on the same days). The ratio goes in a
 * straight line from `teacherForcing` at step 1 to `teacherForcingEnd` at `maxSteps`; each input of each sequence
 * is drawn on its own (scheduled sampling), and a fed-back prediction is detached, as PyTorch's
 * `decoder_input = output.detach()`: the gradient does not flow through it.
 * Metrics, in births per day: `mae` (free running over the horizon, validation year), `testMae` (the same on the
 * test year), `testMaeFirstWeek` and `testMaeLastWeek` (its first and last 7 steps) and `testMaeOneStep` (the same
 * days predicted from true inputs). valLoss is the free-running normalised MSE on the validation year.
 * @throws RangeError naming the setting when the config is outside TEACHER_FORCING_BOUNDS or does not fit the series
 */
export function createTeacherForcingTask(settings: TeacherForcingConfig, data: TeacherForcingData): TeacherForcingTask {
  const name = 'teacher-forcing';
  const config = checkedConfig(name, parseTeacherForcingConfig(settings));
  const D = TEACHER_FORCING_DEFAULTS;
  const {
    cell,
    hiddenSize,
    warmup,
    horizon,
    batchSize,
    teacherForcing,
    teacherForcingEnd = teacherForcing,
    maxSteps,
    numLayers = D.numLayers,
    dropout = D.dropout,
    nonlinearity = D.nonlinearity,
    trainFraction = D.trainFraction,
    weekdays = D.weekdays,
    validationYear = D.validationYear,
    testYear = D.testYear,
  } = config;
  const { records } = data;
  const years = splitByYear(records, { validationYear, testYear });
  const [from, to] = years.train;
  const trainStart = to - Math.max(1, Math.round((to - from) * trainFraction));
  const births = records.map((r) => r.births);
  const scaler = fitScaler(births, years.train);
  const series = standardize(births, scaler);
  const F = weekdays ? 8 : 1;
  const span = warmup + horizon;

  /** Origins (first generated day) whose warm-up and horizon lie inside [start, end) but for a warm-up reaching back. */
  const originsIn = ([start, end]: readonly [number, number], stride: number): number[] => {
    const out: number[] = [];
    for (let t = Math.max(start, warmup); t + horizon <= end; t += stride) out.push(t);
    return out;
  };
  // Training windows lie wholly before the validation year; the first origin needs its warm-up inside the slice.
  const trainOrigins = originsIn([trainStart, to], 1).filter((t) => t - warmup >= trainStart);
  const validationOrigins = originsIn(years.validation, STRIDE);
  const testOrigins = originsIn(years.test, STRIDE);
  if (trainOrigins.length < batchSize)
    throw new RangeError(
      `${name}: ${trainOrigins.length} training windows of ${span} days are fewer than a batch of ${batchSize}`,
    );
  if (testOrigins.length === 0 || validationOrigins.length === 0)
    throw new RangeError(`${name}: a horizon of ${horizon} days does not fit in the validation and test years`);

  const rng = new Rng(config.seed);
  const model = new RecurrentNet({
    input: { kind: 'dense', inputSize: F },
    cell,
    hiddenSize,
    numLayers,
    dropout,
    nonlinearity,
    outputSize: 1,
    rng,
  });
  const params = model.parameters();
  const optimizer = makeOptimizer(config.optimizer ?? 'adam', params, config.learningRate, config.momentum);

  /** Writes day `day`'s input for sequence n of N into time-major slot k of x: its births (or `value`) and weekday. */
  const put = (x: Float32Array, k: number, n: number, N: number, day: number, value = series[day]): void => {
    const o = (k * N + n) * F;
    x[o] = value;
    if (weekdays) x[o + records[day].weekday] = 1;
  };

  /**
   * Reads the warm-up, then generates `horizon` days for each origin; step s's input is the true day when
   * `useTruth(n, s)` says so, else the prediction of it.
   * @returns the predictions [N, horizon] (normalised), as one tensor with its graph when gradients are recorded
   */
  const generate = (origins: readonly number[], useTruth: (n: number, s: number) => boolean): Tensor => {
    const N = origins.length;
    const x = new Float32Array(warmup * N * F);
    for (let n = 0; n < N; n++) for (let k = 0; k < warmup; k++) put(x, k, n, N, origins[n] - warmup + k);
    let { state } = model.run(model.encode(x, warmup, N), null);
    const outputs: Tensor[] = [];
    for (let s = 0; ; s++) {
      const y = model.fc.forward(model.top(state)); // [N, 1]: day origin + s
      outputs.push(y);
      if (s === horizon - 1) break;
      const z = y.data;
      const step = new Float32Array(N * F);
      for (let n = 0; n < N; n++) {
        const day = origins[n] + s;
        put(step, 0, n, N, day, useTruth(n, s) ? series[day] : z[n]);
      }
      state = model.run(model.encode(step, 1, N), state).state;
    }
    return concat(outputs, 1);
  };

  let stepCount = 0;
  const ratio = (): number =>
    maxSteps <= 1
      ? teacherForcing
      : teacherForcing + ((teacherForcingEnd - teacherForcing) * stepCount) / (maxSteps - 1);

  let order: number[] = [];
  let next = 0;
  const shuffle = (): void => {
    order = trainOrigins.slice();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    next = 0;
  };
  const targetsOf = (origins: readonly number[]): Float32Array => {
    const y = new Float32Array(origins.length * horizon);
    origins.forEach((t, n) => y.set(series.subarray(t, t + horizon), n * horizon));
    return y;
  };

  const step = (): StepReport => {
    if (next + batchSize > order.length) shuffle();
    const batch = order.slice(next, next + batchSize);
    next += batchSize;
    const p = ratio();
    const draws = Float64Array.from({ length: batchSize * horizon }, () => (p >= 1 ? 0 : p <= 0 ? 1 : rng.next()));
    const predicted = generate(batch, (n, s) => draws[n * horizon + s] < p);
    const loss = mseLoss(predicted, new Tensor(targetsOf(batch), [batchSize, horizon]));
    const gradNorm = optimizeStep(loss, params, optimizer, config.clip);
    stepCount++;
    return { loss: loss.item(), gradNorm };
  };

  /** Per-step absolute errors in births per day, averaged over the origins: [horizon]. */
  const errorsByStep = (origins: readonly number[], predicted: ArrayLike<number>): number[] => {
    const out = new Array<number>(horizon).fill(0);
    origins.forEach((t, n) => {
      for (let s = 0; s < horizon; s++)
        out[s] += Math.abs(predicted[n * horizon + s] * scaler.std + scaler.mean - births[t + s]);
    });
    return out.map((e) => e / origins.length);
  };
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  /** Runs with the model in eval mode and without recording gradients. */
  const evaluating = <T>(f: () => T): T => {
    model.eval();
    try {
      return noGrad(f);
    } finally {
      model.train();
    }
  };
  const free = (origins: readonly number[]): Float32Array => Float32Array.from(generate(origins, () => false).data);
  const forced = (origins: readonly number[]): Float32Array => Float32Array.from(generate(origins, () => true).data);

  const evaluate = (): EvalReport =>
    evaluating(() => {
      const val = free(validationOrigins);
      const target = targetsOf(validationOrigins);
      let se = 0;
      for (let i = 0; i < val.length; i++) se += (val[i] - target[i]) ** 2;
      const testFree = errorsByStep(testOrigins, free(testOrigins));
      const week = Math.min(7, horizon);
      return {
        valLoss: se / val.length,
        metrics: {
          mae: mean(errorsByStep(validationOrigins, val)),
          testMae: mean(testFree),
          testMaeFirstWeek: mean(testFree.slice(0, week)),
          testMaeLastWeek: mean(testFree.slice(-week)),
          testMaeOneStep: mean(errorsByStep(testOrigins, forced(testOrigins))),
        },
      };
    });

  const generationReport = (): GenerationReport =>
    evaluating(() => {
      const generated = free(testOrigins);
      const first = testOrigins[0];
      return {
        year: testYear,
        origins: testOrigins.length,
        stride: STRIDE,
        freeRunning: errorsByStep(testOrigins, generated),
        oneStep: errorsByStep(testOrigins, forced(testOrigins)),
        example: {
          dates: records.slice(first, first + horizon).map((r) => r.date),
          actual: births.slice(first, first + horizon),
          generated: Array.from(generated.subarray(0, horizon), (z) => z * scaler.std + scaler.mean),
        },
      };
    });

  return {
    name,
    scaler,
    stepsPerEpoch: Math.max(1, Math.floor(trainOrigins.length / batchSize)),
    step,
    evaluate,
    ratio,
    generationReport,
    setLearningRate(lr: number): void {
      optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
