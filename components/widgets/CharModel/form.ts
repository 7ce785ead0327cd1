// The char-model widget's settings and run controls: cell, hidden units, chunk length and seed (used by the next
// Train), the Train / Pause / Step / Cancel buttons, the learning rate, which also changes a running model, and the
// question Restart asks before it throws away a model that has trained.
import { CELL_TYPES, type CellType } from '../../../engine/ops/recurrentLayout';
import { el } from '../../lib/dom';
import { numberInput } from '../../lib/numberInput';
import type { WorkerRunStatus } from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import { charModelSpec, HIDDEN_CHOICES, SEQ_CHOICES } from './state';

type State = StateOf<typeof charModelSpec>;

const CELL_LABELS: Record<CellType, string> = { rnn: 'RNN (tanh)', lstm: 'LSTM', gru: 'GRU' };

/** What the form asks of the widget. */
export interface FormActions {
  /** Change settings; the widget keeps them and writes them to the URL. */
  set: (patch: Partial<State>) => void;
  train: () => void;
  /** What Train would discard now (the running model of run #`run`, trained `step` steps), or null: nothing to ask. */
  discards: () => { run: number; step: number } | null;
  togglePause: () => void;
  step: () => void;
  cancel: () => void;
  /** Show a sentence about a refused entry ('' clears it). */
  notice: (text: string) => void;
}

/** A select whose options are `values`, plus the current value if the URL set one outside the list. */
function choice<T extends string | number>(
  label: string,
  values: readonly T[],
  current: T,
  name: (v: T) => string,
): HTMLSelectElement {
  const all = values.includes(current) ? values : [...values, current].sort((a, b) => (a < b ? -1 : 1));
  return el(
    'select',
    { class: 'cm-input', 'aria-label': label },
    ...all.map((v) => el('option', { value: String(v), selected: v === current }, name(v))),
  );
}

const labelled = (label: string, control: HTMLElement, extraClass = ''): HTMLLabelElement =>
  el('label', { class: `cm-field${extraClass}` }, el('span', { class: 'cm-label' }, label), control);

/** The model's settings (a fieldset) and the row of run controls with the learning rate. */
export class SettingsForm {
  /** The fieldset, then the controls row: the widget places both. */
  readonly settings: HTMLFieldSetElement;
  readonly controls: HTMLElement;
  /** The question Restart asks (hidden until then): the widget places it under the controls. */
  readonly confirm: HTMLElement;
  private readonly confirmText: HTMLElement;
  private readonly keepButton: HTMLButtonElement;
  private readonly actions: FormActions;
  private readonly inputs: (HTMLSelectElement | HTMLInputElement)[];
  private readonly buttons: { train: HTMLButtonElement; pause: HTMLButtonElement; step: HTMLButtonElement };
  private readonly cancelButton: HTMLButtonElement;

  /** @param base prefix of the ids inside the form (the element's id) */
  constructor(state: State, base: string, actions: FormActions) {
    const spec = charModelSpec;
    const cell = choice('Cell type', CELL_TYPES, state.cell, (c) => CELL_LABELS[c]);
    const hidden = choice('Hidden units', HIDDEN_CHOICES, state.hidden, String);
    const seq = choice('Sequence length', SEQ_CHOICES, state.seq, String);
    cell.addEventListener('change', () => actions.set({ cell: cell.value as CellType }));
    hidden.addEventListener('change', () => actions.set({ hidden: Number(hidden.value) }));
    seq.addEventListener('change', () => actions.set({ seq: Number(seq.value) }));
    const seed = numberInput(spec.seed, {
      value: state.seed,
      label: 'The seed',
      attrs: { class: 'cm-input cm-number', 'aria-label': 'Seed' },
      onValue: (v) => actions.set({ seed: v }),
      onNotice: actions.notice,
    });
    const lr = numberInput(spec.lr, {
      value: state.lr,
      label: 'The learning rate',
      attrs: { class: 'cm-input cm-number', 'aria-label': 'Learning rate' },
      onValue: (v) => actions.set({ lr: v }),
      onNotice: actions.notice,
    });
    const button = (text: string, onclick: () => void, primary = false): HTMLButtonElement =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    this.buttons = {
      train: button('Train', () => this.pressTrain(), true),
      pause: button('Pause', actions.togglePause),
      step: button('Step', actions.step),
    };
    this.cancelButton = button('Cancel', actions.cancel);
    this.inputs = [cell, hidden, seq, seed];

    const questionId = `${base}-restart-question`;
    this.confirmText = el('p', { class: 'cm-confirm-text', id: questionId });
    this.keepButton = button('Keep training', () => this.closeConfirm(true));
    this.confirm = el(
      'div',
      { class: 'cm-confirm', role: 'group', 'aria-labelledby': questionId, hidden: true },
      this.confirmText,
      el(
        'div',
        { class: 'cm-controls' },
        this.keepButton,
        button('Discard it and restart', () => {
          this.closeConfirm(true);
          actions.train();
        }),
      ),
    );
    this.confirm.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closeConfirm(true);
      }
    });
    this.actions = actions;

    const noteId = `${base}-settings-note`;
    this.settings = el(
      'fieldset',
      { class: 'cm-settings', 'aria-describedby': noteId },
      el('legend', {}, 'Model'),
      labelled('Cell', cell),
      labelled('Hidden units', hidden),
      labelled('Sequence length', seq),
      labelled('Seed', seed),
      el('p', { class: 'cm-note', id: noteId }, 'These take effect when you press Train.'),
    );
    this.controls = el(
      'div',
      { class: 'cm-controls' },
      this.buttons.train,
      this.buttons.pause,
      this.buttons.step,
      this.cancelButton,
      labelled('Learning rate', lr, ' cm-lr'),
    );
  }

  /** Train, or Restart: that asks first when it would discard a model that has trained. */
  private pressTrain(): void {
    const discards = this.actions.discards();
    if (discards === null) {
      this.actions.train();
      return;
    }
    this.confirmText.textContent =
      `Restart discards the model of run #${discards.run}, trained for ${discards.step.toLocaleString('en-US')} ` +
      `steps: it stops, its curves stay on the chart, but it writes no more samples. Then a new model trains ` +
      `with the settings above.`;
    this.confirm.hidden = false;
    this.keepButton.focus();
  }

  /** Close the question; `refocus` puts the keyboard back on Train (Restart), where the reader was before. */
  private closeConfirm(refocus: boolean): void {
    if (this.confirm.hidden) return;
    this.confirm.hidden = true;
    if (refocus) this.buttons.train.focus();
  }

  /** Enable what makes sense now: settings only between runs, Pause while running or paused, Step while paused. */
  render(status: WorkerRunStatus | null, active: boolean): void {
    // The run the question was about has ended: there is nothing to discard any more.
    if (!active && !this.confirm.hidden) this.closeConfirm(this.confirm.contains(document.activeElement));
    for (const input of this.inputs) input.disabled = active;
    const { train, pause, step } = this.buttons;
    train.textContent = active ? 'Restart' : status === null ? 'Train' : 'Train again';
    pause.disabled = status !== 'running' && status !== 'paused';
    pause.textContent = status === 'paused' ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(status === 'paused'));
    step.disabled = status !== 'paused';
    this.cancelButton.disabled = !active;
  }
}
