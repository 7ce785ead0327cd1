// The run labs' chapter questions: loads a preset into its batch box, queues its runs as one group (from the box, or at
// once when the chapter's Predict block asks), reports their progress to the question and, when every run has ended,
// reads the answer off them and says it in the lab too. One piece for the training, forecast, teacher forcing and
// attention labs; each lab brings its presets, how a preset's settings become run configs, and where its boxes are.
import { el } from '../../lib/dom';
import { PREDICT_RUN, reportPredictResult, reportPredictStatus, takePendingRequest } from '../../lib/predict';
import type { RunRecord } from '../../lib/runHistory';
import type { LabRunner, RunRequest } from './runner';

/** What a preset's finished runs say: the choice they support (or a number, `value`) and a sentence. */
export interface LabPresetOutcome {
  choice: number | null;
  value?: number;
  summary: string;
}

/** The part of a lab's preset the controller reads. */
export interface LabPreset {
  id: string;
  title: string;
  question: string;
  runs: readonly { label: string }[];
  /** Reads the answer off the runs (in the order of `runs`), once all have ended. */
  outcome(runs: readonly RunRecord[]): LabPresetOutcome;
}

/** One run of a batch: its request (config, label, data source) and its settings in a few words for the list. */
export interface BatchRun extends Omit<RunRequest, 'group'> {
  label: string;
  words: string;
}

/** Runs waiting for the reader to press Train: a preset's, or (preset null) another set such as a shared link's. */
export interface Batch<P extends LabPreset> {
  title: string;
  /** The question, for a preset. */
  question: string | null;
  preset: P | null;
  runs: readonly BatchRun[];
}

/** Where a lab shows its presets. */
export interface PresetBoxes {
  /** Where the waiting runs are listed with Train and Dismiss; null: the lab trains a loaded preset from its own button. */
  batch: HTMLElement | null;
  /** Where the answer is said when a preset's runs have ended. */
  answer: HTMLElement;
  /** A polite live region for the same answer. */
  live: HTMLElement;
  /** The preset menu, set to the loaded preset. */
  presetSelect?: HTMLSelectElement | null;
}

/** What the controller needs from its lab. */
export interface PresetControllerOptions<P extends LabPreset> {
  /** The lab element: the chapter's Predict requests arrive on it. */
  host: HTMLElement;
  runner: LabRunner;
  /** The lab's preset with this id, if any. */
  find: (id: string) => P | undefined;
  /** The preset's runs as the lab trains them: its settings turned into configs. */
  runsOf: (preset: P) => readonly BatchRun[];
  /** Put the preset's (first run's) settings in the lab's form. */
  onLoad?: (preset: P) => void;
  /** Runs were queued: render. */
  onQueued?: () => void;
  /** The lab's boxes the controller fills (a lab passes its parts). */
  boxes: PresetBoxes;
  /** Whether a diverged run still answers the question (it does where divergence is the lesson; default true). */
  divergedAnswers?: boolean;
}

const GROUP_PREFIX = 'preset:';

/** The id of the preset a run group belongs to, or null. */
export function presetIdOf(group: string | null | undefined): string | null {
  return group ? (new RegExp(`^${GROUP_PREFIX}([^:]+):`).exec(group)?.[1] ?? null) : null;
}

/**
 * The runs of a preset whose runs are settings (`{ label, settings }`): each made whole, turned into its config and
 * said in a few words.
 */
export function settingsRuns<R extends { label: string }, S>(
  runs: readonly R[],
  settingsOf: (run: R) => S,
  toConfig: (settings: S) => RunRequest['config'],
  words: (settings: S) => string,
): BatchRun[] {
  return runs.map((r) => {
    const settings = settingsOf(r);
    return { label: r.label, config: toConfig(settings), words: words(settings) };
  });
}

/** "#1", "#1 and #2", "#1, #2 and #3". */
export function runNames(runs: readonly RunRecord[]): string {
  const names = runs.map((r) => `#${r.number}`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A lab's presets: its batch box, its answers to the chapter's Predict questions, and the groups they train as. */
export class PresetController<P extends LabPreset> {
  private batch: Batch<P> | null = null;
  /** The preset last loaded, until the reader changes a setting (labs without a batch box train it from their button). */
  private loadedPreset: P | null = null;
  private groupCounter = 0;

  constructor(private readonly options: PresetControllerOptions<P>) {}

  /** The preset loaded and not yet varied, or null. */
  get loaded(): P | null {
    return this.loadedPreset;
  }

  /** Answers Predict requests: the one waiting now and each that arrives later. */
  listen(): void {
    this.options.host.addEventListener(PREDICT_RUN, () => this.takeRequest());
    this.takeRequest();
  }

  /** Loads a preset: its runs wait in the batch box and the form shows its first run's settings. */
  load(id: string): P | null {
    const preset = this.options.find(id) ?? null;
    this.loadedPreset = preset;
    if (!preset) return null;
    this.options.boxes.answer.hidden = true;
    if (this.options.boxes.presetSelect) this.options.boxes.presetSelect.value = id;
    if (this.options.boxes.batch)
      this.show({ title: preset.title, question: preset.question, preset, runs: this.options.runsOf(preset) });
    this.options.onLoad?.(preset);
    return preset;
  }

  /** The reader changed a setting: the lab's own button no longer trains the loaded preset. */
  forget(): void {
    this.loadedPreset = null;
  }

  /** Lists a batch in the box with Train and Dismiss (null empties and hides the box). */
  show(batch: Batch<P> | null): void {
    const box = this.options.boxes.batch;
    if (!box) return;
    this.batch = batch;
    box.hidden = batch === null;
    if (!batch) {
      box.replaceChildren();
      return;
    }
    const n = batch.runs.length;
    box.replaceChildren(
      el('p', { class: 'lab-subtitle' }, batch.title),
      el('p', { class: 'lab-question', hidden: batch.question === null }, batch.question ?? ''),
      el(
        'ul',
        { class: 'lab-batch-runs' },
        ...batch.runs.map((r) => el('li', {}, el('strong', {}, r.label), `: ${r.words}`)),
      ),
      el(
        'div',
        { class: 'lab-controls' },
        el(
          'button',
          { type: 'button', class: 'button button-primary', onclick: () => this.start() },
          n === 1 ? 'Train it' : `Train all ${n}`,
        ),
        el('button', { type: 'button', class: 'button', onclick: () => this.show(null) }, 'Dismiss'),
      ),
    );
  }

  /** Queues the batch in the box, or (a lab without one) the loaded preset's runs. */
  start(): void {
    if (this.options.boxes.batch) {
      const batch = this.batch;
      if (!batch) return;
      this.show(null);
      this.queue(batch.preset, batch.runs);
    } else if (this.loadedPreset) {
      const preset = this.loadedPreset;
      this.loadedPreset = null;
      this.queue(preset, this.options.runsOf(preset));
    }
  }

  /** Queues runs as one group; a preset's group answers its question when every run has ended. */
  queue(preset: P | null, runs: readonly BatchRun[], otherGroup: string | null = null): void {
    const stamp = `${Date.now().toString(36)}-${++this.groupCounter}`;
    const group = preset ? `${GROUP_PREFIX}${preset.id}:${stamp}` : otherGroup && `${otherGroup}:${stamp}`;
    this.options.runner.enqueue(
      runs.map((r) => ({ config: r.config, label: r.label, group, dataSource: r.dataSource ?? null })),
    );
    if (preset)
      reportPredictStatus({
        preset: preset.id,
        text: `The lab is training ${runs.length} run${runs.length === 1 ? '' : 's'}…`,
      });
    this.options.onQueued?.();
  }

  /** Tells the question whose preset the active run belongs to how far its runs have got (`what`: "step 40 of 300"). */
  reportProgress(active: RunRecord, what: string): void {
    const preset = presetIdOf(active.group);
    if (!preset) return;
    const group = this.options.runner.groupOf(active);
    const label = active.label ? ` (${active.label})` : '';
    reportPredictStatus({
      preset,
      text: `Training run ${group.indexOf(active) + 1} of ${group.length}${label}: ${what}.`,
    });
  }

  /** For the runner's onGroupEnded: a preset's finished runs answer its question, in the question and in the lab. */
  groupEnded(group: string, runs: readonly RunRecord[]): void {
    const id = presetIdOf(group);
    const preset = id ? this.options.find(id) : undefined;
    if (!preset) return;
    const divergedAnswers = this.options.divergedAnswers ?? true;
    const spoilt = (r: RunRecord) =>
      r.state === 'cancelled' || r.state === 'error' || (!divergedAnswers && r.state === 'diverged');
    if (runs.length !== preset.runs.length || runs.some(spoilt)) {
      const diverged = divergedAnswers ? undefined : runs.find((r) => r.state === 'diverged');
      reportPredictStatus({
        preset: preset.id,
        text: diverged
          ? `Run #${diverged.number} diverged, so these runs do not answer the question: ${diverged.message ?? ''}`
          : 'A run was stopped or failed before it finished, so these runs do not answer the question; run it again.',
      });
      return;
    }
    const outcome = preset.outcome(runs);
    reportPredictResult({
      preset: preset.id,
      result: {
        choice: outcome.choice,
        value: outcome.value ?? null,
        summary: `${outcome.summary} (${runs.length === 1 ? 'Run' : 'Runs'} ${runNames(runs)} in the lab.)`,
      },
    });
    this.options.boxes.live.textContent = `${preset.title}: ${outcome.summary}`;
    // Said in the lab too, with a way back to the question when the page asks it.
    const question = document.querySelector<HTMLElement>(`unrolled-predict[data-preset="${preset.id}"]`);
    const answer = this.options.boxes.answer;
    answer.hidden = false;
    answer.replaceChildren(
      el('strong', {}, `${preset.title}${preset.title.endsWith('?') ? ' ' : ': '}`),
      `${outcome.summary} `,
      question?.id ? el('a', { href: `#${question.id}` }, 'Back to the question') : '',
    );
  }

  /** A Predict question asked for its preset: load it and train it at once. */
  private takeRequest(): void {
    const request = takePendingRequest(this.options.host);
    if (!request) return;
    if (!this.load(request.preset)) {
      reportPredictStatus({ ...request, text: `The lab has no preset “${request.preset}”.` });
      return;
    }
    this.start();
  }
}
