// Messages an embed page posts to the page that frames it (a learning platform, a slide deck), so the host can size
// the frame and follow what the reader does: unrolled:ready, unrolled:resize, unrolled:state, unrolled:run-finished,
// unrolled:predict-answered.
// It accepts one message from the host, unrolled:set-state, checked like the address's state, which restarts the
// widget with it. The schema is documented for instructors in content/_embedding.md.
import type { WorkerRunStatus } from '../../engine/worker/protocol';
import { PREDICT_ANSWERED, type PredictAnswered } from './predict';
import { STATE_EVENT, type StateEventDetail, urlStateOf } from './urlState';

/** A widget's state as the address holds it: its parameters without the `<widget>.` prefix, as strings. */
export type WidgetQuery = Record<string, string>;

/** Every message an embed page posts to its parent; `widget` is the widget's URL name (`char-model`). */
export type HostMessage =
  | { type: 'unrolled:ready'; widget: string; state: WidgetQuery; height: number }
  | { type: 'unrolled:resize'; widget: string; height: number }
  | { type: 'unrolled:state'; widget: string; state: WidgetQuery }
  | ({ type: 'unrolled:run-finished'; widget: string } & RunFinished)
  | ({ type: 'unrolled:predict-answered' } & PredictAnswered);

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
 * height changes, `state` whenever the widget writes its state, `run-finished` when its training run ends,
 * `predict-answered` when a Predict question about it (`?predict=<id>`) shows its result beside the reader's answer.
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
  acceptSetState(widget, parent);
  window.addEventListener(RUN_FINISHED_EVENT, (event) => {
    const detail = (event as CustomEvent<{ widget: string } & RunFinished>).detail;
    if (detail.widget === widget) post({ type: 'unrolled:run-finished', ...detail });
  });
  window.addEventListener(PREDICT_ANSWERED, (event) => {
    const detail = (event as CustomEvent<PredictAnswered>).detail;
    if (detail.widget === widget) post({ type: 'unrolled:predict-answered', ...detail });
  });
}

/**
 * What `unrolled:set-state` asks for, as the address of the page would hold it, or why the message is ignored.
 * `state` maps the widget's fields (without the prefix) to values (strings, numbers or booleans as 1/0); fields left
 * out go back to their defaults. Checked like the address: an unknown field or a value the address would refuse
 * rejects the whole message.
 */
export function setStateSearch(widget: string, data: unknown, search: string): { search: string } | { error: string } {
  const message = data as { widget?: unknown; state?: unknown };
  if (message.widget !== widget)
    return { error: `it is for “${String(message.widget)}”, and this page shows ${widget}` };
  const table = urlStateOf(widget);
  if (!table) return { error: `${widget} has no settings` };
  const state = message.state;
  if (typeof state !== 'object' || state === null || Array.isArray(state))
    return { error: 'its state must be an object of settings' };
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(`${widget}.`)) params.delete(key);
  for (const [name, value] of Object.entries(state as Record<string, unknown>)) {
    if (!(name in table.spec)) return { error: `${widget} has no setting “${name}”` };
    if (typeof value === 'boolean') params.set(`${widget}.${name}`, value ? '1' : '0');
    else if (typeof value === 'string' || typeof value === 'number') params.set(`${widget}.${name}`, String(value));
    else return { error: `“${name}” must be a string, number or boolean` };
  }
  const { notices } = table.parse(params);
  if (notices.length > 0) return { error: notices.join(' ') };
  const text = params.toString();
  return { search: text ? `?${text}` : '' };
}

/**
 * Accept `unrolled:set-state` from `parent` for `widget`: write the state into the address, start the widget afresh
 * (its element replaced by a new one, which reads the address as on a first visit), and post `unrolled:state` with the
 * state now shown. Any other `unrolled:`
 * message, or a set-state that does not check out, is ignored with a console warning; other messages are not ours.
 */
export function acceptSetState(widget: string, parent: Window): void {
  window.addEventListener('message', (event) => {
    if (event.source !== parent) return;
    const data = event.data as { type?: unknown } | null;
    if (typeof data !== 'object' || data === null || typeof data.type !== 'string') return;
    if (!data.type.startsWith('unrolled:')) return;
    if (data.type !== 'unrolled:set-state') {
      console.warn(`Unrolled: ignoring the message “${data.type}”: an embed page accepts only unrolled:set-state.`);
      return;
    }
    const result = setStateSearch(widget, data, location.search);
    if ('error' in result) {
      console.warn(`Unrolled: ignoring unrolled:set-state: ${result.error}`);
      return;
    }
    try {
      history.replaceState(history.state, '', `${location.pathname}${result.search}${location.hash}`);
    } catch {
      console.warn('Unrolled: ignoring unrolled:set-state: this frame may not change its address.');
      return;
    }
    const old = document.querySelector('main .widget-frame');
    if (!old) return;
    const fresh = document.createElement(old.localName);
    for (const { name, value } of old.attributes) fresh.setAttribute(name, value);
    old.replaceWith(fresh);
    const state: HostMessage = { type: 'unrolled:state', widget, state: widgetQuery(widget, location.search) };
    parent.postMessage(state, '*');
  });
}
