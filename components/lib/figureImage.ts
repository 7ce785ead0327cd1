// An image of a widget's current figure, for slides: its largest chart or diagram as a standalone SVG file (colours
// and fonts written into it, so it looks the same outside the page, on the page's background), or, for a widget whose
// figure is HTML (marked `data-figure`), a PNG drawn from it.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The smallest drawing, in CSS pixels on each side, that counts as a figure (not an icon or a legend swatch). */
const MIN_SIDE = 60;

/** The properties written into each SVG element's style, so the file needs none of the page's stylesheets. */
const SVG_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
];

/** A widget's figure: an SVG drawing, or an HTML element drawn as a PNG. */
export type Figure = { kind: 'svg'; element: SVGSVGElement } | { kind: 'png'; element: HTMLElement };

/** The area an element takes on the page now, in CSS pixels (0 when hidden). */
const area = (element: Element): number => {
  const box = element.getBoundingClientRect();
  return box.width >= MIN_SIDE && box.height >= MIN_SIDE ? box.width * box.height : 0;
};

/**
 * The figure of `widget` as the reader sees it now: its largest visible SVG drawing (not nested in another), else its
 * element marked `data-figure`, else null (the widget has no figure to save).
 */
export function findFigure(widget: HTMLElement): Figure | null {
  const drawings = [...widget.querySelectorAll('svg')].filter((s) => !s.parentElement?.closest('svg') && area(s) > 0);
  drawings.sort((a, b) => area(b) - area(a));
  if (drawings[0]) return { kind: 'svg', element: drawings[0] };
  const marked = widget.querySelector<HTMLElement>('[data-figure]');
  return marked && area(marked) > 0 ? { kind: 'png', element: marked } : null;
}

/** The page's background behind `element`: the first ancestor's opaque background colour, else white. */
export function backgroundOf(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

/** Copy `properties` (all of them when omitted) of each element's computed style into its twin's style attribute. */
function inlineStyles(original: Element, copy: Element, properties?: readonly string[]): void {
  const style = getComputedStyle(original);
  const names = properties ?? [...style];
  const declarations = names.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';');
  copy.setAttribute('style', declarations);
  const children = original.children;
  const copies = copy.children;
  for (let i = 0; i < children.length && i < copies.length; i += 1) inlineStyles(children[i], copies[i], properties);
}

/** A standalone SVG document of `drawing` as it looks now, on `background`. */
export function svgFile(drawing: SVGSVGElement, background = backgroundOf(drawing)): string {
  const box = drawing.getBoundingClientRect();
  const copy = drawing.cloneNode(true) as SVGSVGElement;
  inlineStyles(drawing, copy, SVG_PROPERTIES);
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  copy.setAttribute('xmlns', SVG_NS);
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const paper = document.createElementNS(SVG_NS, 'rect');
  const view = copy.viewBox.baseVal;
  for (const [name, value] of Object.entries({ x: view.x, y: view.y, width: view.width, height: view.height }))
    paper.setAttribute(name, String(value));
  paper.setAttribute('fill', background);
  copy.insertBefore(paper, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/**
 * A PNG of the HTML element `figure` as it looks now, at `scale` times its CSS size: the element with every computed
 * style written in, inside an SVG `<foreignObject>`, drawn on a canvas. Rejects when the browser refuses to draw it.
 */
export async function pngFile(figure: HTMLElement, scale = 2, background = backgroundOf(figure)): Promise<Blob> {
  const box = figure.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const copy = figure.cloneNode(true) as HTMLElement;
  inlineStyles(figure, copy);
  copy.style.margin = '0';
  const holder = document.createElement('div');
  holder.setAttribute('xmlns', 'http://www.w3.org/1999/xhtml');
  holder.setAttribute('style', `background:${background};width:${width}px;height:${height}px`);
  holder.append(copy);
  const markup =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}"><foreignObject width="100%" height="100%">` +
    `${new XMLSerializer().serializeToString(holder)}</foreignObject></svg>`;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gave no canvas to draw on');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'),
  );
}

/** The figure of `widget` as a file to save: its name ends in `.svg` or `.png`. */
export async function figureFile(figure: Figure, name: string): Promise<{ blob: Blob; filename: string }> {
  if (figure.kind === 'svg')
    return { blob: new Blob([svgFile(figure.element)], { type: 'image/svg+xml' }), filename: `${name}.svg` };
  return { blob: await pngFile(figure.element), filename: `${name}.png` };
}
