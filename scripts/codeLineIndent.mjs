// Shiki transformer: each code line carries its indentation as --indent (in characters), so that on a phone a long line
// wraps with a hanging indent under its own start (src/styles/global.css) instead of running off the column.

/** The text of a hast node. */
function text(node) {
  if (node.type === 'text') return node.value;
  return (node.children ?? []).map(text).join('');
}

/**
 * The transformer for Astro's `markdown.shikiConfig.transformers`.
 * @returns a Shiki transformer whose `line` hook sets `style="--indent: N"` on a line indented by N spaces
 */
export default function codeLineIndent() {
  return {
    name: 'unrolled:code-line-indent',
    line(node) {
      const indent = /^ */.exec(text(node))[0].length;
      node.properties.style = `--indent: ${indent}`;
    },
  };
}
