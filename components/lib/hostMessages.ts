// Messages an embed page posts to the page that frames it (a learning platform, a slide deck), so the host can size
// the frame and follow what the reader does: unrolled:ready, unrolled:resize, unrolled:state, unrolled:run-finished.
// The schema is documented for instructors in content/_embedding.md; nothing here reads what the host sends.
import type { WorkerRunStatus } from '../../engine/worker/protocol';

/** A widget's state as the address holds it: its parameters without the `<widget>.` prefix, as strings. */
export type WidgetQuery = Record<string, string>;

/** Every message an embed page posts to its parent; `widget` is the widget's URL name (`char-model`). */
export type HostMessage =
  | { type: 'unrolled:ready'; widget: string; state: WidgetQuery; height: number }
  | { type: 'unrolled:resize'; widget: string; height: number }
  | { type: 'unrolled:state'; widget: string; state: WidgetQuery }
  | ({ type: 'unrolled:run-finished'; widget: string } & RunFinished);

/** How a training run ended, as a widget announces it: its last status, step and losses (null before any). */
export interface RunFinished {
  status: Exclude<WorkerRunStatus, 'loading' | 'running' | 'paused'>;
  step: number;
  loss: number | null;
  valLoss: number | null;
}

/** The name of the window event announceRunFinished() dispatches. */
export const RUN_FINISHED_EVENT = 'unrolled:run-finished';

/** Tell whoever follows the widget `widget` (an embed page's host) that its training run ended. */
export function announceRunFinished(widget: string, run: RunFinished): void {
  window.dispatchEvent(new CustomEvent(RUN_FINISHED_EVENT, { detail: { widget, ...run } }));
}

/** The name of the window event urlState's save() dispatches after a widget's state changes. */
export const STATE_EVENT = 'unrolled:url-state';

/** What STATE_EVENT carries: the namespace that changed and the whole query string it is now part of. */
export interface StateEventDetail {
  namespace: string;
  search: string;
}

/** The parameters of `search` under `namespace.`, keyed without the prefix: `?a.t=3&b.x=1` → `{ t: '3' }` for `a`. */
export function widgetQuery(namespace: string, search: string): WidgetQuery {
  const prefix = `${namespace}.`;
  const query: WidgetQuery = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.startsWith(prefix) && !(key.slice(prefix.length) in query)) query[key.slice(prefix.length)] = value;
  }
  return query;
}

/** The height the frame needs to show `main` without a scroll bar: its bottom edge plus the body's bottom margin. */
export function contentHeight(main: HTMLElement): number {
  const margin = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
  return Math.ceil(main.getBoundingClientRect().bottom + window.scrollY + margin);
}

/**
 * Post the host messages for the widget `widget` on this embed page, when it is framed: `ready` now (the embed bundle
 * calls this after the widget's module has defined its element, which builds it), `resize` whenever the content's
 * height changes, `state` whenever the widget writes its state, `run-finished` when its training run ends.
 * The target origin is `*`: the host is not known in advance (often a sandboxed frame's parent), and the messages
 * carry nothing the frame's own address does not already show.
 */
export function initHostMessages(widget: string, parent: Window = window.parent): void {
  if (parent === window) return;
  const post = (message: HostMessage): void => parent.postMessage(message, '*');
  const main = document.querySelector<HTMLElement>('main') ?? document.body;
  let height = contentHeight(main);
  post({ type: 'unrolled:ready', widget, state: widgetQuery(widget, location.search), height });
  new ResizeObserver(() => {
    const now = contentHeight(main);
    if (now === height) return;
    height = now;
    post({ type: 'unrolled:resize', widget, height });
  }).observe(main);
  window.addEventListener(STATE_EVENT, (event) => {
    const detail = (event as CustomEvent<StateEventDetail>).detail;
    if (detail.namespace === widget)
      post({ type: 'unrolled:state', widget, state: widgetQuery(widget, detail.search) });
  });
  window.addEventListener(RUN_FINISHED_EVENT, (event) => {
    const detail = (event as CustomEvent<{ widget: string } & RunFinished>).detail;
    if (detail.widget === widget) post({ type: 'unrolled:run-finished', ...detail });
  });
}
