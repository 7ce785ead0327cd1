// Turns task timings into the bench's printed report: per task the time and steps to its target with the
// metrics beside their baselines, the recall table of cells × delays, and the `TASKS {…}` line.
import type { TaskResult } from './runTaskWorkload';

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function metric(name: string, value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return `${name} –`;
  const big = Math.abs(value) >= 100;
  const isRate = /accuracy/i.test(name);
  return `${name} ${isRate ? `${(value * 100).toFixed(1)}%` : value.toFixed(big ? 0 : 3)}`;
}

/** The metrics a workload shows, from an evaluation (`valLoss` included). */
function metrics(result: TaskResult, report: { valLoss: number; metrics: Record<string, number> }): string {
  return result.workload.show.map((k) => metric(k, k === 'valLoss' ? report.valLoss : report.metrics[k])).join(', ');
}

/** One task: its target, when it was met (or why not), the metrics there and the baselines' scores. */
export function formatTaskResult(result: TaskResult): string[] {
  const { workload, reached } = result;
  const lines = [`== ${workload.title}`, `  target: ${workload.target.text}`];
  if (reached) {
    const perStep = (reached.ms - reached.evalMs) / reached.step;
    lines.push(
      `  [met]    step ${reached.step} (epoch ${reached.epoch.toFixed(2)}) after ${secs(reached.ms)}: ` +
        `training ${secs(reached.ms - reached.evalMs)} (${perStep.toFixed(0)} ms/step), ${reached.evaluations} evaluations ${secs(reached.evalMs)}`,
    );
    lines.push(`  there:   ${metrics(result, reached.report)}`);
    if (workload.target.best !== undefined)
      lines.push(`  whole run: ${result.steps} steps in ${secs(result.ms)} (${result.status})`);
  } else {
    lines.push(`  [MISSED] not met in ${result.steps} steps (${secs(result.ms)}); ${result.message ?? result.status}`);
    if (result.best) lines.push(`  best:    ${metrics(result, result.best)} (step ${result.best.step})`);
  }
  const base = workload.show.filter((k) => k in result.baselines);
  if (base.length > 0) lines.push(`  baseline: ${base.map((k) => metric(k, result.baselines[k])).join(', ')}`);
  lines.push(`  (building the task over its data took ${secs(result.setupMs)}, not counted)`);
  for (const line of result.showcase) lines.push(line.startsWith('  ') ? line : `  ${line}`);
  return lines;
}

/**
 * The recall comparison: one row per delay, per cell the steps to the target (or –) and the best
 * validation accuracy seen.
 */
export function formatDelayTable(results: readonly TaskResult[]): string[] {
  const byDelay = new Map<number, TaskResult[]>();
  for (const r of results) {
    const delay = (r.workload.config as { delay?: number }).delay ?? 0;
    byDelay.set(delay, [...(byDelay.get(delay) ?? []), r]);
  }
  const cells = [...new Set(results.map((r) => (r.workload.config as { cell: string }).cell))];
  const header = ['delay', ...cells.map((c) => `${c}: steps to target, best acc, time`)];
  const rows: string[][] = [header];
  for (const [delay, rs] of [...byDelay].sort((a, b) => a[0] - b[0])) {
    rows.push([
      String(delay),
      ...cells.map((c) => {
        const r = rs.find((x) => (x.workload.config as { cell: string }).cell === c);
        if (!r) return '';
        const best = r.reached?.report.metrics.accuracy ?? r.best?.metrics.accuracy;
        const steps = r.reached ? String(r.reached.step) : `– (${r.steps})`;
        return `${steps}, ${best === undefined ? '–' : `${(best * 100).toFixed(1)}%`}, ${secs(r.ms)}`;
      }),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return [
    '== recall after a delay, by cell (800 steps at most, evaluated every 50; chance 12.5%)',
    ...rows.map(
      (row) =>
        '  ' +
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
    ),
  ];
}

/**
 * The machine-readable summary of the task workloads that ran.
 * @returns `TASKS {"char-model": {"reached": true, "steps": 500, "seconds": 95.2}, …}`
 */
export function tasksLine(results: readonly TaskResult[]): string {
  const out: Record<string, { reached: boolean; steps: number; seconds: number }> = {};
  for (const r of results) {
    out[r.workload.id] = {
      reached: r.reached !== null,
      steps: r.reached?.step ?? r.steps,
      seconds: Number(((r.reached?.ms ?? r.ms) / 1000).toFixed(1)),
    };
  }
  return `TASKS ${JSON.stringify(out)}`;
}
