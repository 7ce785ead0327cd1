// @vitest-environment happy-dom
// A widget answering Predict questions from its address presets: the address it writes, the restart, and the result.
import { afterEach, describe, expect, it } from 'vitest';
import { PREDICT_RESULT, PREDICT_STATUS, requestPredictRun, type PredictResult } from './predict';
import { answerFromPresets, presetSearch } from './predictPresets';

describe('presetSearch', () => {
  it('replaces the widget’s own parameters by its preset and keeps the others', () => {
    expect(presetSearch('step-cell', 'five-five', '?step-cell.t=3&gradient-lab.rho=1.2&predict=q')).toBe(
      '?gradient-lab.rho=1.2&predict=q&step-cell.preset=five-five',
    );
    expect(presetSearch('step-cell', 'a b', '')).toBe('?step-cell.preset=a+b');
  });
});

describe('answerFromPresets', () => {
  afterEach(() => {
    history.replaceState(null, '', '/');
    document.body.replaceChildren();
  });

  it('restarts the widget on the preset a question asks for and reports its result; an unknown one is said', () => {
    history.replaceState(null, '', '/how-it-works/?step-cell.t=4#top');
    const connected: HTMLElement[] = [];
    const result: PredictResult = { choice: 2, value: null, summary: 'one unit' };
    if (!customElements.get('demo-cell'))
      customElements.define(
        'demo-cell',
        class extends HTMLElement {
          connectedCallback(): void {
            connected.push(this);
            answerFromPresets(this, 'demo-cell', (preset) => (preset === 'five-five' ? result : null));
          }
        },
      );
    const widget = document.createElement('demo-cell');
    widget.id = 'demo-cell';
    widget.scrollIntoView = () => undefined;
    document.body.append(widget);
    const results: unknown[] = [];
    const statuses: unknown[] = [];
    document.addEventListener(PREDICT_RESULT, (e) => results.push((e as CustomEvent).detail));
    document.addEventListener(PREDICT_STATUS, (e) => statuses.push((e as CustomEvent).detail));

    requestPredictRun('demo-cell', { preset: 'nope', question: 'q0' });
    expect(statuses).toEqual([{ preset: 'nope', question: 'q0', text: 'This widget has no experiment “nope”.' }]);
    expect(connected).toHaveLength(1);

    requestPredictRun('demo-cell', { preset: 'five-five', question: 'q1' });
    expect(results).toEqual([{ preset: 'five-five', result }]);
    expect(location.search).toBe('?step-cell.t=4&demo-cell.preset=five-five');
    expect(location.hash).toBe('#top');
    // A fresh element in the old one's place, with its attributes and without the request.
    expect(connected).toHaveLength(2);
    expect(document.querySelectorAll('demo-cell')).toHaveLength(1);
    expect(connected[1].id).toBe('demo-cell');
    expect(connected[1].hasAttribute('data-predict-request')).toBe(false);
  });
});
