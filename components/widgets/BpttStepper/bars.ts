// Signed bars for a short vector (δ_t and its two terms): one row per unit, a bar growing left (negative) or right
// (positive) from a centre line, and the number beside it, so the sign reads from position and text as well as colour.
import { el } from '../../lib/dom';
import { fmt } from '../../lib/format';

/** Half-widths in percent of the track for each value: |v| / scale, capped at 50%. */
export function barExtents(values: readonly number[], scale: number): number[] {
  const s = scale > 0 && Number.isFinite(scale) ? scale : 1;
  return values.map((v) => (Number.isFinite(v) ? Math.min(1, Math.abs(v) / s) * 50 : 50));
}

/**
 * A list of signed bars with their values.
 * @param values [n]
 * @param scale the |value| that fills half the track (shared by vectors shown side by side)
 * @param label accessible name of the list, e.g. "δ_3 = ∂L/∂h_3"
 */
export function signedBars(values: readonly number[], scale: number, label: string): HTMLElement {
  const widths = barExtents(values, scale);
  return el(
    'ul',
    { class: 'bs-bars', 'aria-label': label },
    ...values.map((v, i) => {
      const w = widths[i].toFixed(1);
      const style = v < 0 ? `right:50%;width:${w}%` : `left:50%;width:${w}%`;
      return el(
        'li',
        {},
        el('span', { class: 'bs-unit' }, `unit ${i + 1}`),
        el(
          'span',
          { class: 'bs-track', 'aria-hidden': 'true' },
          el('span', { class: v < 0 ? 'bs-fill neg' : 'bs-fill pos', style }),
        ),
        el('span', { class: 'bs-value' }, fmt(v)),
      );
    }),
  );
}
