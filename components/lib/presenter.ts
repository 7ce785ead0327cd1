// Presenter mode for a lecture hall projector: `?present` on an embed page shows the widget alone in the window,
// everything scaled up (type, lines, controls; CSS zoom, so charts lay themselves out again at the larger size), and
// the widget takes the keyboard at once, so the arrow keys step it without a click. `?present=2` sets the scale.

/** The scale `?present` alone gives. */
export const DEFAULT_PRESENT_SCALE = 1.5;
/** The scales `?present=<n>` accepts. */
export const PRESENT_SCALE_RANGE = { min: 1, max: 3 } as const;

/**
 * The presenter scale a query string asks for: null without `present`, the default for `?present` (or `present=1`),
 * the number for `?present=2`, and the default with a reason for anything else.
 */
export function presentScale(search: string): { scale: number; notice?: string } | null {
  const raw = new URLSearchParams(search).get('present');
  if (raw === null) return null;
  if (raw === '' || raw === '1' || raw === 'true') return { scale: DEFAULT_PRESENT_SCALE };
  const value = Number(raw);
  const { min, max } = PRESENT_SCALE_RANGE;
  if (raw.trim() !== '' && Number.isFinite(value) && value > min && value <= max) return { scale: value };
  return {
    scale: DEFAULT_PRESENT_SCALE,
    notice: `“present=${raw.slice(0, 20)}” must be a scale above ${min} and up to ${max}; using ${DEFAULT_PRESENT_SCALE}.`,
  };
}

/** Before first paint, on an embed page (`<html data-embed>`): mark the page for presenter mode if the address asks. */
export function applyPresenterMode(root: HTMLElement = document.documentElement): void {
  if (!root.hasAttribute('data-embed')) return;
  const asked = presentScale(location.search);
  if (!asked) return;
  root.dataset.present = '';
  root.style.setProperty('--present-scale', String(asked.scale));
  if (asked.notice) console.warn(`Unrolled: ${asked.notice}`);
}

/** Once the widget is built: give it the keyboard, so the presenter's arrow keys step it from the start. */
export function focusPresentedWidget(): void {
  if (!document.documentElement.hasAttribute('data-present')) return;
  const widget = document.querySelector<HTMLElement>('main .widget-frame');
  if (!widget) return;
  if (!widget.hasAttribute('tabindex')) widget.tabIndex = -1;
  widget.focus({ preventScroll: true });
}
