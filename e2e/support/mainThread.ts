// Measuring the page's main thread in browser tests: long tasks by the wall clock (PerformanceObserver), and the CPU
// time of the longest task from a Chromium trace, which does not count time the OS gave other processes.
import type { Page } from 'playwright-core';

/** A long task as the page's observer saw it. */
export interface LongTask {
  start: number;
  duration: number;
}

/** Record every long task (over 50 ms) on the main thread from the first script on, into `window.longTasks`. */
export const recordLongTasks = (page: Page): Promise<unknown> =>
  page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });

/** The long tasks recorded between two `performance.now()` readings of the page. */
export const longTasksBetween = (page: Page, from: number, to: number): Promise<LongTask[]> =>
  page.evaluate(
    ([a, b]) =>
      (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter(
        (t) => t.start >= a && t.start <= b,
      ),
    [from, to],
  );

/**
 * The CPU time (not wall time) of the longest task the page's main thread ran, from a Chromium trace recorded with
 * the `disabled-by-default-devtools.timeline` category, and how many tasks it saw.
 */
export function longestMainThreadCpuMs(trace: Buffer): { longest: number; tasks: number } {
  const events = (
    JSON.parse(trace.toString('utf8')) as {
      traceEvents: { name: string; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[];
    }
  ).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events.filter((e) => e.tid === main?.tid && e.name === 'RunTask' && e.tdur !== undefined);
  return { longest: Math.max(...tasks.map((e) => e.tdur! / 1000)), tasks: tasks.length };
}
