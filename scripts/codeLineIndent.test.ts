// The Shiki transformer marks each code line with its indentation, for the hanging indent of wrapped lines on a phone.
import { describe, expect, it } from 'vitest';
import codeLineIndent from './codeLineIndent.mjs';

type Node = { type: string; value?: string; properties?: Record<string, unknown>; children?: Node[] };
const line = (...parts: string[]): Node => ({
  type: 'element',
  properties: { className: ['line'] },
  children: parts.map((value) => ({ type: 'element', properties: {}, children: [{ type: 'text', value }] })),
});

describe('codeLineIndent', () => {
  it('sets --indent to the number of leading spaces of the line, across its tokens', () => {
    const transformer = codeLineIndent();
    const nodes = [line('x = 1'), line('    ', 'y = x'), line('  ', '  ', 'z')];
    for (const node of nodes) transformer.line(node);
    expect(nodes.map((n) => n.properties?.style)).toEqual(['--indent: 0', '--indent: 4', '--indent: 4']);
  });
});
