// The two listings of the sentiment lab, PyTorch and the course's engine: side by side where the lab is wide, as two
// tabs where it is not (arrow keys move between tabs); each a scrollable, focusable region with the lines the
// reader's settings changed marked, and a link to download the PyTorch script.
import { copyButton } from '../../lib/copyCode';
import { el } from '../../lib/dom';
import { uniqueId } from '../../lib/uniqueId';
import { engineListing, pythonListing, type Listing, type ListingSettings } from './listings';

/** Side by side from this width of the lab (two listings of about 100 columns each need it). */
const SIDE_BY_SIDE_PX = 1100;

const TABS = [
  { id: 'python', name: 'PyTorch', file: 'sentiment_rnn.py' },
  { id: 'engine', name: 'This course’s engine', file: 'sentimentRnn.ts' },
] as const;

/** The tab row and the two listings; `update` rewrites both for new settings. */
export class ListingsPanel {
  readonly element: HTMLElement;
  private readonly tabs: HTMLButtonElement[];
  private readonly panes: HTMLElement[];
  private readonly codes: HTMLElement[];
  private observer: ResizeObserver | null = null;

  /** @param scriptHref where the site serves the PyTorch script, for its download link */
  constructor(settings: ListingSettings, scriptHref: string) {
    const base = uniqueId('sl-listing');
    this.tabs = TABS.map((tab, i) =>
      el(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `${base}-tab-${tab.id}`,
          class: 'sl-tab',
          'aria-controls': `${base}-pane-${tab.id}`,
          onclick: () => this.select(i),
          onkeydown: (event: KeyboardEvent) => this.onTabKey(event, i),
        },
        tab.name,
      ),
    );
    this.codes = TABS.map(() => el('code', {}));
    this.panes = TABS.map((tab, i) =>
      el(
        'div',
        {
          class: 'sl-pane',
          role: 'tabpanel',
          id: `${base}-pane-${tab.id}`,
          'aria-labelledby': `${base}-tab-${tab.id}`,
        },
        // The copy button sits in the title row, outside the scrolling code, so it never covers a line.
        el(
          'div',
          { class: 'sl-pane-head' },
          el(
            'p',
            { class: 'sl-pane-title' },
            el('code', {}, tab.file),
            i === 0 ? ' (PyTorch)' : ' (what this lab runs)',
          ),
          copyButton(() => this.codes[i].textContent ?? '', this.codes[i], `the ${tab.name} listing`),
        ),
        el(
          'pre',
          { class: 'sl-code scroll-cue', tabindex: 0, role: 'region', 'aria-label': `${tab.name} listing (scrolls)` },
          this.codes[i],
        ),
      ),
    );
    this.element = el(
      'section',
      { class: 'sl-listings', 'aria-label': 'The model in PyTorch and in this course’s engine' },
      el('div', { class: 'sl-tablist', role: 'tablist', 'aria-label': 'Listing' }, ...this.tabs),
      el('div', { class: 'sl-panes' }, ...this.panes),
      el(
        'p',
        { class: 'sl-note' },
        'Marked lines are the settings you changed. ',
        el('a', { href: scriptHref, download: 'sentiment_rnn.py' }, 'Download the whole PyTorch script'),
        ' (it also saves the file this lab loads).',
      ),
    );
    this.update(settings);
    this.select(0);
  }

  /** Follow the lab's width: both panes at once when wide, one tab at a time when narrow. */
  observe(): void {
    this.observer = new ResizeObserver(([entry]) => {
      const wide = entry.contentRect.width >= SIDE_BY_SIDE_PX;
      if (wide === this.element.classList.contains('sl-wide')) return;
      this.element.classList.toggle('sl-wide', wide);
      this.codes.forEach((_, k) => this.scrollToSettings(k));
    });
    this.observer.observe(this.element);
  }

  disconnect(): void {
    this.observer?.disconnect();
  }

  update(settings: ListingSettings): void {
    this.render(0, pythonListing(settings));
    this.render(1, engineListing(settings));
  }

  private render(i: number, listing: Listing): void {
    const lines = listing.lines.map((line, k) =>
      listing.changed.has(k) || k === listing.settingsLine
        ? el('span', { class: listing.changed.has(k) ? 'sl-line sl-changed' : 'sl-line' }, line, '\n')
        : `${line}\n`,
    );
    this.codes[i].replaceChildren(...lines);
    requestAnimationFrame(() => this.scrollToSettings(i));
  }

  /** Scroll a listing's own box (never the page) to its first changed line, or to its settings block. */
  private scrollToSettings(i: number): void {
    const code = this.codes[i];
    const target = code.querySelector<HTMLElement>('.sl-changed') ?? code.querySelector<HTMLElement>('.sl-line');
    const pre = code.parentElement;
    // A hidden tab has no layout (offsetTop 0): it scrolls when it is shown.
    if (target && pre && target.offsetTop > 0) pre.scrollTop = Math.max(0, target.offsetTop - 24);
  }

  private select(i: number): void {
    this.tabs.forEach((tab, k) => {
      tab.setAttribute('aria-selected', String(k === i));
      tab.tabIndex = k === i ? 0 : -1;
    });
    this.panes.forEach((pane, k) => pane.classList.toggle('sl-pane-shown', k === i));
    this.scrollToSettings(i);
  }

  /** ←/→ (and Home/End) move between the tabs, as the ARIA tabs pattern asks. */
  private onTabKey(event: KeyboardEvent, i: number): void {
    const last = TABS.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (i + last) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    this.select(to);
    this.tabs[to].focus();
  }
}
