// <tuning-lab>: a real hyperparameter search in the browser. The reader edits the search space, picks grid search,
// random search or successive halving on one budget, and watches the trials train side by side on a pool of workers;
// then reads the results (table, dot panels, best trial) and exports them. This file is the element: it lays out the
// form, the live view and the results (each in its own module) and drives one SearchRunner at a time.
// The main thread only draws: the status every 250 ms, the curves at most once a second, the results when a trial ends.
import { addShareButton } from '../../lib/shareDialog';
import {
  PREDICT_RUN,
  reportPredictResult,
  reportPredictStatus,
  takePendingRequest,
  type PredictRequest,
} from '../../lib/predict';
import { restartOnPreset } from '../../lib/predictPresets';
import { ANSWERING_PRESETS, tuningOutcome } from './predictions';
import { el } from '../../lib/dom';
import { formatDuration } from '../../lib/format';
import { poolSize, WorkerPool } from '../../lib/workerPool';
import { measurePace, type Pace } from './calibrate';
import { SearchForm, type FormMode } from './form';
import { budgetText, LivePanel } from './live';
import { ResultsPanel } from './results';
import { SearchRunner, type SearchInput } from './runner';
import { checkSearch, firstTrials, rungsOf, type SearchSpace } from './search';
import { PRESETS, readTuningLabState, saveTuningLabState, type TuningLabState } from './state';
import { TASK_INFO, trialCost, type LabTask } from './tasks';

/** Update the status line and the worker lanes at most this often. */
const UI_INTERVAL_MS = 250;
/** Redraw the curves at most this often. */
const CHART_INTERVAL_MS = 1000;
/** Attribute carrying a Predict question's request to the lab restarted on its preset, which then starts the search. */
const START_ATTR = 'data-predict-start';

/** The search the settings describe. */
function searchInput(state: TuningLabState): SearchInput {
  const space: SearchSpace = {
    hidden: state.hidden,
    layers: state.layers,
    lr: state.lr,
    cell: state.cell,
    lrRange: [state.lrmin, state.lrmax],
    hiddenRange: [state.hmin, state.hmax],
  };
  return {
    task: state.task,
    method: state.method,
    space,
    trials: state.trials,
    steps: state.steps,
    evalEvery: state.every,
    seed: state.seed,
  };
}

/**
 * The time a search should take here, before it starts: each trial's work at the measured pace plus its loading,
 * laid out over the workers in order (the later rounds of successive halving at the first round's mean cost).
 */
export function estimateMs(input: SearchInput, pace: Pace, workers: number): number {
  const first = firstTrials(input.space, input.method, input.trials, input.seed);
  const rungs = rungsOf(input.method, first.length, input.steps);
  const free = new Array<number>(workers).fill(0);
  const place = (ms: number): void => {
    const i = free.indexOf(Math.min(...free));
    free[i] += ms;
  };
  const cost = (steps: number) => (s: (typeof first)[number]) =>
    trialCost(input.task, s, steps, input.evalEvery) / pace.macsPerMs + pace.loadMs;
  const firstCosts = first.map(cost(rungs[0].steps));
  firstCosts.forEach(place);
  const meanPerStep = firstCosts.reduce((a, b) => a + b, 0) / first.length / rungs[0].steps;
  for (let k = 1; k < rungs.length; k++) {
    free.fill(Math.max(...free));
    for (let i = 0; i < rungs[k].trials; i++) place(meanPerStep * rungs[k].steps);
  }
  return Math.max(...free);
}

class TuningLabElement extends HTMLElement {
  private state!: TuningLabState;
  private pool: WorkerPool | null = null;
  private runner: SearchRunner | null = null;
  private readonly workers = poolSize();
  private pace: Partial<Record<LabTask, Pace>> = {};
  private measuring: LabTask | null = null;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private chartTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private lastChartAt = -Infinity;
  private endedRecorded = -1;
  private built = false;
  private resizeObserver: ResizeObserver | null = null;
  /** The Predict question the running search answers, if any. */
  private predicting: PredictRequest | null = null;
  private parts!: {
    notice: HTMLElement;
    alert: HTMLElement;
    budget: HTMLElement;
    form: SearchForm;
    live: LivePanel;
    results: ResultsPanel;
  };

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const { state, notices } = readTuningLabState(new URLSearchParams(location.search));
    this.state = state;
    // As every widget does: when a value was not used as given, the address shows what the lab uses instead.
    if (notices.length > 0) saveTuningLabState(state);
    this.build();
    addShareButton(this, 'tuning-lab');
    this.showNotice(notices.join(' '));
    this.renderAll();
    this.resizeObserver = new ResizeObserver(() => this.scheduleChart(true));
    this.resizeObserver.observe(this.parts.live.chart);
    // Measure this device once the lab is on screen and the page is idle, for the time estimate.
    setTimeout(() => this.calibrate(), 1500);
    this.addEventListener(PREDICT_RUN, () => this.takePredictRequest());
    this.takePredictRequest();
    this.startPredicted();
  }

  /**
   * A Predict question asks for one of the presets that answer it: the lab starts afresh on that preset (its form
   * shows the settings) and the new element starts the search (startPredicted); a busy lab says so instead.
   */
  private takePredictRequest(): void {
    const request = takePendingRequest(this);
    if (!request) return;
    if (!ANSWERING_PRESETS.includes(request.preset) || !(request.preset in PRESETS)) {
      reportPredictStatus({ ...request, text: `This lab has no experiment “${request.preset}”.` });
      return;
    }
    if (this.runner?.state === 'running' || this.runner?.state === 'paused') {
      reportPredictStatus({
        ...request,
        text: 'The lab is busy with a search: cancel it or let it finish, then run the experiment again.',
      });
      return;
    }
    this.setAttribute(START_ATTR, JSON.stringify(request));
    // The new element (a copy of this one's attributes) starts the run; this one, now out of the page, must not.
    if (restartOnPreset(this, 'tuning-lab', request.preset)) this.removeAttribute(START_ATTR);
    else this.startPredicted();
  }

  /** Start the search a Predict question asked for when the lab was restarted on its preset. */
  private startPredicted(): void {
    const raw = this.getAttribute(START_ATTR);
    this.removeAttribute(START_ATTR);
    if (!raw) return;
    try {
      this.predicting = JSON.parse(raw) as PredictRequest;
    } catch {
      return;
    }
    this.start();
    reportPredictStatus({
      ...this.predicting,
      text: 'The lab below is training the run; the result appears here when it ends (its budget line says about when).',
    });
  }

  /** How far the search a question asked for is, in the question's status line (a grid takes minutes). */
  private reportPredictProgress(): void {
    const runner = this.runner;
    if (!this.predicting || runner?.state !== 'running') return;
    const { ended, total } = runner.counts;
    if (total <= 1) return;
    reportPredictStatus({
      ...this.predicting,
      text:
        `The lab below is training the run: ${ended} of ${total} trials done. The result appears here when the ` +
        'last one ends (the lab’s budget line says about when).',
    });
  }

  /** The search a question asked for has ended: report what it shows, or that it was cancelled. */
  private reportPredicted(runner: SearchRunner): void {
    const request = this.predicting;
    if (!request || (runner.state !== 'done' && runner.state !== 'cancelled')) return;
    this.predicting = null;
    const result = runner.state === 'done' ? tuningOutcome(request.preset, runner.trials) : null;
    if (result) reportPredictResult({ preset: request.preset, result });
    else
      reportPredictStatus({
        ...request,
        text: 'The run did not finish, so it answers nothing; run it again, or show the answer.',
      });
  }

  disconnectedCallback(): void {
    if (this.isConnected) return;
    this.resizeObserver?.disconnect();
    this.pool?.dispose();
    this.pool = null;
  }

  private build(): void {
    const base = this.id || 'tuning-lab';
    const form = new SearchForm(this.state, base, {
      set: (patch) => this.set(patch),
      start: () => {
        // A search the reader starts answers no question.
        this.predicting = null;
        this.start();
      },
      togglePause: () => this.togglePause(),
      cancel: () => this.runner?.cancel(),
      notice: (text) => this.showNotice(text),
    });
    const live = new LivePanel();
    const results = new ResultsPanel(base, () => this.workers);
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      alert: el('p', { class: 'widget-notice tl-alert', role: 'alert', hidden: true }),
      budget: el('p', { class: 'tl-budget-line' }),
      form,
      live,
      results,
    };
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    const p = this.parts;
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Tune an RNN: a real hyperparameter search'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        `Each trial trains a real model in a background thread; ${this.workers} train${this.workers === 1 ? 's' : ''} ` +
          'at once on this device (one per processor core but one, which the page keeps). The page stays responsive.',
      ),
      p.notice,
      form.element,
      p.budget,
      form.controls,
      p.alert,
      live.status,
      live.bar,
      live.lanes,
      live.chart,
      live.key,
      live.table,
      results.element,
    );
  }

  private set(patch: Partial<TuningLabState>): void {
    Object.assign(this.state, patch);
    saveTuningLabState(this.state);
    if (patch.task !== undefined) this.calibrate();
    this.renderBudget();
  }

  /** The search's size, budget and estimated time, or why it cannot start. */
  private renderBudget(): void {
    const input = searchInput(this.state);
    const problem = checkSearch(input.space, input.method, input.trials);
    if (problem) {
      this.parts.budget.textContent = problem;
      this.parts.budget.classList.add('tl-refused');
      return;
    }
    this.parts.budget.classList.remove('tl-refused');
    const first = firstTrials(input.space, input.method, input.trials, input.seed);
    const text = `Budget: ${budgetText({ rungs: rungsOf(input.method, first.length, input.steps), input })}`;
    const pace = this.pace[input.task];
    const estimate = pace
      ? ` — about ${formatDuration(estimateMs(input, pace, this.workers))} on this device with ${this.workers} worker${this.workers === 1 ? '' : 's'}.`
      : this.measuring === input.task
        ? ' — measuring this device’s speed for a time estimate…'
        : '.';
    this.parts.budget.textContent = `${text}${estimate}`;
  }

  private calibrate(): void {
    const task = this.state.task;
    if (this.pace[task] || this.measuring !== null || this.runner?.state === 'running') return;
    this.measuring = task;
    this.renderBudget();
    measurePace(task, TASK_INFO[task].data(import.meta.env.BASE_URL, location.href))
      .then(
        (pace) => {
          this.pace[task] = pace;
        },
        () => undefined,
      )
      .finally(() => {
        this.measuring = null;
        this.renderBudget();
        if (this.state.task !== task) this.calibrate();
      });
  }

  private start(): void {
    const input = searchInput(this.state);
    const problem = checkSearch(input.space, input.method, input.trials);
    if (problem) {
      this.showAlert(`${problem} Nothing was started.`);
      return;
    }
    this.showAlert(null);
    this.pool ??= new WorkerPool(this.workers);
    const runner = new SearchRunner(this.pool, input, {
      data: TASK_INFO[input.task].data(import.meta.env.BASE_URL, location.href),
      macsPerMs: this.pace[input.task]?.macsPerMs ?? null,
      onChange: () => {
        if (this.runner === runner) this.onChange();
      },
    });
    this.runner = runner;
    this.endedRecorded = -1;
    runner.start();
    // The status and buttons now; the results and the chart each in a task of their own.
    this.renderControls();
    this.parts.live.render(runner, this.workers);
    this.scheduleResults();
    this.scheduleChart(true);
  }

  private togglePause(): void {
    if (this.runner?.state === 'running') this.runner.pause();
    else if (this.runner?.state === 'paused') this.runner.resume();
  }

  /** Something changed in the search: the status soon, the curves within a second, the results if a trial ended. */
  private onChange(): void {
    const runner = this.runner!;
    this.reportPredicted(runner);
    const { ended } = runner.counts;
    if (ended !== this.endedRecorded || runner.state === 'done' || runner.state === 'cancelled') {
      this.endedRecorded = ended;
      this.scheduleResults();
    }
    this.scheduleUi();
    this.scheduleChart(false);
  }

  private resultsTimer: ReturnType<typeof setTimeout> | null = null;

  private scheduleResults(): void {
    if (this.resultsTimer !== null) return;
    // Its own task, apart from the status and chart updates, so no one task does all three.
    this.resultsTimer = setTimeout(() => {
      this.resultsTimer = null;
      this.parts.results.render(this.runner);
      this.renderControls();
      this.reportFailures();
    }, 0);
  }

  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    const wait = Math.max(0, this.lastUiAt + UI_INTERVAL_MS - performance.now());
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.lastUiAt = performance.now();
      this.parts.live.render(this.runner, this.workers);
      this.renderControls();
      this.reportPredictProgress();
    }, wait);
  }

  private scheduleChart(now: boolean): void {
    if (this.chartTimer !== null) {
      if (!now) return;
      clearTimeout(this.chartTimer);
    }
    const wait = now ? 0 : Math.max(0, this.lastChartAt + CHART_INTERVAL_MS - performance.now());
    this.chartTimer = setTimeout(() => {
      this.chartTimer = null;
      this.lastChartAt = performance.now();
      this.parts.live.draw(this.runner, this.parts.live.chart.clientWidth);
    }, wait);
  }

  /** Trials that failed (a worker that died, a task that threw) are named under the controls; the search goes on. */
  private reportFailures(): void {
    const failed = this.runner?.trials.filter((t) => t.record.state === 'error') ?? [];
    if (failed.length === 0) return;
    const first = failed[0];
    this.showAlert(
      `${failed.length === 1 ? 'Trial' : `${failed.length} trials failed; trial`} ${first.number} ` +
        `${failed.length === 1 ? 'failed' : 'first'}: ${first.record.message ?? 'unknown error'}. ` +
        'It is marked in the table; the other trials carry on.',
    );
  }

  private renderControls(): void {
    const state = this.runner?.state;
    const mode: FormMode = state === 'running' ? 'running' : state === 'paused' ? 'paused' : 'idle';
    this.parts.form.render(mode, this.runner !== null);
  }

  private renderAll(): void {
    this.renderBudget();
    this.renderControls();
    this.parts.live.render(this.runner, this.workers);
    this.parts.live.draw(this.runner, this.parts.live.chart.clientWidth);
    this.parts.results.render(this.runner);
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

if (!customElements.get('tuning-lab')) customElements.define('tuning-lab', TuningLabElement);
