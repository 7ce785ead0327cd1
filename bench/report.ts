// Turns timing results into the bench's printed report: per-contestant medians and spread, paired
// ratios against our engine (and the fused loop), the issue's targets, and the BENCH line.
import type { ContestantId } from './contestants/types';
import type { ContestantResult, WorkloadResult } from './runWorkload';
import { pairedRatio, summarize } from './stats';
import { flopsPerStep, workloads, type WorkloadId } from './workloads';

const fmt = (x: number, digits = 2): string => x.toFixed(digits);

function timed(result: WorkloadResult, id: ContestantId): ContestantResult | undefined {
  const r = result.results.find((c) => c.id === id);
  return r && r.times.length > 0 ? r : undefined;
}

/**
 * X's step time over the reference's, paired round by round (how many times faster the
 * reference is), or undefined when either did not run.
 */
export function speedup(result: WorkloadResult, reference: ContestantId, other: ContestantId): number | undefined {
  const ref = timed(result, reference);
  const x = timed(result, other);
  return ref && x ? pairedRatio(x.times, ref.times).median : undefined;
}

/**
 * The table of one workload: median ms/step, interquartile range, GFLOP/s at the median (the step's
 * dense products over its time), speedups of the engine and the fused loop.
 */
export function formatWorkload(result: WorkloadResult): string[] {
  const lines = [`== ${result.workload.title} (${fmt(flopsPerStep(result.workload.model) / 1e6, 1)} MFLOP per step)`];
  const header = [
    'contestant',
    'median ms',
    'p25–p75 ms',
    'GFLOP/s',
    'steps',
    'engine ×',
    'fused ×',
    'first loss',
    'last loss',
  ];
  const rows: string[][] = [header];
  for (const c of result.results) {
    if (c.unavailable || c.times.length === 0) continue;
    const s = summarize(c.times);
    const vs = (ref: ContestantId) => {
      const r = c.id === ref ? undefined : speedup(result, ref, c.id);
      return r === undefined ? '–' : fmt(r);
    };
    rows.push([
      c.id,
      fmt(s.median),
      `${fmt(s.p25)}–${fmt(s.p75)}`,
      fmt(flopsPerStep(result.workload.model) / s.median / 1e6),
      String(s.n),
      vs('engine'),
      vs('fused'),
      c.firstLoss === undefined ? '' : fmt(c.firstLoss, 5),
      c.lastLoss === undefined ? '' : fmt(c.lastLoss, 5),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows)
    lines.push(
      '  ' +
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
    );
  for (const c of result.results) if (c.unavailable) lines.push(`  ${c.id}: ${c.unavailable}`);
  lines.push(
    "  (engine × / fused ×: that contestant's time over the engine's / fused loop's, median of per-round ratios; > 1 means the engine / fused loop is faster)",
  );
  return lines;
}

/** Whether the engine meets each of the workload's targets, with the measured speedup. */
export function formatTargets(result: WorkloadResult): string[] {
  return result.workload.targets.map((target) => {
    const r = speedup(result, 'engine', target.versus);
    if (r === undefined) return `  [n/a]    ${target.text}: engine or ${target.versus} did not run`;
    const shown = target.minSpeedup >= 1 ? `${fmt(r)}× faster` : `${fmt(1 / r)}× its time`;
    return `  [${r >= target.minSpeedup ? 'met' : 'MISSED'}]${r >= target.minSpeedup ? '    ' : ' '}${target.text}: engine ${shown}`;
  });
}

/** A warning when the first-step losses disagree, i.e. contestants did not compute the same thing. */
export function formatLossCheck(result: WorkloadResult, tolerance = 1e-3): string[] {
  const losses = result.results.filter((c) => c.firstLoss !== undefined);
  if (losses.length < 2) return [];
  const ref = losses[0].firstLoss!;
  const off = losses.filter((c) => Math.abs(c.firstLoss! - ref) > tolerance * Math.max(1, Math.abs(ref)));
  return off.length === 0
    ? [
        `  first-step losses agree within ${tolerance} across ${losses.length} contestants (same data, same initial weights)`,
      ]
    : [`  WARNING: first-step losses disagree: ${losses.map((c) => `${c.id} ${fmt(c.firstLoss!, 6)}`).join(', ')}`];
}

/**
 * The last line of the bench: which float32 kernels `engine` ran, then every workload with each contestant's
 * median ms/step, null where it did not run.
 * @returns `BENCH {"kernels": "wasm-simd", "rnn": {"engine_ms": …, …}, "lstm": {…}}`
 */
export function benchLine(results: readonly WorkloadResult[], kernels: string): string {
  const out: { kernels?: string } & Partial<Record<WorkloadId, Record<string, number | null>>> = { kernels };
  for (const workload of workloads) {
    const result = results.find((r) => r.workload.id === workload.id);
    const entry: Record<string, number | null> = {};
    for (const id of workload.contestants) {
      const c = result && timed(result, id);
      entry[`${id}_ms`] = c ? Number(fmt(summarize(c.times).median)) : null;
    }
    out[workload.id] = entry;
  }
  return `BENCH ${JSON.stringify(out)}`;
}
