// Shared time controls for widgets where time runs: previous/play-pause/next buttons, a range slider over the steps,
// a position readout, and the ←/→/Home/End/Space keys; playback steps on a timer and stops at the end.
import { el } from './dom';
import './timeControls.css';

/** Options of `TimeControls`. */
export interface TimeControlsOptions {
  /** Accessible name of the slider, e.g. "Time step t". */
  label: string;
  /** First and last step, inclusive (min ≤ max). */
  min: number;
  max: number;
  value: number;
  /** Called when the reader or the playback moves to step `t` (not for `setValue`). */
  onChange: (t: number) => void;
  /** Milliseconds per step while playing; read before each step, so a speed change applies at once. Default 800. */
  interval?: () => number;
  /** Called when playback starts or stops. */
  onPlayingChange?: (playing: boolean) => void;
  /** Which way playback runs: 1 forward (default), −1 backward, e.g. for a backward pass. */
  direction?: 1 | -1;
  /** The readout under the slider; default "t = 3 of 5". */
  format?: (t: number, min: number, max: number) => string;
  /** Offer Play/Pause (and the Space key). Default true; false for widgets that only step. */
  playable?: boolean;
}

/** Clamp `t` into [min, max] as an integer. */
export function clampStep(t: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(t)));
}

/** The controls' DOM and behaviour; put `element` in the widget and forward key events to `handleKey`. */
export class TimeControls {
  readonly element: HTMLElement;
  private readonly opts: Required<Omit<TimeControlsOptions, 'onPlayingChange'>> &
    Pick<TimeControlsOptions, 'onPlayingChange'>;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly playButton: HTMLButtonElement;
  private readonly slider: HTMLInputElement;
  private readonly readout: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private t: number;
  private min: number;
  private max: number;

  constructor(options: TimeControlsOptions) {
    this.opts = {
      interval: () => 800,
      direction: 1,
      format: (t, _min, max) => `t = ${t} of ${max}`,
      playable: true,
      ...options,
    };
    this.min = options.min;
    this.max = Math.max(options.min, options.max);
    this.t = clampStep(options.value, this.min, this.max);
    // Backward (a backward pass), the step back in time is the main action: first, and Next forward becomes Forward.
    const forward = this.opts.direction === 1;
    this.prev = el(
      'button',
      { type: 'button', class: 'button tc-prev', 'aria-label': 'Back one step', onclick: () => this.move(-1) },
      '◀ Back',
    );
    this.next = el(
      'button',
      {
        type: 'button',
        class: 'button tc-next',
        'aria-label': forward ? 'Next step' : 'Forward one step',
        onclick: () => this.move(1),
      },
      forward ? 'Next ▶' : 'Forward ▶',
    );
    this.playButton = el('button', {
      type: 'button',
      class: 'button button-primary tc-play',
      onclick: () => this.toggle(),
    });
    this.slider = el('input', { type: 'range', class: 'tc-slider', 'aria-label': options.label, step: 1 });
    this.slider.addEventListener('input', () => {
      const t = Number(this.slider.value);
      this.pause();
      this.go(t);
    });
    this.readout = el('span', { class: 'tc-readout', 'aria-hidden': 'true' });
    this.element = el(
      'div',
      { class: 'tc', role: 'group', 'aria-label': `${options.label}: controls` },
      el(
        'div',
        { class: 'tc-buttons' },
        ...[this.prev, this.playButton, this.next].filter((b) => b !== this.playButton || this.opts.playable),
      ),
      el('div', { class: 'tc-track' }, this.slider, this.readout),
    );
    this.render();
  }

  /** The current step. */
  get value(): number {
    return this.t;
  }

  /** Whether playback is running. */
  get playing(): boolean {
    return this.timer !== null;
  }

  /** Show step `t` without calling `onChange` (the widget moved on its own). */
  setValue(t: number): void {
    this.t = clampStep(t, this.min, this.max);
    this.render();
  }

  /** Change the range of steps (e.g. a new sequence); the current step is clamped into it. */
  setRange(min: number, max: number): void {
    this.min = min;
    this.max = Math.max(min, max);
    this.t = clampStep(this.t, this.min, this.max);
    this.render();
  }

  /** Start playing from the current step; at the last step it starts over from the first. */
  play(): void {
    if (this.playing || this.min === this.max || !this.opts.playable) return;
    if (this.t === this.end()) this.go(this.start());
    this.schedule();
    this.render();
    this.opts.onPlayingChange?.(true);
  }

  /** Stop playing (the current step stays). */
  pause(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.render();
    this.opts.onPlayingChange?.(false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** One step forward (+1) or back (−1) in time, pausing playback. */
  move(delta: 1 | -1): void {
    this.pause();
    this.go(this.t + delta);
  }

  /**
   * Handle ←/→ (step), Home/End (first/last) and Space (play/pause) for the widget.
   * Keys meant for a focused text field, slider or button (Space) are left alone.
   * @returns whether the key was used (its default is then prevented)
   */
  handleKey(event: KeyboardEvent): boolean {
    const target = event.target as Element | null;
    const tag = target?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || event.altKey || event.ctrlKey || event.metaKey)
      return false;
    let used = true;
    if (event.key === 'ArrowRight') this.move(1);
    else if (event.key === 'ArrowLeft') this.move(-1);
    else if (event.key === 'Home') {
      this.pause();
      this.go(this.min);
    } else if (event.key === 'End') {
      this.pause();
      this.go(this.max);
    } else if (event.key === ' ' && this.opts.playable && tag !== 'BUTTON' && tag !== 'SUMMARY' && tag !== 'A')
      this.toggle();
    else used = false;
    if (used) event.preventDefault();
    return used;
  }

  private start(): number {
    return this.opts.direction === 1 ? this.min : this.max;
  }

  private end(): number {
    return this.opts.direction === 1 ? this.max : this.min;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.go(this.t + this.opts.direction);
      if (this.t === this.end()) {
        this.render();
        this.opts.onPlayingChange?.(false);
      } else {
        this.schedule();
      }
    }, this.opts.interval());
  }

  private go(t: number): void {
    const next = clampStep(t, this.min, this.max);
    if (next === this.t) {
      this.render();
      return;
    }
    this.t = next;
    this.render();
    this.opts.onChange(next);
  }

  private render(): void {
    this.slider.min = String(this.min);
    this.slider.max = String(this.max);
    this.slider.value = String(this.t);
    const text = this.opts.format(this.t, this.min, this.max);
    this.slider.setAttribute('aria-valuetext', text);
    this.readout.textContent = text;
    // aria-disabled rather than disabled, so a button pressed at the end keeps the keyboard focus.
    this.prev.setAttribute('aria-disabled', String(this.t === this.min));
    this.next.setAttribute('aria-disabled', String(this.t === this.max));
    this.playButton.disabled = this.min === this.max;
    this.playButton.textContent = this.playing ? '❚❚ Pause' : this.opts.direction === 1 ? '▶ Play' : '◀ Play';
    this.playButton.setAttribute('aria-label', this.playing ? 'Pause' : 'Play');
  }
}
