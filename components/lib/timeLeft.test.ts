import { describe, expect, it } from 'vitest';
import { roundTimeLeft, TimeLeft, timeLeftText } from './timeLeft';

/**
 * A scripted char-model run as the page sees it: 2,000 steps at 64 ms each, a first step of 800 ms (compiling), an
 * evaluation every 100 steps that takes 1.5 s, a sample every 4 s that takes 0.3 s, and a progress message every
 * 250 ms of training time (one after each evaluation too, as the worker sends). Returns each message's
 * (step, elapsedMs) and the true time left at it.
 */
function scriptedRun(): { step: number; elapsedMs: number; trueLeftMs: number }[] {
  const maxSteps = 2000;
  const messages: { step: number; elapsedMs: number }[] = [];
  let t = 0;
  let lastPost = 0;
  let nextSample = 4000;
  for (let step = 1; step <= maxSteps; step++) {
    t += step === 1 ? 800 : 64;
    if (t >= nextSample) {
      t += 300;
      nextSample = t + 4000;
    }
    if (step % 100 === 0) t += 1500;
    if (t - lastPost >= 250 || step % 100 === 0 || step === maxSteps) {
      messages.push({ step, elapsedMs: t });
      lastPost = t;
    }
  }
  return messages.map((m) => ({ ...m, trueLeftMs: t - m.elapsedMs }));
}

/** The worker's own estimate: per message, pace = 0.7 × previous + 0.3 × the stretch since the last message. */
function workerEstimates(messages: { step: number; elapsedMs: number }[]): (number | null)[] {
  let pace: number | null = null;
  let from: { step: number; elapsedMs: number } | null = null;
  return messages.map((m) => {
    if (from && m.step > from.step) {
      const stretch = (m.elapsedMs - from.elapsedMs) / (m.step - from.step);
      pace = pace === null ? stretch : 0.7 * pace + 0.3 * stretch;
    }
    from = m;
    return pace === null ? null : (2000 - m.step) * pace;
  });
}

describe('TimeLeft', () => {
  const run = scriptedRun();

  it('reproduces the swing of the per-message estimate it replaces (the learner saw 11 min 43 s at step 101)', () => {
    const worker = workerEstimates(run);
    const i = run.findIndex((m) => m.step === 101);
    // Right after an evaluation the per-message pace counts the evaluation's 1.5 s against a few steps.
    expect(worker[i]! / run[i].trueLeftMs).toBeGreaterThan(2);
  });

  /** Run the estimator as the widget does: a checkpoint at each evaluation's message, an estimate at every message. */
  function estimates(estimator: TimeLeft): (number | null)[] {
    return run.map((m) => {
      if (m.step % 100 === 0) estimator.add(m.step, m.elapsedMs);
      return estimator.remainingMs(2000, m.step);
    });
  }

  it('says nothing before the second evaluation, then stays within 10% of the true time left', () => {
    const shown = estimates(new TimeLeft());
    let worst = 0;
    run.forEach((m, i) => {
      const left = shown[i];
      // The stretch up to the first evaluation holds the warm-up: the pace is measured from there.
      if (m.step < 200) return expect(left).toBeNull();
      expect(left).not.toBeNull();
      // In the last 20 s a few seconds either way is what matters.
      if (m.trueLeftMs > 20_000) worst = Math.max(worst, Math.abs(left! - m.trueLeftMs) / m.trueLeftMs);
      else expect(Math.abs(left! - m.trueLeftMs)).toBeLessThan(3000);
    });
    expect(worst).toBeLessThan(0.1);
  });

  it('does not swing: it only falls between evaluations, and moves by less than 5 s at each', () => {
    const shown = estimates(new TimeLeft());
    let largestRise = 0;
    run.forEach((m, i) => {
      const [before, now] = [shown[i - 1], shown[i]];
      if (before === null || before === undefined || now === null) return;
      if (m.step % 100 === 0) largestRise = Math.max(largestRise, Math.abs(now - before));
      else expect(now).toBeLessThanOrEqual(before);
    });
    expect(largestRise).toBeLessThan(5000);
    // Where the learner saw "11 min 43 s" and "4 min 22 s": nothing yet, then the true 1 min 59 s.
    const at = (step: number) => run.findIndex((m) => m.step === step);
    expect(shown[at(101)]).toBeNull();
    expect(run[at(600)].trueLeftMs).toBeCloseTo(119_000, -3);
    expect(timeLeftText(shown[at(600)]!)).toBe('about 2 min left');
  });

  it('follows a pace that changes (the machine got busy) within a few half-lives', () => {
    const estimator = new TimeLeft({ halfLifeMs: 10_000 });
    let t = 0;
    for (let step = 100; step <= 1000; step += 100) estimator.add(step, (t += 1000)); // 100 steps/s
    expect(estimator.stepsPerSecond()).toBeCloseTo(100, 6);
    for (let step = 1100; step <= 1500; step += 100) estimator.add(step, (t += 4000)); // 25 steps/s for 20 s
    // Two half-lives after the change the old stretches weigh a quarter: much nearer the new pace than the old.
    expect(estimator.stepsPerSecond()!).toBeGreaterThan(25);
    expect(estimator.stepsPerSecond()!).toBeLessThan(40);
  });

  it('ignores updates out of order and repeated ones, and starts over on reset', () => {
    const estimator = new TimeLeft({ minSteps: 0, minElapsedMs: 0 });
    // The first checkpoint only marks where the measuring starts (after the warm-up).
    estimator.add(50, 9000);
    expect(estimator.stepsPerSecond()).toBeNull();
    expect(estimator.remainingMs(200)).toBeNull();
    estimator.add(100, 14_000);
    expect(estimator.remainingMs(200, 150)).toBeCloseTo(5000, 6);
    estimator.add(100, 14_000);
    estimator.add(90, 15_000);
    expect(estimator.stepsPerSecond()).toBeCloseTo(10, 9);
    expect(estimator.remainingMs(200)).toBeCloseTo(10_000, 6);
    estimator.reset();
    expect(estimator.stepsPerSecond()).toBeNull();
    expect(estimator.remainingMs(200)).toBeNull();
  });
});

describe('timeLeftText', () => {
  it('rounds more coarsely as the time grows', () => {
    expect(roundTimeLeft(42_400)).toBe(40_000);
    expect(roundTimeLeft(93_000)).toBe(90_000);
    expect(roundTimeLeft(262_000)).toBe(260_000);
    expect(roundTimeLeft(703_000)).toBe(690_000);
    expect(roundTimeLeft(1_500_000)).toBe(1_500_000);
  });
  it('says it in words', () => {
    expect(timeLeftText(4000)).toBe('a few seconds left');
    expect(timeLeftText(42_400)).toBe('about 40 s left');
    expect(timeLeftText(93_000)).toBe('about 1 min 30 s left');
    expect(timeLeftText(262_000)).toBe('about 4 min 20 s left');
    expect(timeLeftText(703_000)).toBe('about 11 min 30 s left');
    expect(timeLeftText(3_900_000)).toBe('about 1 h 5 min left');
  });
});
