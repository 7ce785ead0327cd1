import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { isRight, PREDICT_RUN, requestPredictRun, takePendingRequest } from './predict';

describe('predict', () => {
  it('judges a choice by its index and a number within the tolerance', () => {
    const c = (choice: number | null) => ({ choice, value: null });
    const v = (value: number | null) => ({ choice: null, value });
    expect(isRight('choice', c(1), c(1))).toBe(true);
    expect(isRight('choice', c(0), c(1))).toBe(false);
    expect(isRight('choice', c(null), c(null))).toBe(false);
    expect(isRight('number', v(105), v(100))).toBe(true);
    expect(isRight('number', v(111), v(100))).toBe(false);
    expect(isRight('number', v(111), v(100), 20)).toBe(true);
  });

  it('leaves a request on a widget that has not loaded, and hands it over once', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    const g = globalThis as { document?: Document; CustomEvent: typeof CustomEvent };
    const nodeCustomEvent = g.CustomEvent;
    g.document = doc;
    g.CustomEvent = window.CustomEvent as unknown as typeof CustomEvent;
    try {
      const widget = doc.createElement('training-lab');
      widget.scrollIntoView = () => undefined;
      doc.body.append(widget);
      const heard: unknown[] = [];
      widget.addEventListener(PREDICT_RUN, (e) => heard.push((e as CustomEvent).detail));
      expect(requestPredictRun('gradient-lab', { preset: 'x', question: 'q' })).toBe(false);
      expect(requestPredictRun('training-lab', { preset: 'lr-too-high', question: 'lr' })).toBe(true);
      expect(heard).toEqual([{ preset: 'lr-too-high', question: 'lr' }]);
      expect(takePendingRequest(widget)).toEqual({ preset: 'lr-too-high', question: 'lr' });
      expect(takePendingRequest(widget)).toBeNull();
      widget.setAttribute('data-predict-request', '{"preset":3}');
      expect(takePendingRequest(widget)).toBeNull();
      // A widget whose tag is not its URL name is found by the name its shell gives.
      const unrolling = doc.createElement('rnn-unrolling');
      unrolling.setAttribute('data-widget-name', 'unrolling');
      unrolling.scrollIntoView = () => undefined;
      doc.body.append(unrolling);
      expect(requestPredictRun('unrolling', { preset: 'hello-second-l', question: 'q' })).toBe(true);
      expect(takePendingRequest(unrolling)).toEqual({ preset: 'hello-second-l', question: 'q' });
    } finally {
      delete g.document;
      g.CustomEvent = nodeCustomEvent;
    }
  });
});
