// The gate-inspector's URL state table (sequence, cell, gate, t, view, layers, row) and the rules that make a
// parsed state consistent: a gate the cell has, a step inside the sequence, a row the view has.
import type { GateName } from '../../../engine';
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, int, oneOf, urlState, type StateOf } from '../../lib/urlState';
import { MAX_STEPS, PRESETS, readSequence, sequenceCodec } from './sequence';
import { CELL_KINDS, CONFIGS, type CellKind, type NetworkConfig } from './train';

/** The three pictures of the same engine: one layer, a forward and a backward row, or 1–3 stacked layers. */
export const VIEWS = ['single', 'bidirectional', 'stacked'] as const;
export type View = (typeof VIEWS)[number];

export const CELLS = CELL_KINDS;

/** The cells' names as the page writes them. */
export const CELL_LABELS: Record<CellKind, string> = { lstm: 'LSTM', gru: 'GRU' };

export const ALL_GATES = ['i', 'f', 'g', 'o', 'r', 'z', 'n'] as const satisfies readonly GateName[];

/** Each cell's gates, in PyTorch's order. */
export const CELL_GATES: Record<CellKind, readonly GateName[]> = { lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };

/** The gate that plays the same part in the other cell (forget ↔ update, candidate ↔ new state). */
export const COUNTERPART: Record<GateName, GateName> = { i: 'z', f: 'z', g: 'n', o: 'r', r: 'i', z: 'f', n: 'g' };

/** How many layers the stacked view offers: as many as the deepest stack trained (the switches read it from the field). */
const layersCodec = int(1, Math.max(...CONFIGS.map((c) => c.numLayers)));

/** The default sequence, also the first preset. */
export const DEFAULT_SEQUENCE = readSequence(PRESETS['one mark']).steps;

/** A ready-made experiment: the settings it sets (a chapter's Predict question names it). */
export interface GateInspectorPreset {
  id: string;
  label: string;
  state: { seq: typeof DEFAULT_SEQUENCE; cell: CellKind; gate: GateName; t: number; view: View };
}

/** The experiments of chapter 6's Predict questions. */
export const GATE_INSPECTOR_PRESETS: GateInspectorPreset[] = [
  {
    id: 'forget-at-mark',
    label: 'The LSTM’s forget gate at the mark',
    state: { seq: DEFAULT_SEQUENCE, cell: 'lstm', gate: 'f', t: 3, view: 'single' },
  },
];

/** State table: `gate-inspector.seq`, `.cell`, `.gate`, `.t`, `.view`, `.layers`, `.row`, and `.preset`. */
export const gateInspectorSpec = {
  seq: field(
    sequenceCodec,
    DEFAULT_SEQUENCE,
    `The input numbers x_1..x_T, comma-separated, each from −1 to 1, the one to remember marked with * (1 to ${MAX_STEPS} steps), e.g. 0.3,-0.5,*0.8,0.1`,
  ),
  cell: field(oneOf(CELLS), 'lstm', 'The cell: lstm or gru'),
  gate: field(
    oneOf(ALL_GATES),
    'f',
    'The gate shown in the diagram and the equation: i, f, g, o for the LSTM; r, z, n for the GRU',
  ),
  t: field(int(1, MAX_STEPS), 3, 'The current step t (1-based; at most the length of the sequence)'),
  view: field(
    oneOf(VIEWS),
    'single',
    'single: one layer; bidirectional: a forward and a backward row; stacked: 1 to 3 layers',
  ),
  layers: field(
    layersCodec,
    2,
    `Number of stacked layers in the stacked view (${layersCodec.min} to ${layersCodec.max})`,
  ),
  row: field(
    // The stacked view has the most rows (bidirectional has 2).
    int(1, layersCodec.max),
    1,
    'The row whose cell is opened: in the bidirectional view 1 = forward, 2 = backward; in the stacked view the layer',
  ),
  preset: presetField(GATE_INSPECTOR_PRESETS),
};

/** The widget's state. */
export type GateInspectorState = StateOf<typeof gateInspectorSpec>;

/** URL state of the gate-inspector: the table, then `reconcile`. */
export const gateInspectorUrl = urlState('gate-inspector', gateInspectorSpec, {
  reconcile: (state, given) => [...applyPreset(state, given, GATE_INSPECTOR_PRESETS), ...reconcile(state, given)],
});

/** The network a state shows. */
export function configOf(state: Pick<GateInspectorState, 'cell' | 'view' | 'layers'>): NetworkConfig {
  return {
    cell: state.cell,
    numLayers: state.view === 'stacked' ? state.layers : 1,
    bidirectional: state.view === 'bidirectional',
  };
}

/** How many rows of cells a view draws. */
export function rowCount(state: Pick<GateInspectorState, 'view' | 'layers'>): number {
  return state.view === 'bidirectional' ? 2 : state.view === 'stacked' ? state.layers : 1;
}

/**
 * Make a parsed state consistent, in place, and say what changed: a gate the cell lacks becomes its counterpart
 * (silently when it was only the default), a step past the end becomes the last step, a row the view lacks the first.
 * @param explicit the fields the URL set (so only the reader's own values get a notice)
 */
export function reconcile(state: GateInspectorState, explicit: ReadonlySet<string> = new Set()): string[] {
  const notices: string[] = [];
  if (!CELL_GATES[state.cell].includes(state.gate)) {
    const replacement = COUNTERPART[state.gate];
    if (explicit.has('gate'))
      notices.push(`The ${state.cell.toUpperCase()} has no gate “${state.gate}”; showing ${replacement} instead.`);
    state.gate = replacement;
  }
  const T = state.seq.length;
  if (state.t > T) {
    notices.push(`Step ${state.t} is past the end of the ${T}-step sequence; showing step ${T}.`);
    state.t = T;
  }
  const rows = rowCount(state);
  if (state.row > rows) {
    if (explicit.has('row'))
      notices.push(`The ${state.view} view has ${rows} row${rows > 1 ? 's' : ''}; opening row 1.`);
    state.row = 1;
  }
  return notices;
}
