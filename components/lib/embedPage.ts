// What an embed page runs beside its widget, first in the widget's classic script (built by scripts/build/): follow
// the system theme unless the embedding page fixed one with `?theme=`, and load KaTeX's fonts if the widget typesets math.
import { loadKatexFonts } from './katexFonts';
import { initEmbedTheme } from './theme';

/** @param options.math whether this widget typesets math (the build knows: its bundle contains KaTeX) */
export function initEmbedPage(options: { math: boolean }): void {
  initEmbedTheme();
  if (options.math) loadKatexFonts(`${import.meta.env.BASE_URL}fonts/katex/`);
}
