// <sentiment-lab>: chapter 9's sentiment classifier, trained in a Web Worker on real review sentences, with the
// PyTorch code and the engine's code that runs side by side. This file is the element: it lays out the panels (each
// its own module), keeps the settings in the URL, drives runs and loads, hands each run's report to the panels, and
// answers chapter 9's Predict questions (restarted on the question's preset, it trains and reports what the run shows).
import { addShareButton } from '../../lib/shareDialog';
import {
  PREDICT_RUN,
  reportPredictResult,
  reportPredictStatus,
  takePendingRequest,
  type PredictRequest,
} from '../../lib/predict';
import { restartOnPreset } from '../../lib/predictPresets';
import { LABELLED_ATTRIBUTION } from '../../../engine/data/labelledSentences';
import type { SentimentReport } from '../../../engine/train/tasks/sentiment';
import { el } from '../../lib/dom';
import {
  TrainerClient,
  type DataSource,
  type RunInfo,
  type TrainingRun,
  type WorkerRunStatus,
} from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import { LabForm } from './form';
import { ListingsPanel } from './listingsPanel';
import { dataName, dataUrl, listingSettings, runConfig } from './model';
import { PaddingPanel } from './paddingPanel';
import { ACTIVE, ProgressPanel } from './progressPanel';
import { ReviewReader, type Reading } from './reader';
import { ReaderPanel } from './readerPanel';
import { paddingOutcome, runOutcome, TRAINING_PRESETS } from './predictions';
import type { PreviewBatches } from './previewBatches';
import { ResultsPanel } from './resultsPanel';
import { SENTIMENT_PRESETS, sentimentLabUrl, type sentimentLabSpec } from './state';

type State = StateOf<typeof sentimentLabSpec>;

/** Fold progress into the page at most this often. */
const UI_INTERVAL_MS = 250;
/** Attribute carrying a Predict question's request to the lab restarted on its preset, which then trains. */
const START_ATTR = 'data-predict-start';

class SentimentLabElement extends HTMLElement {
  private state!: State;
  private client: TrainerClient | null = null;
  private run: TrainingRun | null = null;
  private info: RunInfo | null = null;
  private status: WorkerRunStatus | null = null;
  /** What the current run is: trained here, or a model file loaded (its name). */
  private loading: string | null = null;
  private startedAt = 0;
  private latestReport: SentimentReport | null = null;
  private reviewReader: ReviewReader | null = null;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private built = false;
  /** The Predict question the current run answers, if any. */
  private predicting: PredictRequest | null = null;
  private batches: PreviewBatches = {};
  private parts!: {
    notice: HTMLElement;
    alert: HTMLElement;
    credit: HTMLElement;
    form: LabForm;
    listings: ListingsPanel;
    progress: ProgressPanel;
    results: ResultsPanel;
    reader: ReaderPanel;
    padding: PaddingPanel;
  };

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const { state, notices } = sentimentLabUrl.read();
    this.state = state;
    this.build();
    addShareButton(this, 'sentiment-lab');
    this.showNotice(notices.join(' '));
    this.parts.listings.observe();
    this.afterSettings();
    this.addEventListener(PREDICT_RUN, () => this.takePredictRequest());
    this.takePredictRequest();
    this.startPredicted();
  }

  /**
   * A Predict question asks for one of the lab's presets. The padding picture's answers at once (the lab restarts on
   * the IMDb sentences, unless it is busy training); a training preset restarts the lab on it and the new element
   * trains (startPredicted), or a busy lab says so.
   */
  private takePredictRequest(): void {
    const request = takePendingRequest(this);
    if (!request) return;
    if (!SENTIMENT_PRESETS.some((p) => p.id === request.preset)) {
      reportPredictStatus({ ...request, text: `This lab has no experiment “${request.preset}”.` });
      return;
    }
    if (this.isActive()) {
      if (!TRAINING_PRESETS.includes(request.preset)) this.answerPadding(request);
      else
        reportPredictStatus({
          ...request,
          text: 'The lab is busy with a run: stop it or let it finish, then run the experiment again.',
        });
      return;
    }
    if (!TRAINING_PRESETS.includes(request.preset)) {
      restartOnPreset(this, 'sentiment-lab', request.preset);
      this.answerPadding(request);
      return;
    }
    this.setAttribute(START_ATTR, JSON.stringify(request));
    // The new element (a copy of this one's attributes) starts the run; this one, now out of the page, must not.
    if (restartOnPreset(this, 'sentiment-lab', request.preset)) this.removeAttribute(START_ATTR);
    else this.startPredicted();
  }

  /** The padding question's answer: the first batch of IMDb sentences the padding picture draws. */
  private answerPadding(request: PredictRequest): void {
    const batch = this.batches.imdb?.[0];
    if (batch) reportPredictResult({ preset: request.preset, result: paddingOutcome(batch) });
    else reportPredictStatus({ ...request, text: 'The padding picture has no batch to draw, so it answers nothing.' });
  }

  /** Train the run a Predict question asked for when the lab was restarted on its preset. */
  private startPredicted(): void {
    const raw = this.getAttribute(START_ATTR);
    this.removeAttribute(START_ATTR);
    if (!raw) return;
    try {
      this.predicting = JSON.parse(raw) as PredictRequest;
    } catch {
      return;
    }
    this.train();
    reportPredictStatus({
      ...this.predicting,
      text: 'The lab is training the model; the result appears here when the run ends (the lab’s status line says how far it is).',
    });
  }

  /** The run a question asked for has ended: report what its test results show, or that it did not finish. */
  private reportPredicted(report: SentimentReport | null): void {
    const request = this.predicting;
    if (!request) return;
    this.predicting = null;
    const result = report?.finished ? runOutcome(request.preset, report.test) : null;
    if (result) reportPredictResult({ preset: request.preset, result });
    else
      reportPredictStatus({
        ...request,
        text: 'The run did not finish, so it answers nothing; run it again, or show the answer.',
      });
  }

  disconnectedCallback(): void {
    if (!this.isConnected) {
      this.parts.listings.disconnect();
      this.client?.dispose();
      this.client = null;
    }
  }

  /** The model's reading of the review in the box, for the browser tests (null before a model exists). */
  reading(): Reading | null {
    return this.parts.reader.reading();
  }

  /** P(positive) of whole texts by the listing's batched forward pass, for the browser tests. */
  predict(texts: string[]): number[] {
    return this.reviewReader?.predict(texts) ?? [];
  }

  /** The last run's report (model, test predictions), for the browser tests. */
  get report(): SentimentReport | null {
    return this.latestReport;
  }

  /** Milliseconds the reader's last redraw took (tokenize, forward pass, draw). */
  get readerRenderMs(): number {
    return this.parts.reader.lastRenderMs;
  }

  private build(): void {
    const base = this.id || 'sentiment-lab';
    const site = import.meta.env.BASE_URL;
    const root = site.endsWith('/') ? site : `${site}/`;
    const form = new LabForm(this.state, {
      set: (patch) => this.set(patch),
      train: () => {
        // A run the reader starts answers no question.
        this.predicting = null;
        this.train();
      },
      togglePause: () => this.togglePause(),
      step: () => this.run?.step(1),
      cancel: () => this.run?.cancel(),
      ownData: () => this.afterSettings(),
      loadModel: (file) => this.loadModel(file),
      download: () => this.download(),
      notice: (text) => this.showNotice(text),
    });
    try {
      this.batches = JSON.parse(this.dataset.batches ?? '{}') as PreviewBatches;
    } catch {
      // The shell always writes valid JSON; without it the padding panel says it has no batch.
    }
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      alert: el('p', { class: 'widget-notice sl-alert', role: 'alert', hidden: true }),
      credit: el('p', { class: 'sl-credit' }),
      form,
      listings: new ListingsPanel(listingSettings(this.state), `${root}code/sentiment_rnn.py`),
      progress: new ProgressPanel(),
      results: new ResultsPanel(),
      reader: new ReaderPanel(this.state.review, (review) => this.set({ review }, false)),
      padding: new PaddingPanel(this.batches),
    };
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    const p = this.parts;
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Sentiment lab: an RNN on real review sentences'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Train chapter 9’s model in a background thread of your browser, see how it does against a ' +
          'bag-of-words model, and watch it read a review word by word. The settings change both listings: the ' +
          'PyTorch one, and the engine code this lab runs.',
      ),
      p.notice,
      el('div', { class: 'sl-forms' }, form.data, form.model),
      p.listings.element,
      form.controls,
      p.alert,
      p.progress.element,
      p.results.element,
      el(
        'section',
        { class: 'sl-weights-box', 'aria-label': 'Weights both ways' },
        el('p', { class: 'sl-subtitle' }, 'Weights both ways'),
        el(
          'p',
          { class: 'sl-note' },
          'Download the trained model (its state_dict and vocabulary as JSON) and read it into PyTorch with ',
          el(
            'a',
            { href: `${root}code/sentiment_predict.py`, download: 'sentiment_predict.py' },
            'sentiment_predict.py',
          ),
          ' (next to sentiment_rnn.py); or load a file that sentiment_rnn.py --out wrote, and this lab shows what that model does on the same test sentences.',
        ),
        form.weights,
      ),
      p.reader.element,
      p.padding.element,
      p.credit,
    );
    this.addEventListener('keydown', (event) => this.onKey(event));
    this.tabIndex = 0;
  }

  /** Keep changed settings and write them to the URL; settings that shape the model redraw the listings. */
  private set(patch: Partial<State>, model = true): void {
    Object.assign(this.state, patch);
    sentimentLabUrl.save(this.state);
    if (model) this.afterSettings();
  }

  private afterSettings(): void {
    const own = this.parts.form.ownFiles !== null;
    this.parts.listings.update(listingSettings(this.state, own));
    this.parts.padding.use(this.state.data, own);
    this.parts.credit.replaceChildren(...this.creditLine(own));
    this.renderControls();
    this.renderStatus();
  }

  private creditLine(own: boolean): (Node | string)[] {
    const root = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
    const uci = [
      'Real review sentences: ',
      LABELLED_ATTRIBUTION,
      ' (',
      el('a', { href: `${root}data/sentiment-labelled-sentences/README.md` }, 'files, license and split'),
      '). ',
    ];
    if (own) return ['Data: your own file, read in your browser and not sent anywhere. ', ...uci];
    if (this.state.data === 'negation')
      return [
        'Data: 3,000 sentences written for this course, most composed by a grammar so that negation and contrast decide the label; not real reviews. ',
        ...uci,
      ];
    return ['Data: ', ...uci];
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

  /** Where the worker reads the data: the site's file for the choice, or the reader's own files. */
  private dataSource(): DataSource {
    const own = this.parts.form.ownFiles;
    if (own) return { kind: 'files', files: own.map((file) => ({ path: file.webkitRelativePath || file.name, file })) };
    return { kind: 'url', url: dataUrl(import.meta.env.BASE_URL, location.href, this.state.data) };
  }

  private train(): void {
    this.begin(null);
  }

  private loadModel(file: File): void {
    this.predicting = null;
    this.begin(file);
  }

  /** Start a run: training from scratch, or (with a model file) evaluating that model on the same data. */
  private begin(modelFile: File | null): void {
    this.client ??= new TrainerClient();
    const own = this.parts.form.ownFiles !== null;
    const config = runConfig(this.state, own);
    this.loading = modelFile?.name ?? null;
    this.info = null;
    this.latestReport = null;
    this.startedAt = performance.now();
    this.parts.progress.reset();
    this.parts.results.clear(modelFile ? `Loading ${modelFile.name}…` : 'Training…');
    this.showAlert(null);
    const run = modelFile
      ? this.client.start({ ...config, epochs: 0 }, this.dataSource(), {
          kind: 'files',
          files: [{ path: modelFile.name, file: modelFile }],
        })
      : this.client.start(config, this.dataSource());
    this.run = run;
    this.status = 'loading';
    run.onStatus((status, message) => {
      if (this.run === run) this.onStatus(run, status, message);
    });
    run.ready.then(
      (info) => {
        if (this.run !== run) return;
        this.info = info;
        this.scheduleUi();
      },
      () => undefined,
    );
    void this.follow(run);
    this.renderControls();
    this.renderStatus();
  }

  private async follow(run: TrainingRun): Promise<void> {
    for await (const progress of run.progress()) {
      if (this.run !== run) return;
      this.parts.progress.add(progress, this.info?.stepsPerEpoch ?? 1);
      this.scheduleUi();
    }
  }

  private onStatus(run: TrainingRun, status: WorkerRunStatus, message: string | null): void {
    this.status = status;
    if (status === 'paused' || !ACTIVE.includes(status)) this.parts.progress.finish();
    if (status === 'diverged')
      this.showAlert(`${message ?? 'The loss stopped being a number.'} Press Train to start again.`);
    else if (status === 'error')
      this.showAlert(
        `${this.loading ? `${this.loading} could not be used` : 'Training stopped'}: ` +
          `${message ?? 'unknown error'}. The lab still works: change the file or the settings and try again.`,
      );
    if (status === 'done' || status === 'cancelled' || status === 'early-stopped' || status === 'paused')
      void this.fetchReport(run, status);
    else if (status === 'error' || status === 'diverged') {
      this.parts.results.clear('No results: the run did not end well.');
      this.reportPredicted(null);
    }
    this.renderControls();
    // A change of status shows at once (progress is folded in every UI_INTERVAL_MS).
    this.renderStatus();
  }

  /** Ask the worker for the run's report and hand it to the results, the reader and the download. */
  private async fetchReport(run: TrainingRun, status: WorkerRunStatus): Promise<void> {
    let report: SentimentReport;
    try {
      report = (await run.report()).report as SentimentReport;
    } catch (error) {
      if (this.run === run) {
        this.parts.results.clear(`No results: ${error instanceof Error ? error.message : String(error)}.`);
        if (status !== 'paused') this.reportPredicted(null);
      }
      return;
    }
    if (this.run !== run) return;
    this.latestReport = report;
    this.parts.results.show(report, this.about(report, status));
    // A paused run may still finish; any other end answers the question it was started for (or says it cannot).
    if (status !== 'paused') this.reportPredicted(report);
    try {
      this.reviewReader = new ReviewReader(report);
      this.parts.reader.setReader(this.reviewReader);
    } catch (error) {
      this.showAlert(
        `The trained model could not be read on this page: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    this.renderControls();
  }

  /** One sentence on which model the results are of. */
  private about(report: SentimentReport, status: WorkerRunStatus): string {
    const trainedOn = this.parts.form.ownFiles ? 'your data' : dataName(this.state);
    if (this.loading) {
      const { cell, embedDim, hiddenDim } = report.settings;
      return (
        `The model in ${this.loading} (trained by ${report.loadedFrom ?? 'an unnamed trainer'}; ` +
        `${cell.toUpperCase()}, embedding ${embedDim}, hidden ${hiddenDim}), run by this page's engine on ` +
        `the test sentences of ${trainedOn}.`
      );
    }
    const seconds = ((performance.now() - this.startedAt) / 1000).toFixed(0);
    if (report.finished)
      return (
        `The weights of epoch ${report.bestEpoch} of ${report.epochsDone}, the one with the best validation ` +
        `accuracy (${Math.round(report.bestValidAccuracy * 100)}%), trained on ${trainedOn} in about ` +
        `${seconds} s.`
      );
    return (
      `The run ${status === 'paused' ? 'is paused' : 'was stopped'} after ${report.epochsDone} of ` +
      `${report.settings.epochs} epochs: these are the weights as they are now, not the best epoch's.`
    );
  }

  private download(): void {
    const report = this.latestReport;
    if (!report) return;
    const url = URL.createObjectURL(new Blob([report.file], { type: 'application/json' }));
    const a = el('a', { href: url, download: 'sentiment-model.json', hidden: true });
    this.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.showNotice(
      'Saved sentiment-model.json. In PyTorch: python3 sentiment_predict.py sentiment-model.json "Your review here."',
    );
  }

  private togglePause(): void {
    if (this.status === 'running') this.run?.pause();
    else if (this.status === 'paused') this.run?.resume();
  }

  private renderControls(): void {
    this.parts.form.render(this.status, this.isActive(), this.latestReport !== null, this.state.data === 'negation');
  }

  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.renderStatus();
    }, UI_INTERVAL_MS);
  }

  private renderStatus(): void {
    const config = runConfig(this.state, this.parts.form.ownFiles !== null);
    const ready =
      `Ready: ${config.epochs} epochs of ` +
      `${this.parts.form.ownFiles ? 'your reviews' : dataName(this.state)}, batches of ` +
      `${config.batchSize}, Adam at ${config.learningRate}.`;
    this.parts.progress.render(this.status, this.info, ready);
  }

  private showNotice(text: string): void {
    this.parts.notice.hidden = text === '';
    this.parts.notice.textContent = text;
  }

  private showAlert(text: string | null): void {
    this.parts.alert.hidden = text === null;
    this.parts.alert.textContent = text ?? '';
  }
}

if (!customElements.get('sentiment-lab')) customElements.define('sentiment-lab', SentimentLabElement);
