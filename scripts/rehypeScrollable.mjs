// Rehype plugin: wraps tables and display equations in keyboard-focusable regions that scroll sideways on narrow screens.

/**
 * Tables and display math can be wider than a 360 px phone; rather than letting the page scroll,
 * each gets a wrapper that scrolls by itself and is reachable by keyboard (axe: scrollable-region-focusable).
 * @returns {(tree: import('hast').Root) => void}
 */
export default function rehypeScrollable() {
  return (tree) => {
    // Numbered per page ("Table 1", "Equation 3"): each region is a landmark, and landmarks need distinct names.
    const count = { Table: 0, Equation: 0 };
    walk(tree, count);
  };
}

function walk(node, count) {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    walk(child, count);
    if (child.type !== 'element') return child;
    if (child.tagName === 'table') return wrap(child, 'table-scroll', `Table ${++count.Table}`);
    const classes = child.properties?.className ?? [];
    if (child.tagName === 'span' && classes.includes('katex-display'))
      return wrap(child, 'math-scroll', `Equation ${++count.Equation}`);
    return child;
  });
}

function wrap(element, className, label) {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['scroll-x', className], tabIndex: 0, role: 'region', ariaLabel: label },
    children: [element],
  };
}
