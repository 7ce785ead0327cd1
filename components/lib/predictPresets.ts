// Predict questions answered by a widget whose experiments are presets of its address (`?<widget>.preset=<id>`): the
// widget starts afresh on the preset, as a reader following the question's link would see it, and reports what the
// preset gives, computed by the same model code a unit test checks against the chapter.
import {
  PREDICT_RUN,
  reportPredictResult,
  reportPredictStatus,
  takePendingRequest,
  type PredictResult,
} from './predict';

/**
 * The address `search` with the widget `namespace`'s parameters replaced by `<namespace>.preset=<preset>`.
 * @returns a query string with its `?`, or '' when nothing is left
 */
export function presetSearch(namespace: string, preset: string, search: string): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(`${namespace}.`)) params.delete(key);
  params.set(`${namespace}.preset`, preset);
  return `?${params.toString()}`;
}

/**
 * Start `widget` afresh on its preset `preset`: write it into the address (under `namespace`, its URL name) and replace the element by a new one with
 * the same attributes, which reads the address as on a first visit (the way an embed page applies unrolled:set-state).
 * @returns the new element, or null when the address cannot change (a frame that may not), and the widget is kept
 */
export function restartOnPreset(widget: HTMLElement, namespace: string, preset: string): HTMLElement | null {
  try {
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${presetSearch(namespace, preset, location.search)}${location.hash}`,
    );
  } catch {
    return null;
  }
  const fresh = document.createElement(widget.localName);
  for (const { name, value } of widget.attributes) fresh.setAttribute(name, value);
  widget.replaceWith(fresh);
  return fresh;
}

/**
 * Let `widget` (whose address parameters are `<namespace>.…`) answer the Predict questions about its presets: a
 * request waiting on it now, and each one sent later.
 * `answer` gives a preset's result, or null for a preset the widget does not have (the question is told so).
 * The widget is restarted on the preset, so it shows what the result describes.
 */
export function answerFromPresets(
  widget: HTMLElement,
  namespace: string,
  answer: (preset: string) => PredictResult | null,
): void {
  const take = (): void => {
    const request = takePendingRequest(widget);
    if (!request) return;
    const result = answer(request.preset);
    if (!result) {
      reportPredictStatus({ ...request, text: `This widget has no experiment “${request.preset}”.` });
      return;
    }
    restartOnPreset(widget, namespace, request.preset);
    reportPredictResult({ preset: request.preset, result });
  };
  widget.addEventListener(PREDICT_RUN, take);
  take();
}
