// Number formatting shared by widgets: fixed decimals with a true minus sign, vectors in brackets, durations in words.

/** Format a number with `digits` decimals and a typographic minus (−0.250); negative zero prints as 0. */
export function fmt(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const s = (Object.is(Math.round(x * 10 ** digits), -0) ? 0 : x).toFixed(digits);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** Format a vector as `[0.500, −0.250]`. */
export function fmtVector(v: readonly number[], digits = 3): string {
  return `[${v.map((x) => fmt(x, digits)).join(', ')}]`;
}

/** Format a factor in a product, parenthesised when negative: `(−0.3)`. */
export function fmtFactor(x: number, digits = 3): string {
  const s = fmt(x, digits);
  return x < 0 ? `(${s})` : s;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Format a number of any size in scientific notation with `digits` decimals: 5.6 × 10⁻¹⁷, −2.5 × 10¹³; 0 as `0`. */
export function fmtSci(x: number, digits = 1): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return fmt(x);
  const [mantissa, exponent] = x.toExponential(digits).split('e');
  const sup = String(Number(exponent))
    .replace('-', '⁻')
    .replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
  return `${mantissa.replace('-', '−')} × 10${sup}`;
}

/** "1 min 20 s", "45 s", "under a second". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return 'under a second';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
