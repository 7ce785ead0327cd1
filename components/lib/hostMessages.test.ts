// @vitest-environment happy-dom
// The messages an embed page posts to its host: a widget's query read from the address, and what is posted when.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceRunFinished, initHostMessages, setStateSearch, widgetQuery, type HostMessage } from './hostMessages';
import { announcePredictAnswered } from './predict';
import { bool, int, urlState } from './urlState';

describe('widgetQuery', () => {
  it('keeps only the widget’s own parameters, without the prefix, and the first of a repeat', () => {
    expect(widgetQuery('step-cell', '?step-cell.t=3&char-model.hidden=64&step-cell.x=1&step-cell.t=4')).toEqual({
      t: '3',
      x: '1',
    });
    expect(widgetQuery('step-cell', '')).toEqual({});
    expect(widgetQuery('step', '?step-cell.t=3')).toEqual({});
  });
});

describe('initHostMessages', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('posts ready with the state, then state whenever the widget saves, and nothing for another widget', () => {
    history.replaceState(null, '', '/embed/step-cell/?step-cell.t=2');
    const posted: HostMessage[] = [];
    const postMessage = vi.fn((message: HostMessage, _target: string) => posted.push(message));
    const parent = { postMessage } as unknown as Window;
    initHostMessages('step-cell', parent);
    expect(posted[0]).toMatchObject({ type: 'unrolled:ready', widget: 'step-cell', state: { t: '2' } });
    expect(typeof (posted[0] as { height: number }).height).toBe('number');

    urlState('step-cell', { t: { codec: int(1, 5), default: 1, doc: '' } }).save({ t: 4 });
    urlState('other', { t: { codec: int(1, 5), default: 1, doc: '' } }).save({ t: 5 });
    expect(posted.slice(1)).toEqual([{ type: 'unrolled:state', widget: 'step-cell', state: { t: '4' } }]);
    expect(postMessage.mock.calls.every((call) => call[1] === '*')).toBe(true);
  });

  it('posts run-finished for its own widget’s run only', () => {
    const posted: HostMessage[] = [];
    const parent = { postMessage: (message: HostMessage) => posted.push(message) } as unknown as Window;
    initHostMessages('char-model', parent);
    announceRunFinished('gradient-lab', { status: 'done', step: 1, loss: 1, valLoss: null });
    announceRunFinished('char-model', { status: 'cancelled', step: 12, loss: 2.5, valLoss: null });
    expect(posted.slice(1)).toEqual([
      { type: 'unrolled:run-finished', widget: 'char-model', status: 'cancelled', step: 12, loss: 2.5, valLoss: null },
    ]);
  });

  it('posts predict-answered for a question about its own widget only', () => {
    const posted: HostMessage[] = [];
    const parent = { postMessage: (message: HostMessage) => posted.push(message) } as unknown as Window;
    initHostMessages('live-equation', parent);
    announcePredictAnswered({ widget: 'step-cell', question: 'saturate-five-five', answer: 'Two', correct: false });
    announcePredictAnswered({ widget: 'live-equation', question: 'relu-zeros', answer: 'Two', correct: true });
    expect(posted.slice(1)).toEqual([
      {
        type: 'unrolled:predict-answered',
        widget: 'live-equation',
        question: 'relu-zeros',
        answer: 'Two',
        correct: true,
      },
    ]);
  });

  it('posts nothing on a page that is not framed', () => {
    const spy = vi.spyOn(window, 'postMessage');
    initHostMessages('step-cell', window);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('setStateSearch', () => {
  // The table a widget builds when its module loads; set-state is checked against it.
  urlState('demo-widget', {
    t: { codec: int(1, 5), default: 1, doc: '' },
    on: { codec: bool(), default: false, doc: '' },
  });
  const search = '?demo-widget.t=2&other.x=1';

  it('replaces the widget’s own settings, keeps others’ parameters, and writes booleans as 1/0', () => {
    expect(setStateSearch('demo-widget', { widget: 'demo-widget', state: { t: 4, on: true } }, search)).toEqual({
      search: '?other.x=1&demo-widget.t=4&demo-widget.on=1',
    });
    expect(setStateSearch('demo-widget', { widget: 'demo-widget', state: {} }, search)).toEqual({
      search: '?other.x=1',
    });
  });

  it('refuses another widget, an unknown setting, a bad value, a value of the wrong kind, or no state object', () => {
    const error = (data: unknown): string => {
      const result = setStateSearch('demo-widget', data, search);
      return 'error' in result ? result.error : 'accepted';
    };
    expect(error({ widget: 'step-cell', state: { t: 2 } })).toMatch(/is for “step-cell”/);
    expect(error({ widget: 'demo-widget', state: { speed: 2 } })).toMatch(/no setting “speed”/);
    expect(error({ widget: 'demo-widget', state: { t: 9 } })).toMatch(/demo-widget\.t=9.*must be from 1 to 5/);
    expect(error({ widget: 'demo-widget', state: { t: [1] } })).toMatch(/must be a string, number or boolean/);
    expect(error({ widget: 'demo-widget', state: 'x' })).toMatch(/must be an object/);
  });
});
