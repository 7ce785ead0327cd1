// What an embed page runs beside its widget, first in the widget's classic script (built by scripts/build/): follow
// the system theme unless the embedding page fixed one with `?theme=`, load KaTeX's fonts if the widget typesets math,
// tell a framing page about the widget (hostMessages.ts), show the Predict question `?predict=` names, and in presenter
// mode give the widget the keyboard.
import { showEmbedQuestion } from './embedPredict';
import { initHostMessages } from './hostMessages';
import { loadKatexFonts } from './katexFonts';
import { focusPresentedWidget } from './presenter';
import { initEmbedTheme } from './theme';

/**
 * @param options.widget the widget's URL name (`char-model`)
 * @param options.math whether this widget typesets math (the build knows: its bundle contains KaTeX)
 */
export function initEmbedPage(options: { widget: string; math: boolean }): void {
  initEmbedTheme();
  const question = showEmbedQuestion();
  initHostMessages(options.widget);
  focusPresentedWidget();
  // A question's explanation may typeset math even where the widget does not.
  if (options.math || question?.querySelector('.katex')) loadKatexFonts(`${import.meta.env.BASE_URL}fonts/katex/`);
}
