// The sentiment lab's controls: the data (a real sentence file, the negation set, or the reader's own file), the
// file to test on, the model's settings (the listings follow them), the run buttons, and the weights both ways.
import { LABELLED_SOURCE_NAMES } from '../../../engine/data/labelledSentences';
import { CELL_TYPES, type CellType } from '../../../engine/ops/recurrentLayout';
import { el } from '../../lib/dom';
import { numberInput } from '../../lib/numberInput';
import type { WorkerRunStatus } from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import { DATA_CHOICES, sentimentLabSpec, TEST_CHOICES, type DataChoice, type TestChoice } from './state';

type State = StateOf<typeof sentimentLabSpec>;

const CELL_LABELS: Record<CellType, string> = { rnn: 'RNN (nn.RNN, tanh)', lstm: 'LSTM', gru: 'GRU' };
const DATA_LABELS: Record<DataChoice, string> = {
  imdb: `IMDb (${LABELLED_SOURCE_NAMES.imdb})`,
  amazon: `Amazon (${LABELLED_SOURCE_NAMES.amazon})`,
  yelp: `Yelp (${LABELLED_SOURCE_NAMES.yelp})`,
  negation: 'Negation set (written for this course)',
};
const TEST_LABELS: Record<TestChoice, string> = {
  same: 'its own test split',
  imdb: 'the IMDb test split',
  amazon: 'the Amazon test split',
  yelp: 'the Yelp test split',
};

/** What the form asks of the lab. */
export interface FormActions {
  set: (patch: Partial<State>) => void;
  train: () => void;
  togglePause: () => void;
  step: () => void;
  cancel: () => void;
  /** The reader chose their own data (one CSV, or an aclImdb folder's files); null goes back to the site's data. */
  ownData: (files: File[] | null) => void;
  /** The reader chose a model file to load (from the PyTorch script or an earlier download). */
  loadModel: (file: File) => void;
  download: () => void;
  notice: (text: string) => void;
}

function select<T extends string>(label: string, values: readonly T[], current: T, name: (v: T) => string) {
  return el(
    'select',
    { class: 'sl-input', 'aria-label': label },
    ...values.map((v) => el('option', { value: v, selected: v === current }, name(v))),
  );
}

const labelled = (label: string, control: HTMLElement): HTMLLabelElement =>
  el('label', { class: 'sl-field' }, el('span', { class: 'sl-label' }, label), control);

/** A button that opens a hidden file input: keyboard- and screen-reader-friendly, unlike a styled bare input. */
function filePicker(text: string, accept: string, onFiles: (files: File[]) => void, folder = false) {
  const input = el('input', { type: 'file', accept, class: 'visually-hidden', tabindex: -1, 'aria-hidden': 'true' });
  if (folder) input.setAttribute('webkitdirectory', '');
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) onFiles(files);
  });
  const button = el('button', { type: 'button', class: 'button', onclick: () => input.click() }, text);
  return { button, input };
}

/** The data fieldset, the model fieldset, the run controls and the weights row; the lab places each. */
export class LabForm {
  readonly data: HTMLFieldSetElement;
  readonly model: HTMLFieldSetElement;
  readonly controls: HTMLElement;
  readonly weights: HTMLElement;
  /** The file input for the reader's CSV, for tests and for `ownData` to show which file is in use. */
  readonly csvInput: HTMLInputElement;
  readonly modelInput: HTMLInputElement;
  private readonly ownLine = el('p', { class: 'sl-note', hidden: true });
  private readonly dataSelect: HTMLSelectElement;
  private readonly testSelect: HTMLSelectElement;
  private readonly settingInputs: (HTMLSelectElement | HTMLInputElement)[];
  private readonly buttons: { train: HTMLButtonElement; pause: HTMLButtonElement; step: HTMLButtonElement };
  private readonly cancelButton: HTMLButtonElement;
  private readonly downloadButton: HTMLButtonElement;
  private readonly pickers: HTMLButtonElement[];
  private own: File[] | null = null;

  constructor(
    state: State,
    private readonly actions: FormActions,
  ) {
    this.dataSelect = select('Training data', DATA_CHOICES, state.data, (v) => DATA_LABELS[v]);
    this.testSelect = select('Test on', TEST_CHOICES, state.test, (v) => TEST_LABELS[v]);
    this.dataSelect.addEventListener('change', () => {
      this.useOwn(null);
      actions.set({ data: this.dataSelect.value as DataChoice });
    });
    this.testSelect.addEventListener('change', () => actions.set({ test: this.testSelect.value as TestChoice }));
    const csv = filePicker('Your own CSV…', '.csv,text/csv,text/plain', (files) => this.useOwn(files));
    const folder = filePicker('An aclImdb folder…', '', (files) => this.useOwn(files), true);
    this.csvInput = csv.input;
    this.data = el(
      'fieldset',
      { class: 'sl-settings' },
      el('legend', {}, 'Data'),
      labelled('Train on', this.dataSelect),
      labelled('Test on', this.testSelect),
      el(
        'div',
        { class: 'sl-field sl-own' },
        el('span', { class: 'sl-label' }, 'Or your own reviews'),
        el('span', { class: 'sl-row' }, csv.button, folder.button),
        csv.input,
        folder.input,
      ),
      this.ownLine,
    );

    const cell = select('Cell type', CELL_TYPES, state.cell, (c) => CELL_LABELS[c]);
    cell.addEventListener('change', () => actions.set({ cell: cell.value as CellType }));
    const spec = sentimentLabSpec;
    const number = (key: 'embed' | 'hidden' | 'epochs' | 'lr' | 'seed', label: string) =>
      numberInput(spec[key], {
        value: state[key],
        label: `The ${label.toLowerCase()}`,
        attrs: { class: 'sl-input sl-number', 'aria-label': label },
        onValue: (v) => actions.set({ [key]: v }),
        onNotice: actions.notice,
      });
    const inputs = {
      embed: number('embed', 'Embedding size'),
      hidden: number('hidden', 'Hidden size'),
      epochs: number('epochs', 'Epochs'),
      lr: number('lr', 'Learning rate'),
      seed: number('seed', 'Seed'),
    };
    this.model = el(
      'fieldset',
      { class: 'sl-settings' },
      el('legend', {}, 'Model (both listings follow)'),
      labelled('Cell', cell),
      labelled('Embedding size', inputs.embed),
      labelled('Hidden size', inputs.hidden),
      labelled('Epochs', inputs.epochs),
      labelled('Learning rate (Adam)', inputs.lr),
      labelled('Seed', inputs.seed),
    );
    const button = (text: string, onclick: () => void, primary = false): HTMLButtonElement =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    this.buttons = {
      train: button('Train', actions.train, true),
      pause: button('Pause', actions.togglePause),
      step: button('Step', actions.step),
    };
    this.cancelButton = button('Cancel', actions.cancel);
    this.controls = el(
      'div',
      { class: 'sl-controls' },
      this.buttons.train,
      this.buttons.pause,
      this.buttons.step,
      this.cancelButton,
    );
    this.settingInputs = [this.dataSelect, this.testSelect, cell, ...Object.values(inputs)];

    const model = filePicker('Load a model file…', '.json,application/json', ([file]) => actions.loadModel(file));
    this.modelInput = model.input;
    this.downloadButton = button('Download for PyTorch', actions.download);
    this.pickers = [csv.button, folder.button, model.button];
    this.weights = el('div', { class: 'sl-weights' }, this.downloadButton, model.button, model.input);
  }

  /** The reader's own files in use, or null for the site's data. */
  get ownFiles(): File[] | null {
    return this.own;
  }

  private useOwn(files: File[] | null): void {
    this.own = files;
    this.ownLine.hidden = files === null;
    if (files !== null) {
      const what = files.length === 1 ? files[0].name : `${files.length.toLocaleString('en-US')} files`;
      this.ownLine.replaceChildren(
        `Training on your data: ${what}. `,
        el(
          'button',
          { type: 'button', class: 'sl-link', onclick: () => this.useOwn(null) },
          'Use the site’s data again',
        ),
      );
    }
    this.testSelect.disabled = files !== null || this.dataSelect.value === 'negation';
    this.actions.ownData(files);
  }

  /** Enable what makes sense now. */
  render(status: WorkerRunStatus | null, active: boolean, canDownload: boolean, negation: boolean): void {
    for (const input of this.settingInputs) input.disabled = active;
    this.testSelect.disabled = active || negation || this.own !== null;
    for (const picker of this.pickers) picker.disabled = active;
    const { train, pause, step } = this.buttons;
    train.textContent = active ? 'Restart' : status === null ? 'Train' : 'Train again';
    pause.disabled = status !== 'running' && status !== 'paused';
    pause.textContent = status === 'paused' ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(status === 'paused'));
    step.disabled = status !== 'paused';
    this.cancelButton.disabled = !active;
    this.downloadButton.disabled = !canDownload;
  }
}
