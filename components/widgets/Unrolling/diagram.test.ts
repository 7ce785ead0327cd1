// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describeStep, foldedDiagram, setUnrolledStep, unrolledDiagram, UNROLLED, type DiagramInput } from './diagram';

const input = (t: number): DiagramInput => ({
  steps: ['h', 'e', 'y'].map((ch, i) => ({
    input: ch,
    h: [0.5 - i, -0.5, 0, 1, -1, 0.2, 0.3, 0.4],
    guess: { label: 'e', p: 0.734 },
  })),
  t,
  color: (v) => (v < 0 ? 'orange' : 'purple'),
  idPrefix: 'u1',
});

describe('unrolling diagrams', () => {
  it('draws one cell per step, with past, current and future steps marked', () => {
    const node = unrolledDiagram(input(2));
    const steps = [...node.querySelectorAll('.ur-step')];
    expect(steps.map((s) => s.getAttribute('class'))).toEqual([
      'ur-step is-past',
      'ur-step is-current',
      'ur-step is-future',
    ]);
    expect(node.getAttribute('width')).toBe(String(UNROLLED.left + 3 * UNROLLED.pitch));
    expect(steps[0].textContent).toContain('e 73%');
    expect(steps[0].querySelectorAll('.ur-unit')).toHaveLength(8);
    expect(steps[1].querySelector('.ur-unit')!.getAttribute('fill')).toBe('orange');
  });

  it('moves to another step without drawing again', () => {
    const node = unrolledDiagram(input(1));
    const first = node.querySelector('.ur-step');
    setUnrolledStep(node, input(3));
    expect(node.querySelector('.ur-step')).toBe(first);
    expect([...node.querySelectorAll('.ur-step')].map((s) => s.getAttribute('class'))).toEqual([
      'ur-step is-past',
      'ur-step is-past',
      'ur-step is-current',
    ]);
    expect(node.querySelector('desc')!.textContent).toContain('Step 3 of 3');
  });

  it('has arrows for x, h and y that the animation can find, and an accessible name and description', () => {
    const node = unrolledDiagram(input(3));
    expect([...node.querySelectorAll('.is-current .ur-flow')].map((e) => e.getAttribute('data-flow'))).toEqual([
      'h',
      'x',
      'y',
    ]);
    expect(node.getAttribute('aria-labelledby')).toBe('u1-title u1-desc');
    expect(node.querySelector('desc')!.textContent).toContain(describeStep(input(3)));
    expect(describeStep(input(3))).toBe(
      'Step 3 of 3: the cell reads “y” and h_2, computes h_3, and its best guess for the next character is “e” (73%).',
    );
  });

  it('folds into one cell showing h_{t−1} on the loop and the text as a tape', () => {
    const node = foldedDiagram(input(2));
    expect(node.querySelectorAll('.ur-cell')).toHaveLength(1);
    expect(node.querySelectorAll('.ur-strip')).toHaveLength(2);
    expect([...node.querySelectorAll('.ur-tape-cell')].map((c) => c.getAttribute('class'))).toEqual([
      'ur-tape-cell is-past',
      'ur-tape-cell is-current',
      'ur-tape-cell is-future',
    ]);
    expect(node.textContent).toContain('step t = 2 of 3');
    // At t = 1 the loop carries h_0 = 0.
    const first = foldedDiagram(input(1)).querySelectorAll('.ur-strip')[1];
    expect(first.querySelector('.ur-unit')!.getAttribute('fill')).toBe('purple');
  });
});
