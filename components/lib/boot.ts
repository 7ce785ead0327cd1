// The one script every page runs first, as a classic render-blocking file (`boot.js`, no inline script, so a strict
// Content-Security-Policy allows it): it applies the theme (and an embed page's presenter mode) before first paint, and if a script the page needs cannot
// load, it replaces the widgets' placeholders with the reason instead of leaving them "loading" for ever.
// Built by scripts/build/ with esbuild; it may not import anything that touches the page after it has loaded.

import { applyPresenterMode } from './presenter';

const STORAGE_KEY = 'unrolled:theme';

/** The saved or system theme, or on an embed page (`<html data-embed>`) the embedding page's `?theme=`. */
function chooseTheme(): 'light' | 'dark' {
  const root = document.documentElement;
  const asked = root.hasAttribute('data-embed') ? new URLSearchParams(location.search).get('theme') : null;
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // No storage in a sandboxed iframe or with storage blocked: follow the system.
  }
  const choice = asked === 'light' || asked === 'dark' ? asked : saved;
  if (choice === 'light' || choice === 'dark') return choice;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Put `reason` in every widget placeholder still waiting for its code. */
function explain(reason: string): void {
  const show = (): void => {
    for (const placeholder of document.querySelectorAll<HTMLElement>('.widget-placeholder')) {
      placeholder.textContent = `This interactive figure could not load: ${reason}`;
      placeholder.classList.add('widget-notice');
      placeholder.setAttribute('role', 'status');
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true });
  else show();
}

/** Where a script URL points, shortened to its path for the message. */
const shortUrl = (url: string): string => {
  try {
    return new URL(url, location.href).pathname;
  } catch {
    return url;
  }
};

document.documentElement.dataset.theme = chooseTheme();
applyPresenterMode();

// A script element that fails to load fires `error` on itself (not on window), so listen in the capture phase. On an
// embed page, an exception while the widget's code runs also leaves the placeholder up, so say that too.
window.addEventListener(
  'error',
  (event) => {
    const target = event.target;
    if (target instanceof HTMLScriptElement && target.src) {
      const why =
        window.origin === 'null' && target.type === 'module'
          ? 'this page has no origin (it is in a sandboxed frame), so the browser refused its module script'
          : 'its script did not arrive (the server refused it or the network is down)';
      explain(`${why} (${shortUrl(target.src)}).`);
    } else if (event instanceof ErrorEvent && document.documentElement.hasAttribute('data-embed')) {
      explain(`its code stopped with an error (${event.message}).`);
    }
  },
  true,
);

document.addEventListener('securitypolicyviolation', (event) => {
  if (event.effectiveDirective.startsWith('script-src') || event.effectiveDirective.startsWith('worker-src')) {
    explain(
      `this site's Content-Security-Policy (${event.effectiveDirective}) blocked ${shortUrl(event.blockedURI) || 'a script'}.`,
    );
  }
});
