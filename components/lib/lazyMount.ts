// Loads a widget's code only when one of its elements comes near the viewport, so a chapter stays light until read.

/**
 * Define the custom element `tagName` lazily: the module from `load()` (which calls `customElements.define`)
 * is imported the first time any `<tagName>` on the page comes within `rootMargin` of the viewport (200 px: about a
 * second of reading ahead, so a widget is drawn as it scrolls in, while one just below the first screen, as chapter
 * 7's training lab is at 1280 × 900, waits until the reader scrolls).
 * Elements already in the page are upgraded by the browser as soon as the definition arrives.
 */
export function lazyDefine(tagName: string, load: () => Promise<unknown>, rootMargin = '200px 0px'): void {
  const elements = [...document.querySelectorAll(tagName)];
  if (elements.length === 0 || customElements.get(tagName)) return;
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    observer?.disconnect();
    load().catch((error: unknown) => {
      for (const element of elements) {
        const notice = document.createElement('p');
        notice.className = 'widget-notice';
        notice.textContent =
          `This interactive figure could not load (${error instanceof Error ? error.message : String(error)}). ` +
          `Reload the page to try again.`;
        element.replaceChildren(notice);
      }
    });
  };
  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver(
          (entries) => {
            if (entries.some((entry) => entry.isIntersecting)) start();
          },
          { rootMargin },
        )
      : null;
  if (!observer) {
    start();
    return;
  }
  elements.forEach((element) => observer.observe(element));
}
