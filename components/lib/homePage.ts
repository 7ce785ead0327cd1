// Client behaviour of the home page: mark finished chapters and offer to continue where the reader left off.
import { loadProgress } from './progress';

/** Show the reader's progress on the chapter list and retarget the main button to the last chapter read. */
export function initHomePage(): void {
  const progress = loadProgress();
  const cards = [...document.querySelectorAll<HTMLAnchorElement>('.chapter-card[data-slug]')];
  for (const card of cards) {
    const slug = card.dataset.slug ?? '';
    const finished = progress.finished.includes(slug);
    card.toggleAttribute('data-finished', finished);
  }
  const done = cards.filter((c) => c.hasAttribute('data-finished')).length;
  const summary = document.querySelector<HTMLElement>('[data-home-progress]');
  if (summary && done > 0) summary.textContent = `${done} of ${cards.length} chapters finished`;

  const last = cards.find((c) => c.dataset.slug === progress.last);
  const button = document.querySelector<HTMLAnchorElement>('[data-continue]');
  if (last && button) {
    button.setAttribute('href', last.getAttribute('href') ?? '');
    button.textContent = `Continue: ${last.querySelector('.chapter-title')?.firstChild?.textContent?.trim() ?? 'where you left off'}`;
  }
}
