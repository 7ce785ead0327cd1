// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CELL_GATES } from './state';
import { cellDiagram, GRU_LAYOUT, LSTM_LAYOUT, layoutOf } from './diagram';

describe('cell diagrams', () => {
  it('draws every gate of each cell once, inside the picture', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const layout = layoutOf(cell);
      expect(layout.gates.map((g) => g.gate).sort()).toEqual([...CELL_GATES[cell]].sort());
      const points = [
        ...layout.gates.map((g) => g.at),
        ...layout.wires.flatMap((w) => w.points),
        ...layout.operators.map((o) => o.at),
      ];
      for (const [x, y] of points) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(layout.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(layout.height);
      }
    }
    // The equations' operators: LSTM two products and a sum on c plus o ⊙ tanh(c); GRU a 1 − z and r inside n.
    expect(LSTM_LAYOUT.operators.map((o) => o.kind).sort()).toEqual(['plus', 'tanh', 'times', 'times', 'times']);
    expect(GRU_LAYOUT.operators.map((o) => o.kind).sort()).toEqual(['oneMinus', 'plus', 'times', 'times', 'times']);
  });

  it('makes gates buttons and shows a step: unit colours, the chosen gate pressed with its wires', () => {
    const diagram = cellDiagram('gru', 4, 'arrow');
    expect([...diagram.gateNodes.keys()]).toEqual(['z', 'r', 'n']);
    for (const node of diagram.gateNodes.values()) {
      expect(node.getAttribute('role')).toBe('button');
      expect(node.getAttribute('tabindex')).toBe('0');
    }
    diagram.update(
      { r: [0.1, 0.2, 0.3, 0.4], z: [1, 1, 1, 1], n: [-1, 0, 0.5, 1] },
      'z',
      (gate, v) => `${gate}:${v}`,
      (gate) => `gate ${gate}`,
    );
    const z = diagram.gateNodes.get('z')!;
    expect(z.getAttribute('aria-pressed')).toBe('true');
    expect(diagram.gateNodes.get('n')!.getAttribute('aria-pressed')).toBe('false');
    expect(z.getAttribute('aria-label')).toBe('gate z');
    expect([...diagram.gateNodes.get('n')!.querySelectorAll('.gi-d-unit')].map((r) => r.getAttribute('fill'))).toEqual([
      'n:-1',
      'n:0',
      'n:0.5',
      'n:1',
    ]);
    // z feeds three wires: up to its product, to 1 − z, and on to the product with n.
    expect(diagram.element.querySelectorAll('.gi-d-wire.is-selected')).toHaveLength(3);
    diagram.update(
      {},
      'r',
      () => 'red',
      () => '',
    );
    expect(diagram.element.querySelectorAll('.gi-d-wire.is-selected')).toHaveLength(1);
    expect(diagram.gateNodes.get('r')!.querySelector('.gi-d-unit')!.getAttribute('fill')).toBe('none');
  });
});
