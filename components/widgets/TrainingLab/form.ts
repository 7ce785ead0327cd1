// The training lab's settings form: every hyperparameter of chapter 7 as a control, grouped as the chapter groups them
// (the task and its data, the model, the optimisation), with the notes that say when a setting does nothing (dropout
// with one layer, the activation of a gated cell, momentum without SGD). Numbers are read through the URL table's
// codecs, so a refused entry keeps the previous value and says why.
import { CELL_TYPES, NONLINEARITIES, OPTIMIZERS, type CellType } from '../../../engine/train/task';
import { el } from '../../lib/dom';
import { numberInput, type NumberField } from '../../lib/numberInput';
import { LAB_TASKS, SENTIMENT_SOURCES, TASK_INFO, type LabSettings, type LabTask } from './settings';
import { SETTINGS_SPECS } from './state';

/** What the form tells the lab. */
export interface FormActions {
  /** Settings the reader changed (already checked against their ranges). */
  change: (patch: Partial<LabSettings>) => void;
  /** The reader picked another task: the lab loads that task's defaults. */
  task: (task: LabTask) => void;
  /** A sentence about a refused entry ('' clears it). */
  notice: (text: string) => void;
}

const CELL_LABELS: Record<CellType, string> = { rnn: 'RNN (plain)', lstm: 'LSTM', gru: 'GRU' };
const OPTIMIZER_LABELS = { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD with momentum' } as const;
const SLICES = [100, 5, 2] as const;

/** A select over `values` (plus `current` if it is not one of them), reporting the chosen value. */
function select<T extends string | number>(
  values: readonly T[],
  current: T,
  name: (v: T) => string,
  onPick: (v: T) => void,
  id: string,
): HTMLSelectElement {
  const all = values.includes(current) ? values : [...values, current];
  const box = el(
    'select',
    { class: 'lab-input', id },
    ...all.map((v) => el('option', { value: String(v), selected: v === current }, name(v))),
  );
  box.addEventListener('change', () => onPick(all[box.selectedIndex]));
  return box;
}

/** The form; `element` is placed by the lab, `render` updates the notes and enabled controls. */
export class LabForm {
  readonly element: HTMLElement;
  private readonly notes: {
    dropout: HTMLElement;
    act: HTMLElement;
    momentum: HTMLElement;
    slice: HTMLElement;
    seq: HTMLElement;
  };
  private readonly controls: { act: HTMLSelectElement; momentum: HTMLInputElement; patience: HTMLInputElement };

  /** @param base prefix of the ids inside the form */
  constructor(
    private settings: LabSettings,
    base: string,
    actions: FormActions,
  ) {
    const spec = SETTINGS_SPECS[settings.task];
    const id = (name: string) => `${base}-${name}`;
    const field = (label: string, control: HTMLElement, note?: HTMLElement, wide = false): HTMLElement =>
      el(
        'div',
        { class: `lab-field${wide ? ' tl-wide' : ''}` },
        el('label', { class: 'lab-label', for: control.id }, label),
        control,
        note ?? null,
      );
    const note = (name: string) => el('p', { class: 'tl-note', id: id(`${name}-note`) });
    const num = (name: keyof LabSettings, f: NumberField, sentence: string): HTMLInputElement =>
      numberInput(f, {
        value: settings[name] as number,
        label: sentence,
        attrs: { class: 'lab-input tl-number', id: id(name) },
        onValue: (v) => actions.change({ [name]: v }),
        onNotice: actions.notice,
      });
    const info = TASK_INFO[settings.task];
    this.notes = {
      dropout: note('dropout'),
      act: note('act'),
      momentum: note('momentum'),
      slice: note('slice'),
      seq: note('seq'),
    };

    const task = select(LAB_TASKS, settings.task, (t) => TASK_INFO[t].label, actions.task, id('task'));
    const data = select(
      SENTIMENT_SOURCES.map((s) => s.id),
      settings.data,
      (s) => SENTIMENT_SOURCES.find((x) => x.id === s)?.label ?? s,
      (v) => actions.change({ data: v }),
      id('data'),
    );
    const slice = select(
      SLICES as readonly number[],
      settings.slice,
      (v) => (v === 100 ? 'all of it' : `a small slice: ${v}%`),
      (v) => actions.change({ slice: v }),
      id('slice'),
    );
    const cell = select(
      CELL_TYPES,
      settings.cell,
      (c) => CELL_LABELS[c],
      (v) => actions.change({ cell: v }),
      id('cell'),
    );
    const act = select(
      NONLINEARITIES,
      settings.act,
      (a) => a,
      (v) => actions.change({ act: v }),
      id('act'),
    );
    const opt = select(
      OPTIMIZERS,
      settings.opt,
      (o) => OPTIMIZER_LABELS[o],
      (v) => actions.change({ opt: v }),
      id('opt'),
    );
    const momentum = num('momentum', spec.momentum, 'The momentum');
    const patience = num('patience', spec.patience, 'The patience');
    const early = el('input', { type: 'checkbox', id: id('early'), checked: settings.early });
    early.addEventListener('change', () => actions.change({ early: early.checked }));
    this.controls = { act, momentum, patience };

    this.element = el(
      'div',
      { class: 'tl-form' },
      el(
        'fieldset',
        { class: 'lab-form tl-group' },
        el('legend', {}, 'Task and data'),
        field('Task', task, undefined, true),
        settings.task === 'sentiment' ? field('Sentences', data, undefined, true) : null,
        field('Training data', slice, this.notes.slice),
        field('Steps', num('steps', spec.steps, 'The number of steps')),
        field('Evaluate every', num('evalEvery', spec.eval, 'The evaluation interval')),
        field('Seed', num('seed', spec.seed, 'The seed')),
      ),
      el(
        'fieldset',
        { class: 'lab-form tl-group' },
        el('legend', {}, 'Model'),
        field('Cell type', cell),
        field('Activation', act, this.notes.act),
        field('Hidden size', num('hidden', spec.hidden, 'The hidden size')),
        field('Layers', num('layers', spec.layers, 'The number of layers')),
        field('Dropout', num('dropout', spec.dropout, 'The dropout'), this.notes.dropout),
      ),
      el(
        'fieldset',
        { class: 'lab-form tl-group' },
        el('legend', {}, 'Optimisation and data'),
        field('Optimizer', opt),
        field('Momentum', momentum, this.notes.momentum),
        field('Learning rate', num('lr', spec.lr, 'The learning rate')),
        field('Batch size', num('batch', spec.batch, 'The batch size')),
        field(info.seqLabel, num('seq', spec.seq, `The ${info.seqLabel.toLowerCase()}`), this.notes.seq),
        field('Gradient clipping (max norm, 0 = off)', num('clip', spec.clip, 'The clipping threshold')),
        el(
          'div',
          { class: 'lab-field tl-early' },
          el('label', { class: 'lab-check', for: early.id }, early, ' Early stopping, restoring the best weights'),
          el('label', { class: 'lab-label', for: patience.id }, 'Patience (evaluations)'),
          patience,
        ),
      ),
    );
    this.render(settings);
  }

  /** Bring the notes and the enabled controls up to date with the settings. */
  render(settings: LabSettings): void {
    this.settings = settings;
    const n = this.notes;
    const c = this.controls;
    n.dropout.textContent =
      settings.layers === 1 && settings.dropout > 0
        ? 'With one layer this does nothing: PyTorch’s dropout= acts between stacked layers only.'
        : settings.layers === 1
          ? 'Acts between layers (PyTorch’s dropout=), so only with 2 or more.'
          : `Applied to the outputs of layers 1–${settings.layers - 1}.`;
    c.act.disabled = settings.cell !== 'rnn';
    n.act.textContent = settings.cell === 'rnn' ? '' : 'Only for the plain RNN; LSTM and GRU have fixed ones.';
    c.momentum.disabled = settings.opt !== 'sgd';
    n.momentum.textContent = settings.opt === 'sgd' ? '' : 'Used with SGD only.';
    c.patience.disabled = !settings.early;
    n.slice.textContent = settings.slice < 100 ? 'Watch the validation loss turn up while training falls.' : '';
    n.seq.textContent = TASK_INFO[settings.task].seqSentence;
  }
}
