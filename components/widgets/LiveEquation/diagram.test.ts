// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { cellDiagram } from './diagram';
import { TERM_PART } from './tex';

describe('live-equation cell diagram', () => {
  const node = cellDiagram(2, 'relu', (part) => `part ${part}`, 'le');

  it('has one focusable, named part for every part a term maps to', () => {
    const parts = [...node.querySelectorAll('.le-part')];
    expect(new Set(parts.map((p) => p.getAttribute('data-part')))).toEqual(new Set(Object.values(TERM_PART)));
    expect(parts).toHaveLength(new Set(Object.values(TERM_PART)).size);
    for (const p of parts) {
      expect(p.getAttribute('tabindex')).toBe('0');
      expect(p.getAttribute('aria-label')).toBe(`part ${p.getAttribute('data-part')}`);
    }
  });

  it('writes the step into its labels and names the activation', () => {
    expect(node.querySelector('[data-part="hPrev"]')!.textContent).toBe('h1');
    expect(node.querySelector('[data-part="x"]')!.textContent).toBe('x2');
    expect(node.querySelector('[data-part="act"]')!.textContent).toBe('ReLU');
    expect(node.textContent).toContain('to step 3');
    expect(cellDiagram(1, 'tanh', () => '', 'le').querySelector('[data-part="act"]')!.textContent).toBe('tanh');
  });
});
