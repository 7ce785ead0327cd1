// The small protocol between a Predict question in the prose and the widget that runs its experiment: the question asks
// the widget (found by its tag) to run a preset, the widget reports status lines and then the result, as DOM events.
// Any widget can answer questions by handling `PREDICT_RUN` on itself and calling `reportPredictResult`.
import type { PredictResult } from './progress';

export type { PredictResult };

/** Dispatched on the widget element: run this preset for this question. */
export const PREDICT_RUN = 'unrolled:predict-run';
/** Dispatched on `document` by the widget: a line on how the run is going (e.g. "run 1 of 2, step 120 of 300"). */
export const PREDICT_STATUS = 'unrolled:predict-status';
/** Dispatched on `document` by the widget: the runs are over and this is what they show. */
export const PREDICT_RESULT = 'unrolled:predict-result';
/** Dispatched on `window` by a question when its result is shown beside the reader's answer (an embed page tells its
 * host). */
export const PREDICT_ANSWERED = 'unrolled:predict-answered';

/** What PREDICT_ANSWERED carries: the widget and question, the reader's answer (a choice's text or the number), and
 * whether it was right. */
export interface PredictAnswered {
  widget: string;
  question: string;
  answer: string | number;
  correct: boolean;
}

/** Tell whoever follows the page (an embed page's host) that the reader's answer to a question met its result. */
export function announcePredictAnswered(answered: PredictAnswered): void {
  window.dispatchEvent(new CustomEvent<PredictAnswered>(PREDICT_ANSWERED, { detail: answered }));
}

/** What a question asks of a widget. */
export interface PredictRequest {
  /** The preset (the experiment) to run, e.g. `lr-too-high`. */
  preset: string;
  /** The question's id in its chapter. */
  question: string;
}

/** A status line or a result about a preset's runs. */
export interface PredictReport {
  preset: string;
  /** Set when a status line is meant for one question; a result goes to every question about the preset. */
  question?: string;
}

/**
 * The first element of the widget `name` on the page: its tag, or, for a widget whose tag is not its URL name (the
 * unrolling widget is `<rnn-unrolling>`), the element whose shell names it in `data-widget-name`.
 */
export function widgetElement(name: string): Element | null {
  return (
    document.querySelector(name) ??
    [...document.querySelectorAll('[data-widget-name]')].find((e) => e.getAttribute('data-widget-name') === name) ??
    null
  );
}

/** Attribute in which a request waits for a widget whose code has not loaded yet. */
const PENDING = 'data-predict-request';

/**
 * Asks the first element of the widget `tag` (its tag or URL name, see widgetElement) on the page to run
 * `request.preset`, and scrolls it into view (which also loads a lazily loaded widget). A widget that loads later
 * finds the request in an attribute (`takePendingRequest`).
 * @returns false when no such element is on the page
 */
export function requestPredictRun(tag: string, request: PredictRequest): boolean {
  const widget = widgetElement(tag);
  if (!widget) return false;
  widget.setAttribute(PENDING, JSON.stringify(request));
  widget.dispatchEvent(new CustomEvent<PredictRequest>(PREDICT_RUN, { detail: request }));
  widget.scrollIntoView({ block: 'start', behavior: 'smooth' });
  return true;
}

/**
 * A request left on `widget` before its code ran (or not yet handled), removed as it is taken; null when none.
 * A widget calls this when it connects and in its `PREDICT_RUN` listener.
 */
export function takePendingRequest(widget: Element): PredictRequest | null {
  const raw = widget.getAttribute(PENDING);
  widget.removeAttribute(PENDING);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<PredictRequest>;
    return typeof value.preset === 'string' && typeof value.question === 'string'
      ? { preset: value.preset, question: value.question }
      : null;
  } catch {
    return null;
  }
}

/** Tell the questions about `preset` how its runs are going. */
export function reportPredictStatus(report: PredictReport & { text: string }): void {
  document.dispatchEvent(new CustomEvent(PREDICT_STATUS, { detail: report }));
}

/** Tell the questions about `preset` what its finished runs show. */
export function reportPredictResult(report: PredictReport & { result: PredictResult }): void {
  document.dispatchEvent(new CustomEvent(PREDICT_RESULT, { detail: report }));
}

/** Whether the reader's answer is right: the same choice, or a number within `tolerance` (default 10% of the truth). */
export function isRight(
  kind: 'choice' | 'number',
  answer: { choice: number | null; value: number | null },
  truth: { choice: number | null; value: number | null },
  tolerance?: number,
): boolean {
  if (kind === 'choice') return answer.choice !== null && answer.choice === truth.choice;
  if (answer.value === null || truth.value === null) return false;
  return Math.abs(answer.value - truth.value) <= (tolerance ?? Math.abs(truth.value) * 0.1);
}

/**
 * Answer a widget's Predict requests from presets that are worked out on the spot (a calculator's): the request waiting
 * on the widget now, and each one PREDICT_RUN brings later. An unknown preset is said to the question; a known one is
 * handed to `answer`, which shows it in the widget and returns what it shows.
 * @param widget the widget element the requests arrive on
 * @param presets the widget's presets, by id
 * @param noun what the widget is called in the sentence about an unknown preset ("calculator", "widget")
 * @param answer loads the preset into the widget and returns its result `{ choice, value, summary }`
 */
export function answerPresetRequests<P extends { id: string }>(
  widget: HTMLElement,
  presets: readonly P[],
  noun: string,
  answer: (preset: P) => PredictResult,
): void {
  const take = (): void => {
    const request = takePendingRequest(widget);
    if (!request) return;
    const preset = presets.find((p) => p.id === request.preset);
    if (!preset) {
      reportPredictStatus({ ...request, text: `This ${noun} has no example “${request.preset}”.` });
      return;
    }
    reportPredictResult({ preset: preset.id, result: answer(preset) });
  };
  widget.addEventListener(PREDICT_RUN, take);
  take();
}
