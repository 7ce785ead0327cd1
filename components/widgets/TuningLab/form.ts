// The tuning lab's settings and search controls: the task, the method, the values of each axis (typed as lists),
// the cells, the ranges random draws take, the budget and the seed; Start, Pause/Resume and Cancel. Every entry is
// read by the URL table's codec: a refused one puts the previous value back and says why.
import { CELL_TYPES, type CellType } from '../../../engine/ops/recurrentLayout';
import { el } from '../../lib/dom';
import { numberInput } from '../../lib/numberInput';
import type { Codec } from '../../lib/urlState';
import { METHOD_NAMES, METHODS, type Method } from './search';
import { tuningLabSpec, type TuningLabState } from './state';
import { LAB_TASKS, TASK_INFO, type LabTask } from './tasks';

const CELL_LABELS: Record<CellType, string> = { rnn: 'RNN (tanh)', gru: 'GRU', lstm: 'LSTM' };
/** The cells as the form lists them: the outline's two, then the plain RNN. */
const CELL_ORDER: readonly CellType[] = ['gru', 'lstm', ...CELL_TYPES.filter((c) => c !== 'gru' && c !== 'lstm')];
const TASK_LABELS: Record<LabTask, string> = {
  'char-model': 'Character model (Moby-Dick)',
  count: 'Counting (200 sequences)',
};

/** What the form asks of the lab. */
export interface FormActions {
  set: (patch: Partial<TuningLabState>) => void;
  start: () => void;
  togglePause: () => void;
  cancel: () => void;
  /** A sentence about a refused entry ('' clears it). */
  notice: (text: string) => void;
}

/** Where the search is, as far as the form cares. */
export type FormMode = 'idle' | 'running' | 'paused';

const labelled = (label: string, control: HTMLElement, extra = ''): HTMLLabelElement =>
  el('label', { class: `tl-field${extra}` }, el('span', { class: 'tl-label' }, label), control);

/**
 * A text input for a list of values read by `codec`: on change, an accepted list is kept (and shown as the codec
 * writes it), a refused one puts the previous list back with a sentence.
 */
function listInput<T>(
  codec: Codec<T>,
  value: T,
  label: string,
  onValue: (v: T) => void,
  onNotice: (text: string) => void,
): HTMLInputElement {
  let current = value;
  const input = el('input', {
    type: 'text',
    class: 'tl-input tl-list',
    value: codec.format(value),
    'aria-label': label,
    autocomplete: 'off',
    spellcheck: false,
  });
  input.addEventListener('change', () => {
    const parsed = codec.parse(input.value);
    if ('error' in parsed) {
      onNotice(`${label}: “${input.value.slice(0, 40)}” ${parsed.error}; keeping ${codec.format(current)}.`);
      input.value = codec.format(current);
      return;
    }
    current = parsed.value;
    input.value = codec.format(current);
    onNotice('');
    onValue(current);
  });
  return input;
}

/** The lab's settings (three fieldsets) and its row of search controls. */
export class SearchForm {
  readonly element: HTMLElement;
  readonly controls: HTMLElement;
  /** Shown only for random search and successive halving. */
  private readonly randomPart: HTMLElement;
  private readonly inputs: (HTMLInputElement | HTMLSelectElement)[] = [];
  private readonly startButton: HTMLButtonElement;
  private readonly pauseButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly methodRadios: HTMLInputElement[];
  private readonly cellBoxes: HTMLInputElement[];

  /** @param base prefix of the ids inside the form (the element's id) */
  constructor(
    private readonly state: TuningLabState,
    base: string,
    actions: FormActions,
  ) {
    const spec = tuningLabSpec;
    const set = actions.set;
    const notice = actions.notice;

    const task = el(
      'select',
      { class: 'tl-input', 'aria-label': 'Task' },
      ...LAB_TASKS.map((t) => el('option', { value: t, selected: t === state.task }, TASK_LABELS[t])),
    );
    task.addEventListener('change', () => {
      const t = task.value as LabTask;
      set({ task: t });
      // A new task starts from its own budget: 100 steps for the char model, 30 passes for counting. The inputs
      // read their new values as if typed, so they remember them.
      const { steps, evalEvery } = TASK_INFO[t].defaults;
      for (const [input, value] of [
        [stepsInput, steps],
        [everyInput, evalEvery],
      ] as const) {
        input.value = String(value);
        input.dispatchEvent(new Event('change'));
      }
    });

    const methodName = `${base}-method`;
    this.methodRadios = METHODS.map((m) =>
      el('input', { type: 'radio', name: methodName, value: m, checked: m === state.method }),
    );
    for (const radio of this.methodRadios)
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        set({ method: radio.value as Method });
        this.showRandomPart();
      });
    const methods = el(
      'fieldset',
      { class: 'tl-methods' },
      el('legend', {}, 'Method'),
      ...this.methodRadios.map((radio, i) =>
        el(
          'label',
          { class: 'tl-radio' },
          radio,
          ` ${METHOD_NAMES[METHODS[i]][0].toUpperCase()}${METHOD_NAMES[METHODS[i]].slice(1)}`,
        ),
      ),
    );

    const hidden = listInput(spec.hidden.codec, state.hidden, 'Hidden sizes', (v) => set({ hidden: v }), notice);
    const layers = listInput(spec.layers.codec, state.layers, 'Layers', (v) => set({ layers: v }), notice);
    const lr = listInput(spec.lr.codec, state.lr, 'Learning rates', (v) => set({ lr: v }), notice);
    this.cellBoxes = CELL_ORDER.map((c) =>
      el('input', { type: 'checkbox', value: c, checked: state.cell.includes(c) }),
    );
    for (const box of this.cellBoxes)
      box.addEventListener('change', () => {
        const cell = box.value as CellType;
        // The grid takes the cells in the order they were chosen; a box checked now goes last.
        const chosen = box.checked ? [...state.cell, cell] : state.cell.filter((c) => c !== cell);
        if (chosen.length === 0) {
          box.checked = true;
          notice('Keep at least one cell type: a search needs something to try.');
          return;
        }
        notice('');
        set({ cell: chosen });
      });
    const cells = el(
      'fieldset',
      { class: 'tl-cells' },
      el('legend', {}, 'Cells'),
      ...this.cellBoxes.map((box, i) => el('label', { class: 'tl-radio' }, box, ` ${CELL_LABELS[CELL_ORDER[i]]}`)),
    );

    const number = (
      key: 'lrmin' | 'lrmax' | 'hmin' | 'hmax' | 'trials' | 'steps' | 'every' | 'seed',
      label: string,
      sentence: string,
    ): HTMLInputElement =>
      numberInput(spec[key], {
        value: state[key],
        label: sentence,
        attrs: { class: 'tl-input tl-number', 'aria-label': label },
        onValue: (v) => set({ [key]: v }),
        onNotice: notice,
      });
    const lrmin = number('lrmin', 'Lowest learning rate', 'The lowest learning rate');
    const lrmax = number('lrmax', 'Highest learning rate', 'The highest learning rate');
    const hmin = number('hmin', 'Smallest hidden size', 'The smallest hidden size');
    const hmax = number('hmax', 'Largest hidden size', 'The largest hidden size');
    const trials = number('trials', 'Trials', 'The number of trials');
    const stepsInput = number('steps', 'Steps per trial', 'The steps per trial');
    const everyInput = number('every', 'Evaluate every', 'The evaluation interval');
    const seed = number('seed', 'Seed', 'The seed');

    const listNote = `${base}-list-note`;
    const space = el(
      'fieldset',
      { class: 'tl-space', 'aria-describedby': listNote },
      el('legend', {}, 'Search space'),
      labelled('Hidden sizes', hidden),
      labelled('Layers', layers),
      labelled('Learning rates', lr),
      cells,
      el(
        'p',
        { class: 'tl-note', id: listNote },
        'Values separated by commas. A grid tries every combination of them.',
      ),
    );
    this.randomPart = el(
      'fieldset',
      { class: 'tl-random' },
      el('legend', {}, 'Random draws'),
      labelled('Trials', trials),
      labelled('Learning rate from', lrmin),
      labelled('to', lrmax),
      labelled('Hidden size from', hmin),
      labelled('to', hmax),
      el(
        'p',
        { class: 'tl-note' },
        'Learning rate and hidden size are drawn log-uniformly between these ends; layers and cells from the lists above.',
      ),
    );
    const budget = el(
      'fieldset',
      { class: 'tl-budget' },
      el('legend', {}, 'Budget'),
      labelled('Task', task),
      labelled('Steps per trial', stepsInput),
      labelled('Evaluate every', everyInput),
      labelled('Seed', seed),
    );
    this.inputs = [task, ...this.methodRadios, hidden, layers, lr, ...this.cellBoxes, lrmin, lrmax, hmin, hmax, trials];
    this.inputs.push(stepsInput, everyInput, seed);
    this.element = el('div', { class: 'tl-form' }, methods, space, this.randomPart, budget);

    const button = (text: string, onclick: () => void, primary = false): HTMLButtonElement =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    this.startButton = button('Start search', actions.start, true);
    this.pauseButton = button('Pause', actions.togglePause);
    this.cancelButton = button('Cancel', actions.cancel);
    this.controls = el('div', { class: 'tl-controls' }, this.startButton, this.pauseButton, this.cancelButton);
    this.showRandomPart();
  }

  /** Settings only between searches; Pause while one runs; Cancel while one runs or is paused. */
  render(mode: FormMode, searched: boolean): void {
    const active = mode !== 'idle';
    for (const input of this.inputs) input.disabled = active;
    this.startButton.disabled = active;
    this.startButton.textContent = searched ? 'Search again' : 'Start search';
    this.pauseButton.disabled = !active;
    this.pauseButton.textContent = mode === 'paused' ? 'Resume' : 'Pause';
    this.pauseButton.setAttribute('aria-pressed', String(mode === 'paused'));
    this.cancelButton.disabled = !active;
  }

  private showRandomPart(): void {
    this.randomPart.hidden = this.state.method === 'grid';
  }
}
