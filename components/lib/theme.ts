// Light/dark theme: the saved choice wins, otherwise the system preference (and its later changes) is followed.

const STORAGE_KEY = 'unrolled:theme';

/** A theme name, as stored and as set on `<html data-theme>`. */
export type Theme = 'light' | 'dark';

function savedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
  }
  document.dispatchEvent(new CustomEvent('unrolled:themechange', { detail: { theme } }));
}

/** The theme currently shown. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Follow later changes of the system preference while the reader has not chosen a theme; returns the query. */
function followSystem(): MediaQueryList {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', (event) => {
    if (!savedTheme()) apply(event.matches ? 'dark' : 'light');
  });
  return media;
}

/** Wire every `[data-theme-toggle]` button and follow the system preference while the reader has not chosen. */
export function initThemeToggle(): void {
  const media = followSystem();
  apply(savedTheme() ?? (media.matches ? 'dark' : 'light'));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    button.addEventListener('click', () => {
      const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Storage may be blocked (private mode, sandboxed iframe); the toggle still works for this page.
      }
      apply(next);
    });
  }
}

/** On an embed page: keep following the system theme, unless the embedding page fixed one with `?theme=`. */
export function initEmbedTheme(): void {
  const asked = new URLSearchParams(location.search).get('theme');
  if (asked !== 'light' && asked !== 'dark') followSystem();
}
