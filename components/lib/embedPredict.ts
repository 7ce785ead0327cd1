// An embed page's Predict question: the page carries, hidden, every chapter question about its widget, and
// `?predict=<id>` shows that one above the widget (answering it posts unrolled:predict-answered to a host, see
// hostMessages.ts). An id the page does not have is said in words, with the ids it has.
import '../prose/predict';

/** The query parameter naming the question to show. */
export const PREDICT_PARAM = 'predict';

/**
 * Show the question `?predict=<id>` names, or a sentence saying there is none by that id.
 * @returns the shown question's box, or null
 */
export function showEmbedQuestion(search: string = location.search): HTMLElement | null {
  const id = new URLSearchParams(search).get(PREDICT_PARAM);
  if (id === null || id === '') return null;
  const boxes = [...document.querySelectorAll<HTMLElement>('[data-predict-question]')];
  const box = boxes.find((b) => b.dataset.predictQuestion === id);
  if (box) {
    box.hidden = false;
    return box;
  }
  const known = boxes.map((b) => b.dataset.predictQuestion).join(', ');
  const notice = document.createElement('p');
  notice.className = 'widget-notice';
  notice.setAttribute('role', 'status');
  notice.textContent =
    `There is no question “${id}” about this widget` +
    (known ? `; its questions are: ${known}.` : '; no chapter asks one about it.');
  document.querySelector('main .widget-frame')?.before(notice);
  return null;
}
