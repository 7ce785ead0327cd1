// The rehype plugin wraps tables and display equations in focusable scroll regions, each with a name of its own.
import { describe, expect, it } from 'vitest';
import rehypeScrollable from './rehypeScrollable.mjs';

type Node = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: Node[] };
const element = (tagName: string, properties: Record<string, unknown> = {}, children: Node[] = []): Node => ({
  type: 'element',
  tagName,
  properties,
  children,
});

describe('rehypeScrollable', () => {
  it('names the regions Table 1, Table 2, Equation 1, … (landmarks need distinct names)', () => {
    const tree: Node = {
      type: 'root',
      children: [
        element('table'),
        element('p', {}, [element('span', { className: ['katex-display'] })]),
        element('table'),
        element('span', { className: ['katex'] }),
      ],
    };
    rehypeScrollable()(tree as never);
    const regions = tree.children!.flatMap((n) => (n.tagName === 'p' ? n.children! : [n]));
    expect(regions.map((n) => n.properties?.ariaLabel ?? n.tagName)).toEqual([
      'Table 1',
      'Equation 1',
      'Table 2',
      'span',
    ]);
    expect(regions[0].properties).toMatchObject({
      className: ['scroll-x', 'table-scroll'],
      tabIndex: 0,
      role: 'region',
    });
    expect(regions[0].children![0].tagName).toBe('table');
  });
});
