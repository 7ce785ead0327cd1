// Every widget's embed page and what shows that it has drawn: its element and selectors that match only after its
// code has run. Specs that open all embed pages (sandboxed iframes, one-file copies, offline) check each with these.
import type { Frame, Page } from 'playwright-core';

/** A widget as its embed page shows it. */
export interface DrawnWidget {
  /** URL name: `/embed/<name>/`. */
  name: string;
  /** Its custom element's tag. */
  tag: string;
  /** Selectors inside the element that exist once it has drawn. */
  ready: string[];
  /** Whether it typesets math, with KaTeX or as MathML by texMathml (either way KaTeX's fonts must load). */
  math: boolean;
}

export const WIDGETS: DrawnWidget[] = [
  { name: 'memory-rule', tag: 'memory-rule', ready: ['.mr-svg', '.mr-table'], math: false },
  { name: 'step-cell', tag: 'step-cell', ready: ['.sc-result'], math: false },
  { name: 'live-equation', tag: 'live-equation', ready: ['.le-diagram', '.katex'], math: true },
  { name: 'unrolling', tag: 'rnn-unrolling', ready: ['.ur-diagram'], math: false },
  { name: 'bptt-stepper', tag: 'bptt-stepper', ready: ['.bs-result', '.bs-math math'], math: true },
  { name: 'gate-inspector', tag: 'gate-inspector', ready: ['.gi-diagram svg', '.gi-chart svg'], math: true },
  { name: 'char-model', tag: 'char-model', ready: ['.cm-status', 'button'], math: false },
  { name: 'gradient-lab', tag: 'gradient-lab', ready: ['.gl-chart-gru svg'], math: false },
  { name: 'normalize-calc', tag: 'normalize-calc', ready: ['.calc-table tbody tr'], math: false },
  { name: 'attention-calc', tag: 'attention-calc', ready: ['.calc-svg', '.calc-table tbody tr'], math: false },
  { name: 'training-lab', tag: 'training-lab', ready: ['.tl-status', '.tl-cost math'], math: false },
  { name: 'forecast-lab', tag: 'forecast-lab', ready: ['.fl-status', '.fl-window-chart svg'], math: false },
  { name: 'attention-lab', tag: 'attention-lab', ready: ['.al-status', '.al-translation'], math: false },
  { name: 'tuning-lab', tag: 'tuning-lab', ready: ['.tl-form', '.tl-status'], math: false },
  { name: 'sentiment-lab', tag: 'sentiment-lab', ready: ['.sl-status', '.sl-code code'], math: false },
  { name: 'teacher-forcing-lab', tag: 'teacher-forcing-lab', ready: ['.tf-status', '.tf-form'], math: false },
];

/** Wait until `widget` has drawn in `where` (a page or a frame); then, for math, until KaTeX's main font has loaded. */
export async function waitForDrawn(where: Page | Frame, widget: DrawnWidget, timeout = 45_000): Promise<void> {
  await where.waitForFunction(
    (selectors) => selectors.every((s) => document.querySelector(s) !== null),
    widget.ready.map((s) => `${widget.tag} ${s}`),
    { timeout },
  );
  if (!widget.math) return;
  await where.waitForFunction(
    () =>
      [...document.fonts].some((face) => face.family.replace(/"/g, '') === 'KaTeX_Main' && face.status === 'loaded'),
    undefined,
    { timeout },
  );
}
