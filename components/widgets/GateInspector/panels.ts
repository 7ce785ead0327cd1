// The gate-inspector's panels built from one forward pass: heatmaps of every gate and of each row's memory (with their
// legends), the tables that are their text alternative, and a gate's unit-by-unit arithmetic and weights.
import type { GateName } from '../../../engine';
import { heatmap, heatmapLegend, type HeatmapScale } from '../../charts/heatmap';
import { el } from '../../lib/dom';
import { fmt } from '../../lib/format';
import { GATE_INFO, unitArithmetic } from './equations';
import { gatesOf, isTanhGate, type GateTerms, type Inspection, type RowTrace } from './model';
import { INPUT_SIZE, type Step } from './task';
import { HIDDEN_SIZE, type CellKind } from './train';

/** [T][H] → [H][T]: heatmaps put units in rows and steps in columns. */
export function transpose(values: readonly (readonly number[])[]): number[][] {
  const H = values[0]?.length ?? 0;
  return Array.from({ length: H }, (_, j) => values.map((v) => v[j]));
}

/** The colour domain of the memory c: ±1 unless some |c_t| is larger (then rounded up to a tenth). */
export function memoryDomain(run: Inspection): number {
  const largest = Math.max(1, ...run.rows.flatMap((r) => (r.c ?? []).flat().map(Math.abs)));
  return Math.ceil(largest * 10 - 1e-9) / 10;
}

/** The drawn heatmaps of one pass, for the open row and (in multi-row views) every row's memory. */
export interface HeatmapPanels {
  legends: SVGSVGElement[];
  /** One figure per gate (`data-gate`), then c (LSTM) and h. */
  gates: HTMLElement[];
  /** One figure per row (`data-row`, 0-based) of c (LSTM) or h (GRU); empty with one row. */
  rows: HTMLElement[];
  /** Grid columns the figures were sized for. */
  columns: number;
}

/**
 * Draw the heatmaps of a pass (units × steps): σ gates on a sequential scale from 0 to 1, tanh gates, h and c diverging.
 * @param rowIndex the open row (0-based); rowLabels each row's name; width the space available in pixels
 */
export function heatmapPanels(
  run: Inspection,
  rowIndex: number,
  rowLabels: readonly string[],
  width: number,
): HeatmapPanels {
  const { cell } = run.config;
  const row = run.rows[rowIndex];
  const columns = width >= 560 ? 2 : 1;
  const chartWidth = Math.floor((width - (columns - 1) * 16) / columns);
  const cDomain = memoryDomain(run);
  const panel = (
    title: (Node | string)[],
    values: readonly (readonly number[])[],
    scale: HeatmapScale,
    domain: number,
    label: string,
    tag: Record<string, string>,
  ): HTMLElement =>
    el(
      'figure',
      { class: 'gi-chart', ...tag },
      el('figcaption', {}, ...title),
      heatmap(
        { values: transpose(values), rowNames: Array.from({ length: HIDDEN_SIZE }, (_, j) => j + 1) },
        {
          width: chartWidth,
          height: 118,
          scale,
          domain,
          maxXTicks: Math.floor(chartWidth / 28),
          xLabel: 'step t',
          yLabel: 'unit',
          ariaLabel: `${label}: ${HIDDEN_SIZE} units (rows) by ${run.T} steps (columns); the current step is outlined. The numbers are in the tables below.`,
        },
      ),
    );
  const legendWidth = Math.min(240, Math.max(180, width / 3 - 12));
  const cOwnScale = cell === 'lstm' && cDomain > 1;
  const legends = [
    heatmapLegend({
      domain: 1,
      scale: 'sequential',
      label: cell === 'lstm' ? 'σ gates i, f, o' : 'σ gates r, z',
      width: legendWidth,
    }),
    heatmapLegend({
      domain: 1,
      scale: 'diverging',
      label: cell === 'lstm' ? (cOwnScale ? 'g and h (tanh)' : 'g, h (tanh) and memory c') : 'n and h (tanh)',
      width: legendWidth,
    }),
    ...(cOwnScale
      ? [heatmapLegend({ domain: cDomain, scale: 'diverging', label: 'memory c', width: legendWidth })]
      : []),
  ];
  const gates = gatesOf(cell).map((g) =>
    panel(
      [el('b', {}, g), ` ${GATE_INFO[g].name} (${isTanhGate(g) ? 'tanh' : 'σ'})`],
      row.gates[g] ?? [],
      isTanhGate(g) ? 'diverging' : 'sequential',
      1,
      `Heatmap of the ${GATE_INFO[g].name} ${g}`,
      { 'data-gate': g },
    ),
  );
  if (row.c)
    gates.push(
      panel([el('b', {}, 'c'), ' memory (cell state)'], row.c, 'diverging', cDomain, 'Heatmap of the cell state c', {}),
    );
  gates.push(panel([el('b', {}, 'h'), ' hidden state'], row.h, 'diverging', 1, 'Heatmap of the hidden state h', {}));
  const stateName = cell === 'lstm' ? 'c' : 'h';
  const rows =
    run.rows.length === 1
      ? []
      : run.rows.map((r, k) =>
          panel(
            [el('b', {}, stateName), ` — ${rowLabels[k]}`],
            (cell === 'lstm' ? r.c : r.h) ?? [],
            'diverging',
            cell === 'lstm' ? cDomain : 1,
            `Heatmap of ${stateName} in ${rowLabels[k]}`,
            { 'data-row': String(k) },
          ),
        );
  return { legends, gates, rows, columns };
}

const stepHeaders = (T: number, first: string): HTMLElement =>
  el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { scope: 'col' }, first),
      ...Array.from({ length: T }, (_, k) => el('th', { scope: 'col' }, `t=${k + 1}`)),
    ),
  );

/** A units × steps table, `data-name` for tests and styling. */
function unitTable(caption: string, values: readonly (readonly number[])[], name: string): HTMLElement {
  return el(
    'table',
    { class: 'gi-table', 'data-name': name },
    el('caption', {}, caption),
    stepHeaders(values.length, 'unit'),
    el(
      'tbody',
      {},
      ...Array.from({ length: HIDDEN_SIZE }, (_, j) =>
        el('tr', {}, el('th', { scope: 'row' }, String(j + 1)), ...values.map((v) => el('td', {}, fmt(v[j], 3)))),
      ),
    ),
  );
}

/**
 * The heatmaps' numbers as tables: inputs and readout, every gate, c and h of the open row, and the memory of the other rows.
 * @param where the open row's name for captions, e.g. ", the backward row" (empty with one row)
 */
export function numberTables(
  run: Inspection,
  seq: readonly Step[],
  rowIndex: number,
  rowLabels: readonly string[],
  where: string,
): HTMLElement[] {
  const { cell } = run.config;
  const row = run.rows[rowIndex];
  return [
    el(
      'table',
      { class: 'gi-table', 'data-name': 'io' },
      el('caption', {}, 'Inputs and the reported value'),
      stepHeaders(run.T, ''),
      el(
        'tbody',
        {},
        el('tr', {}, el('th', { scope: 'row' }, 'x (value)'), ...seq.map((s) => el('td', {}, fmt(s.value, 2)))),
        el('tr', {}, el('th', { scope: 'row' }, 'marked'), ...seq.map((s) => el('td', {}, s.marked ? 'yes' : ''))),
        el('tr', {}, el('th', { scope: 'row' }, 'ŷ reported'), ...run.yhat.map((v) => el('td', {}, fmt(v, 3)))),
        el('tr', {}, el('th', { scope: 'row' }, 'task answer'), ...run.target.map((v) => el('td', {}, fmt(v, 2)))),
      ),
    ),
    ...gatesOf(cell).map((g) => unitTable(`${g}, the ${GATE_INFO[g].name}${where}`, row.gates[g] ?? [], g)),
    ...(row.c ? [unitTable(`c, the memory${where}`, row.c, 'c')] : []),
    unitTable(`h, the hidden state${where}`, row.h, 'h'),
    ...run.rows.flatMap((r, k) => {
      if (k === rowIndex) return [];
      return cell === 'lstm'
        ? [unitTable(`c, the memory of ${rowLabels[k]}`, r.c ?? [], `c-${k + 1}`)]
        : [unitTable(`h, the state of ${rowLabels[k]}`, r.h, `h-${k + 1}`)];
    }),
  ];
}

/** The gate's block of rows in PyTorch's stacked weights: gate k of G occupies rows k·H … (k+1)·H − 1. */
function gateBlock<T>(cell: CellKind, gate: GateName, rows: readonly T[]): T[] {
  const k = gatesOf(cell).indexOf(gate);
  return rows.slice(k * HIDDEN_SIZE, (k + 1) * HIDDEN_SIZE);
}

/** One gate's value at step t (1-based), unit by unit, as text from its rows of the weights. */
export function arithmeticTable(row: RowTrace, cell: CellKind, terms: GateTerms, t: number): HTMLElement {
  const lines = unitArithmetic(
    terms,
    gateBlock(cell, terms.gate, row.weights.weightIH),
    gateBlock(cell, terms.gate, row.weights.weightHH),
  );
  return el(
    'table',
    { class: 'gi-table gi-arith' },
    el(
      'caption',
      {},
      `How each unit of ${terms.gate} at step ${t} is computed`,
      terms.x.length === INPUT_SIZE
        ? el(
            'span',
            { class: 'gi-arith-input' },
            `x = (value, mark) = (${fmt(terms.x[0])}, ${fmt(terms.x[1])}): the number read, and the mark flag, ` +
              '1 at the step marked * and 0 elsewhere.',
          )
        : null,
    ),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'unit'), el('th', { scope: 'col' }, 'computation'))),
    el(
      'tbody',
      {},
      ...lines.map((u) =>
        el(
          'tr',
          { 'data-unit': u.unit },
          el('th', { scope: 'row' }, String(u.unit)),
          el(
            'td',
            {},
            ...u.lines.map((line, i) => el('div', { class: i === u.lines.length - 1 ? 'gi-arith-result' : '' }, line)),
          ),
        ),
      ),
    ),
  );
}

/** One gate's weights and biases (its rows of PyTorch's stacked tensors), four decimals. */
export function weightTables(row: RowTrace, cell: CellKind, gate: GateName): HTMLElement[] {
  const k = gatesOf(cell).indexOf(gate);
  const matrix = (caption: string, values: readonly (readonly number[])[], name: string): HTMLElement =>
    el(
      'table',
      { class: 'gi-table gi-matrix', 'data-name': name },
      el('caption', {}, caption),
      el('tbody', {}, ...values.map((r) => el('tr', {}, ...r.map((v) => el('td', {}, fmt(v, 4)))))),
    );
  const block = <T>(rows: readonly T[]): T[] => gateBlock(cell, gate, rows);
  const bi = block(row.weights.biasIH);
  const bh = block(row.weights.biasHH);
  // Only their sum enters the gate, so both biases get the same gradient at every step: equal at the start, equal forever.
  const sameBiases = cell === 'lstm' && gate === 'f' && bi.every((v, j) => v === bh[j]);
  return [
    el(
      'p',
      { class: 'gi-note' },
      `Rows ${k * HIDDEN_SIZE}–${(k + 1) * HIDDEN_SIZE - 1} of PyTorch’s weight_ih_${row.suffix}, ` +
        `weight_hh_${row.suffix}, bias_ih_${row.suffix} and bias_hh_${row.suffix}.`,
      sameBiases
        ? ` b_i${gate} and b_h${gate} are equal: both were set to 1 before training (the chapter’s forget-bias tip), ` +
            'and since the gate only ever uses their sum, every training step gave them the same gradient and ' +
            'moved them alike.'
        : '',
    ),
    el(
      'div',
      { class: 'gi-weight-tables' },
      matrix(`W_i${gate}`, block(row.weights.weightIH), 'Wi'),
      matrix(`W_h${gate}`, block(row.weights.weightHH), 'Wh'),
      matrix(
        `b_i${gate}`,
        block(row.weights.biasIH).map((v) => [v]),
        'bi',
      ),
      matrix(
        `b_h${gate}`,
        block(row.weights.biasHH).map((v) => [v]),
        'bh',
      ),
    ),
  ];
}
