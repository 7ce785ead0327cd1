// Client behaviour of a chapter page: progress button, last-visited marker, TOC open on wide screens with the current section marked, answers shown in print.
import { loadProgress, setFinished, setLastVisited } from './progress';

function initProgress(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-finish]');
  const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
  if (!button) return;
  const slug = button.dataset.finish ?? '';
  const total = Number(button.dataset.total);
  setLastVisited(slug);
  const render = (finished: boolean, count: number): void => {
    button.setAttribute('aria-pressed', String(finished));
    button.querySelector('.finish-label')!.textContent = finished ? '✓ Finished' : 'Mark chapter as finished';
    if (summary) summary.textContent = `${count} of ${total} chapters finished`;
  };
  const progress = loadProgress();
  render(progress.finished.includes(slug), progress.finished.length);
  button.addEventListener('click', () => {
    const nowFinished = button.getAttribute('aria-pressed') !== 'true';
    const next = setFinished(slug, nowFinished);
    render(nowFinished, next.finished.length);
  });
}

function initToc(): void {
  const details = document.querySelector<HTMLDetailsElement>('[data-toc]');
  if (!details) return;
  const wide = window.matchMedia('(min-width: 1100px)');
  const sync = (): void => {
    if (wide.matches) details.open = true;
  };
  sync();
  wide.addEventListener('change', sync);

  // Mark the section being read: the last heading above the top third of the viewport.
  const links = [...details.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
  const targets = links
    .map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))))
    .filter((el): el is HTMLElement => el !== null);
  let frame = 0;
  const update = (): void => {
    frame = 0;
    const line = window.innerHeight / 3;
    let current = -1;
    targets.forEach((el, i) => {
      if (el.getBoundingClientRect().top < line) current = i;
    });
    links.forEach((link, i) => link.setAttribute('aria-current', String(i === current)));
  };
  window.addEventListener(
    'scroll',
    () => {
      if (!frame) frame = requestAnimationFrame(update);
    },
    { passive: true },
  );
  update();
}

function initPrint(): void {
  // Closed <details> do not print; open every answer for the printout and restore afterwards.
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('details.question:not([open])')];
    opened.forEach((d) => (d.open = true));
  });
  window.addEventListener('afterprint', () => {
    opened.forEach((d) => (d.open = false));
    opened = [];
  });
}

/** Set up everything interactive on a chapter page that is not a widget. */
export function initChapterPage(): void {
  initProgress();
  initToc();
  initPrint();
}
