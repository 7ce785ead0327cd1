// The gate inspector's controls (sequence, examples, cell, view, layers, row, gate): built once, synced to the state.
import type { GateName } from '../../../engine';
import { el } from '../../lib/dom';
import { GATE_INFO } from './equations';
import { formatSequence, MAX_STEPS, PRESETS, type PresetName } from './sequence';
import {
  CELL_GATES,
  CELL_LABELS,
  CELLS,
  gateInspectorSpec,
  rowCount,
  VIEWS,
  type GateInspectorState,
  type View,
} from './state';
import type { CellKind } from './train';

const VIEW_LABELS: Record<View, string> = { single: 'One layer', bidirectional: 'Bidirectional', stacked: 'Stacked' };
const PRESET_LABELS: Record<PresetName, string> = {
  'one mark': 'One mark',
  'early mark, long wait': 'Early mark, long wait',
  'two marks': 'Two marks',
  'no mark': 'No mark',
};

/** What the controls ask of the element: each is called with the reader's choice (the element decides what changes). */
export interface ControlActions {
  /** Read a typed or preset sequence (raw text). */
  sequence(text: string): void;
  cell(cell: CellKind): void;
  view(view: View): void;
  layers(n: number): void;
  /** Open a row's cell (1-based). */
  row(row: number): void;
  gate(gate: GateName): void;
}

const switchButton = (label: string, onclick: () => void, extra: Record<string, string> = {}): HTMLButtonElement =>
  el('button', { type: 'button', class: 'button gi-switch', 'aria-pressed': 'false', onclick, ...extra }, label);

const press = (button: Element, pressed: boolean): void => button.setAttribute('aria-pressed', String(pressed));

/** The controls' elements and how to show a state on them. */
export class Controls {
  /** The sequence field and the examples menu. */
  readonly inputs: HTMLElement;
  /** The cell, view, layers and row switches. */
  readonly switches: HTMLElement;
  /** The gate buttons (the diagram's gates are the other way to choose one). */
  readonly gateList = el('div', { class: 'gi-toggle gi-gates', role: 'group', 'aria-label': 'Gate' });
  private readonly text: HTMLInputElement;
  private readonly cells: Record<CellKind, HTMLButtonElement>;
  private readonly views: Record<View, HTMLButtonElement>;
  private readonly layersField: HTMLElement;
  /** A button per layer count. */
  private readonly layers = new Map<number, HTMLButtonElement>();
  private readonly rowField: HTMLElement;
  private readonly rowGroup: HTMLElement;

  /**
   * @param id makes an id unique to this widget from a name
   * @param state the state to show first
   * @param act what to do on each choice
   */
  constructor(
    id: (name: string) => string,
    state: GateInspectorState,
    private readonly act: ControlActions,
  ) {
    const group = (labelId: string, label: string, ...buttons: HTMLElement[]): HTMLElement =>
      el(
        'div',
        { class: 'gi-field' },
        el('span', { class: 'gi-label', id: labelId }, label),
        el('div', { class: 'gi-toggle', role: 'group', 'aria-labelledby': labelId }, ...buttons),
      );

    const text = el('input', {
      type: 'text',
      id: id('seq'),
      class: 'gi-text',
      value: formatSequence(state.seq),
      autocomplete: 'off',
      spellcheck: 'false',
      inputmode: 'text',
      'aria-describedby': id('seq-help'),
    });
    text.addEventListener('change', () => act.sequence(text.value));
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') act.sequence(text.value);
    });
    const preset = el(
      'select',
      { id: id('preset'), class: 'gi-select' },
      el('option', { value: '' }, 'Pick an example…'),
      ...(Object.keys(PRESETS) as PresetName[]).map((name) => el('option', { value: name }, PRESET_LABELS[name])),
    );
    preset.addEventListener('change', () => {
      const name = preset.value as PresetName | '';
      if (name === '') return;
      act.sequence(PRESETS[name]);
      preset.value = '';
    });
    this.text = text;
    this.inputs = el(
      'div',
      { class: 'gi-inputs' },
      el(
        'div',
        { class: 'gi-field gi-seq' },
        el('label', { for: text.id }, 'Sequence'),
        el(
          'div',
          { class: 'gi-seq-row' },
          text,
          el('button', { type: 'button', class: 'button', onclick: () => act.sequence(text.value) }, 'Read'),
        ),
        el('span', { class: 'gi-hint', id: id('seq-help') }, `up to ${MAX_STEPS} numbers; * marks the one to remember`),
      ),
      el('div', { class: 'gi-field' }, el('label', { for: preset.id }, 'Examples'), preset),
    );

    this.cells = Object.fromEntries(
      CELLS.map((cell) => [cell, switchButton(CELL_LABELS[cell], () => act.cell(cell))]),
    ) as Record<CellKind, HTMLButtonElement>;
    this.views = Object.fromEntries(
      VIEWS.map((view) => [view, switchButton(VIEW_LABELS[view], () => act.view(view))]),
    ) as Record<View, HTMLButtonElement>;
    // One button per layer count the URL field allows.
    const { min, max } = gateInspectorSpec.layers.codec;
    for (let n = min; n <= max; n++)
      this.layers.set(
        n,
        switchButton(String(n), () => act.layers(n), { 'aria-label': `${n} layer${n > 1 ? 's' : ''}` }),
      );
    this.layersField = group(id('layers-label'), 'Layers', ...this.layers.values());
    this.rowGroup = el('div', { class: 'gi-toggle', role: 'group', 'aria-labelledby': id('row-label') });
    this.rowField = el(
      'div',
      { class: 'gi-field' },
      el('span', { class: 'gi-label', id: id('row-label') }, 'Open the cell of'),
      this.rowGroup,
    );
    this.switches = el(
      'div',
      { class: 'gi-inputs' },
      group(id('cell-label'), 'Cell', ...CELLS.map((cell) => this.cells[cell])),
      group(id('view-label'), 'View', ...VIEWS.map((view) => this.views[view])),
      this.layersField,
      this.rowField,
    );
  }

  /** Write a sequence into the text field, in the form the widget reads it. */
  showSequence(seq: GateInspectorState['seq']): void {
    this.text.value = formatSequence(seq);
  }

  /** Show a state: the sequence (unless the reader is typing in it), the pressed switches, the rows and gates it has. */
  sync(state: GateInspectorState): void {
    if (document.activeElement !== this.text) this.showSequence(state.seq);
    for (const cell of CELLS) press(this.cells[cell], cell === state.cell);
    for (const view of VIEWS) press(this.views[view], view === state.view);
    this.layersField.hidden = state.view !== 'stacked';
    for (const [n, button] of this.layers) press(button, n === state.layers);
    const rows = rowCount(state);
    this.rowField.hidden = rows === 1;
    if (this.rowGroup.childElementCount !== rows || this.rowGroup.dataset.view !== state.view) {
      const labels =
        state.view === 'bidirectional'
          ? ['→ Forward', '← Backward']
          : Array.from({ length: rows }, (_, k) => `Layer ${k + 1}`);
      this.rowGroup.dataset.view = state.view;
      this.rowGroup.replaceChildren(...labels.map((label, k) => switchButton(label, () => this.act.row(k + 1))));
    }
    [...this.rowGroup.children].forEach((b, k) => press(b, k + 1 === state.row));
    if (this.gateList.dataset.cell !== state.cell) {
      this.gateList.dataset.cell = state.cell;
      this.gateList.replaceChildren(
        ...CELL_GATES[state.cell].map((gate) =>
          el(
            'button',
            {
              type: 'button',
              class: 'button gi-switch',
              'data-gate': gate,
              'aria-pressed': 'false',
              onclick: () => this.act.gate(gate),
            },
            el('b', {}, gate),
            ` ${GATE_INFO[gate].name}`,
          ),
        ),
      );
    }
    for (const b of this.gateList.children) press(b, b.getAttribute('data-gate') === state.gate);
  }
}
