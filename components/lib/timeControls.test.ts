// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clampStep, TimeControls } from './timeControls';

const key = (k: string, target: Element = document.body): KeyboardEvent => {
  const event = new KeyboardEvent('keydown', { key: k, cancelable: true });
  Object.defineProperty(event, 'target', { value: target });
  return event;
};

describe('TimeControls', () => {
  let seen: number[];
  let playing: boolean[];
  const make = (extra: Partial<ConstructorParameters<typeof TimeControls>[0]> = {}): TimeControls =>
    new TimeControls({
      label: 'Time step',
      min: 1,
      max: 4,
      value: 1,
      onChange: (t) => seen.push(t),
      onPlayingChange: (p) => playing.push(p),
      interval: () => 100,
      ...extra,
    });

  beforeEach(() => {
    seen = [];
    playing = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('clamps steps to whole numbers in range', () => {
    expect(clampStep(7, 1, 4)).toBe(4);
    expect(clampStep(-2, 1, 4)).toBe(1);
    expect(clampStep(2.6, 1, 4)).toBe(3);
  });

  it('steps with the buttons and reports each move, not moves past the ends', () => {
    const c = make();
    const [prev, , next] = c.element.querySelectorAll('button');
    expect(prev.getAttribute('aria-disabled')).toBe('true');
    prev.click();
    next.click();
    next.click();
    expect(seen).toEqual([2, 3]);
    expect(c.element.querySelector('.tc-readout')!.textContent).toBe('t = 3 of 4');
    expect(c.element.querySelector('input')!.getAttribute('aria-valuetext')).toBe('t = 3 of 4');
  });

  it('plays to the end and stops, restarting from the first step when played again', () => {
    const c = make();
    c.play();
    expect(c.playing).toBe(true);
    expect(c.element.querySelector('.tc-play')!.getAttribute('aria-label')).toBe('Pause');
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([2, 3, 4]);
    expect(c.playing).toBe(false);
    expect(playing).toEqual([true, false]);
    c.play();
    expect(seen).toEqual([2, 3, 4, 1]);
    vi.advanceTimersByTime(150);
    c.pause();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([2, 3, 4, 1, 2]);
  });

  it('plays backwards when asked, for a backward pass', () => {
    const c = make({ value: 4, direction: -1 });
    c.play();
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([3, 2, 1]);
  });

  it('puts the main step first: Back in a backward pass (then Play, then Forward), as in time order forward', () => {
    const texts = (c: TimeControls): string[] =>
      [...c.element.querySelectorAll('button')].map((b) => `${b.textContent} [${b.getAttribute('aria-label')}]`);
    expect(texts(make({ value: 4, direction: -1 }))).toEqual([
      '◀ Back [Back one step]',
      '◀ Play [Play]',
      'Forward ▶ [Forward one step]',
    ]);
    expect(texts(make())).toEqual(['◀ Back [Back one step]', '▶ Play [Play]', 'Next ▶ [Next step]']);
  });

  it('moves with the slider, pausing playback', () => {
    const c = make();
    c.play();
    const slider = c.element.querySelector('input')!;
    slider.value = '3';
    slider.dispatchEvent(new Event('input'));
    expect(c.playing).toBe(false);
    expect(seen).toEqual([3]);
  });

  it('handles ←/→/Home/End/Space but leaves keys of text fields and buttons alone', () => {
    const c = make();
    expect(c.handleKey(key('ArrowRight'))).toBe(true);
    expect(c.handleKey(key('End'))).toBe(true);
    expect(c.handleKey(key('ArrowLeft'))).toBe(true);
    expect(c.handleKey(key('Home'))).toBe(true);
    expect(seen).toEqual([2, 4, 3, 1]);
    expect(c.handleKey(key(' '))).toBe(true);
    expect(c.playing).toBe(true);
    expect(c.handleKey(key(' ', document.createElement('button')))).toBe(false);
    expect(c.handleKey(key('ArrowRight', document.createElement('input')))).toBe(false);
    expect(c.handleKey(key('x'))).toBe(false);
  });

  it('can leave out playing, for widgets that only step', () => {
    const c = make({ playable: false });
    expect(c.element.querySelector('.tc-play')).toBeNull();
    expect(c.handleKey(key(' '))).toBe(false);
    c.play();
    expect(c.playing).toBe(false);
    expect(c.handleKey(key('ArrowRight'))).toBe(true);
    expect(seen).toEqual([2]);
  });

  it('keeps the step in a new range without reporting it', () => {
    const c = make({ value: 4 });
    c.setRange(1, 2);
    expect(c.value).toBe(2);
    c.setValue(1);
    expect(c.value).toBe(1);
    expect(seen).toEqual([]);
  });
});
