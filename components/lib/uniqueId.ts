// Page-unique ids for server-rendered components that need them (SVG markers, aria-labelledby targets).
let counter = 0;

/** A fresh id such as `rnn-fig-3`; unique within one build, so unique on every page. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
