// A tiny DOM builder for widgets: elements from tag, attributes and children, text always as text (never parsed as HTML).

type Child = Node | string | number | null | undefined | false;

/** Attributes: strings/numbers/booleans become attributes (`false`/`null` omit them); `on*` functions become listeners. */
// A listener may take any Event subtype (KeyboardEvent, InputEvent…); `unknown` would reject those by contravariance.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: any) => void)>;

/** Create an HTML element; string children become text nodes, so reader input can never inject markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

/** A heading tag, h2 to h6. */
export type SubheadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/**
 * The tag for a widget's own section headings: one level below the last heading before `node` in the document (h4
 * under a chapter's h3, h2 under an embed page's h1), so the page's heading order holds wherever the widget is put.
 */
export function subheadingTag(node: Node): SubheadingTag {
  let level = 1;
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
    if (heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING && !heading.contains(node))
      level = Number(heading.tagName[1]);
  return `h${Math.min(6, level + 1)}` as SubheadingTag;
}

/** A math symbol in running text, e.g. `sym('W', 'hh')` for W with subscript hh (styled by `.sym` in global.css). */
export function sym(base: string, index?: string): HTMLElement {
  return el('span', { class: 'sym' }, base, index === undefined ? null : el('sub', {}, index));
}

/** Create an SVG element (same rules as `el`). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

function setAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
}
