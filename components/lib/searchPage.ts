// Client behaviour of the search page: load Pagefind's UI from the built index and run the query from `?q=`.

interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
type PagefindUIConstructor = new (options: Record<string, unknown>) => PagefindUIInstance;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/** Pagefind's input has only a placeholder; give it a real accessible name once it is rendered. */
function labelSearchInput(host: HTMLElement): void {
  const label = (): boolean => {
    const input = host.querySelector<HTMLInputElement>('.pagefind-ui__search-input');
    input?.setAttribute('aria-label', 'Search the course');
    return input !== null;
  };
  if (label()) return;
  const observer = new MutationObserver(() => {
    if (label()) observer.disconnect();
  });
  observer.observe(host, { childList: true, subtree: true });
}

/** The smallest valid WebAssembly module: the 8-byte header. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Whether this page may compile WebAssembly, which Pagefind's search needs: a Content-Security-Policy without
 * 'wasm-unsafe-eval' in script-src forbids it (and reports one violation for this check).
 */
async function webAssemblyAllowed(): Promise<boolean> {
  if (typeof WebAssembly === 'undefined') return false;
  try {
    await WebAssembly.compile(EMPTY_WASM);
    return true;
  } catch {
    return false;
  }
}

/** Show the search page's notice with `text` instead of the search box. */
function showUnavailable(text: string): void {
  const notice = document.querySelector<HTMLElement>('.search-unavailable');
  if (!notice) return;
  notice.textContent = text;
  notice.removeAttribute('hidden');
}

/** Mount Pagefind's search UI in `#search`; show a notice instead when the index has not been built. */
export async function initSearchPage(): Promise<void> {
  const host = document.querySelector<HTMLElement>('#search');
  if (!host) return;
  const bundle = host.dataset.bundle ?? '/pagefind/';
  // The index holds paths from the build's root; results link under the base path the site is served from.
  const baseUrl = host.dataset.base ?? '/';
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = `${bundle}pagefind-ui.css`;
  document.head.append(css);
  if (!(await webAssemblyAllowed())) {
    showUnavailable(
      "Search needs WebAssembly, which this site's Content-Security-Policy does not allow " +
        "(a host enables it with 'wasm-unsafe-eval' in script-src). Every chapter is listed on the home page.",
    );
    return;
  }
  try {
    await loadScript(`${bundle}pagefind-ui.js`);
  } catch {
    showUnavailable(
      'The search index could not be loaded. It is written by `npm run build` (it does not exist in development ' +
        'mode); on a built site, the network may be down.',
    );
    return;
  }
  const PagefindUI = (window as unknown as { PagefindUI: PagefindUIConstructor }).PagefindUI;
  const ui = new PagefindUI({
    element: '#search',
    bundlePath: bundle,
    baseUrl,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    resetStyles: false,
  });
  labelSearchInput(host);
  const query = new URLSearchParams(location.search).get('q');
  if (query) ui.triggerSearch(query);
}
