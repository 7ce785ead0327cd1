// <attention-lab>: chapter 10's translation problem, tried on English number names ("three hundred and twelve" →
// "312"). The reader trains a GRU encoder–decoder in the worker with and without attention, compares their accuracy
// on the test numbers by input length, and types a phrase to see a trained model's translation and attention weights.
// Training happens in a worker; the main thread folds progress into one small update every 250 ms, and translates a
// typed phrase with the finished model (one greedy pass over at most 20 words).
import { el, subheadingTag } from '../../lib/dom';
import { addShareButton } from '../../lib/shareDialog';
import { hasEnded, RunHistory, type RunRecord } from '../../lib/runHistory';
import { TrainerClient, type TrainingRun } from '../../lib/trainerClient';
import { attentionMap } from '../../charts/attentionMap';
import { lineChart } from '../../charts/lineChart';
import { RUN_COLORS, runsLegend, runsTable } from '../../charts/runsChart';
import { runsChart } from '../../charts/runsPlot';
import { LONG_FROM, type TranslateReport } from '../../../engine/train/tasks/translate';
import { PresetController, settingsRuns } from '../TrainingLab/presetController';
import { settingsForm, type SettingsForm } from '../TrainingLab/settingsForm';
import { LabRunner } from '../TrainingLab/runner';
import { findPreset, PRESETS, presetSettings, type Preset } from './presets';
import {
  attentionLabSpec,
  attentionLabUrl,
  fromTaskConfig,
  MAX_PHRASE_CHARS,
  runWords,
  toTaskConfig,
  type AttentionLabState,
  type RunSettings,
} from './settings';
import {
  accuracyPoints,
  outputLabels,
  phraseAsText,
  PhraseTranslator,
  strongestWords,
  translationSentence,
  type PhraseTranslation,
} from './translations';

/** Update the status, charts and tables at most this often while a run trains. */
const UI_INTERVAL_MS = 250;
/** The most finished runs the accuracy-by-length chart and table compare. */
const COMPARED_RUNS = 4;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x)}%` : '–');

/** A finished run's report and the translator rebuilt from it. */
interface Finished {
  report: TranslateReport;
  translator: PhraseTranslator;
}

class AttentionLabElement extends HTMLElement {
  private state!: AttentionLabState;
  private history!: RunHistory;
  private runner!: LabRunner;
  /** Each finished run's report and translator, by run id (kept for this page only). */
  private finished = new Map<string, Finished>();
  /** The run whose translator reads the phrase (null: the latest finished run with attention, else the latest). */
  private shownRun: string | null = null;
  private presets!: PresetController<Preset>;
  private uiTimer: ReturnType<typeof setTimeout> | null = null;
  private lastUiAt = -Infinity;
  private built = false;
  private lastTranslation: PhraseTranslation | null = null;
  private parts!: {
    notice: HTMLElement;
    presetSelect: HTMLSelectElement;
    batch: HTMLElement;
    answer: HTMLElement;
    form: SettingsForm<RunSettings>;
    run: HTMLButtonElement;
    stop: HTMLButtonElement;
    status: HTMLElement;
    bar: HTMLProgressElement;
    alert: HTMLElement;
    runsChart: HTMLElement;
    runsLegend: HTMLElement;
    runsTable: HTMLElement;
    lengthChart: HTMLElement;
    lengthText: HTMLElement;
    lengthTable: HTMLElement;
    runSelect: HTMLSelectElement;
    phrase: HTMLInputElement;
    phraseMessage: HTMLElement;
    phraseError: HTMLElement;
    map: HTMLElement;
    mapText: HTMLElement;
    mapTable: HTMLElement;
    live: HTMLElement;
  };

  /** The kept runs, oldest first (read-only; for tests and the console). */
  get runs(): readonly RunRecord[] {
    return this.history.list();
  }

  /** The last translation of the typed phrase (for tests and the console). */
  get translation(): PhraseTranslation | null {
    return this.lastTranslation;
  }

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    const url = attentionLabUrl.load();
    this.state = url.state;
    this.history = new RunHistory({ storageKey: null, maxRuns: 8 });
    this.history.subscribe(() => this.scheduleUi());
    this.runner = new LabRunner({
      history: this.history,
      createClient: () => new TrainerClient(),
      // The task generates its number names from the seed: nothing to download.
      dataFor: () => ({ kind: 'none' }),
      onChange: () => this.scheduleUi(),
      onGroupEnded: (group, runs) => this.presets.groupEnded(group, runs),
      onRunEnded: (record, run) => this.fetchReport(record, run),
    });
    this.build();
    this.presets = new PresetController({
      host: this,
      runner: this.runner,
      find: findPreset,
      runsOf: (preset) => settingsRuns(preset.runs, presetSettings, toTaskConfig, runWords),
      onLoad: (preset) => this.setSettings(presetSettings(preset.runs[0])),
      onQueued: () => this.renderAll(),
      boxes: this.parts,
      // A diverged run has no accuracy to compare: the question waits for runs that finish.
      divergedAnswers: false,
    });
    addShareButton(this, 'attention-lab');
    this.showNotice(url.notices.join(' '));
    if (this.state.preset) this.presets.load(this.state.preset);
    this.presets.listen();
    this.renderAll();
  }

  disconnectedCallback(): void {
    if (this.isConnected) return;
    this.runner.dispose();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Layout

  private build(): void {
    const base = this.id || 'attention-lab';
    const titleId = `${base}-title`;
    const helpId = `${base}-help`;
    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', titleId);
    this.setAttribute('aria-describedby', helpId);
    const button = (text: string, onclick: () => void, primary = false) =>
      el('button', { type: 'button', class: primary ? 'button button-primary' : 'button', onclick }, text);
    const s = this.state;
    const form = settingsForm<RunSettings>({
      base,
      legend: 'Settings',
      spec: attentionLabSpec,
      values: this.settings(),
      controls: [
        {
          key: 'attn',
          kind: 'checkbox',
          label: 'Attention: at each digit the decoder reads a weighted average of all the encoder’s states',
        },
        { key: 'hidden', kind: 'number', label: 'Hidden units' },
        { key: 'lr', kind: 'number', label: 'Learning rate (Adam)', name: 'Learning rate' },
        { key: 'steps', kind: 'number', label: 'Training steps' },
        { key: 'seed', kind: 'number', label: 'Seed' },
      ],
      onChange: (key, value) => {
        this.state = { ...this.state, [key]: value };
        this.save();
      },
      onNotice: (text) => this.showNotice(text),
    });
    const presetSelect = el(
      'select',
      { class: 'lab-input', id: `${base}-preset` },
      el('option', { value: '' }, 'Choose a question…'),
      ...PRESETS.map((p) => el('option', { value: p.id }, p.title)),
    );
    const runSelect = el('select', { class: 'lab-input', id: `${base}-shown` });
    runSelect.addEventListener('change', () => {
      this.shownRun = runSelect.value || null;
      this.renderPhrase();
    });
    const phrase = el('input', {
      type: 'text',
      class: 'lab-input al-phrase',
      id: `${base}-phrase`,
      value: s.phrase,
      maxlength: MAX_PHRASE_CHARS,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${base}-phrase-error`,
    });
    const phraseForm = el(
      'form',
      { class: 'lab-controls al-phrase-form' },
      el(
        'div',
        { class: 'lab-field' },
        el('label', { class: 'lab-label', for: runSelect.id }, 'Model (a finished run)'),
        runSelect,
      ),
      el(
        'div',
        { class: 'lab-field al-grow' },
        el('label', { class: 'lab-label', for: phrase.id }, 'A number in words, up to 999,999'),
        phrase,
      ),
      el('button', { type: 'submit', class: 'button button-primary' }, 'Translate'),
    );
    phraseForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.state = { ...this.state, phrase: phrase.value.slice(0, MAX_PHRASE_CHARS) };
      this.save();
      this.renderPhrase();
    });
    this.parts = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      presetSelect,
      batch: el('div', { class: 'lab-batch', hidden: true }),
      answer: el('p', { class: 'lab-answer al-answer', hidden: true }),
      form,
      run: button('Train these settings', () => this.runCurrent(), true),
      stop: button('Stop', () => this.runner.stopCurrent()),
      status: el('p', { class: 'lab-status al-status' }),
      bar: el('progress', { class: 'lab-bar', max: 1, value: 0, 'aria-label': 'Progress of the run training now' }),
      alert: el('p', { class: 'widget-notice lab-alert al-alert', role: 'alert', hidden: true }),
      runsChart: el('div', { class: 'lab-chart al-runs-chart' }),
      runsLegend: el('div', { class: 'lab-legend' }),
      runsTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Evaluations of the runs',
      }),
      lengthChart: el('div', { class: 'lab-chart al-length-chart' }),
      lengthText: el('p', { class: 'lab-text' }),
      lengthTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Accuracy by input length',
      }),
      runSelect,
      phrase,
      phraseMessage: el('p', { class: 'lab-text al-translation', role: 'status' }),
      phraseError: el('p', {
        class: 'widget-notice lab-alert al-phrase-error',
        id: `${base}-phrase-error`,
        role: 'alert',
        hidden: true,
      }),
      map: el('div', { class: 'lab-chart al-map' }),
      mapText: el('p', { class: 'lab-text' }),
      mapTable: el('div', {
        class: 'lab-scroll scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Attention weights',
      }),
      live: el('p', { class: 'visually-hidden', 'aria-live': 'polite' }),
    };
    const p = this.parts;
    // One level below the page's last heading: h4 in chapter 10, h2 on the embed page.
    const heading = subheadingTag(this);
    this.replaceChildren(
      el(
        'p',
        { class: 'widget-title', id: titleId },
        'Translation lab: number words to digits, with and without attention',
      ),
      el(
        'p',
        { class: 'widget-help', id: helpId },
        'Train a GRU encoder–decoder in a background thread of your browser to turn English number names into digits, ' +
          'with attention and without, compare how often each gets long inputs right, then type a number in words to ' +
          'see where the model looks for each digit.',
      ),
      p.notice,
      el(heading, { class: 'lab-heading' }, '1. Train'),
      el(
        'div',
        { class: 'lab-controls' },
        el('label', { class: 'lab-label', for: presetSelect.id }, 'Questions from the chapter: '),
        presetSelect,
        button('Load', () => {
          if (presetSelect.value) this.presets.load(presetSelect.value);
        }),
      ),
      p.batch,
      p.answer,
      form.element,
      el('div', { class: 'lab-controls' }, p.run, p.stop),
      p.alert,
      p.status,
      p.bar,
      el('p', { class: 'lab-subtitle' }, 'Test numbers translated exactly, as the runs train'),
      p.runsChart,
      p.runsLegend,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The numbers behind this chart'), p.runsTable),
      el(heading, { class: 'lab-heading' }, '2. Accuracy against input length'),
      p.lengthChart,
      p.lengthText,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The numbers behind this chart'), p.lengthTable),
      el(heading, { class: 'lab-heading' }, '3. Where the model looks: attention weights'),
      phraseForm,
      p.phraseError,
      p.phraseMessage,
      p.map,
      p.mapText,
      el('details', { class: 'lab-details' }, el('summary', {}, 'The weights as a table'), p.mapTable),
      el(
        'p',
        { class: 'lab-data' },
        'Data: every English number name from 0 to 999,999 (British style, “three hundred and twelve”), generated by ' +
          'code, not downloaded. Each run draws its 20,000 training numbers from its seed; one number in five is held ' +
          'out, and the test set is up to 100 of those per input length, the same for every run. Runs last until you ' +
          'leave the page.',
      ),
      p.live,
    );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings and URL

  private settings(): RunSettings {
    const { attn, hidden, lr, steps, seed } = this.state;
    return { attn, hidden, lr, steps, seed };
  }

  private setSettings(s: RunSettings): void {
    this.state = { ...this.state, ...s };
    this.parts.form.set(s);
    this.save();
  }

  private save(): void {
    attentionLabUrl.save({ ...this.state, preset: '' });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Runs

  private runCurrent(): void {
    this.showAlert(null);
    this.runner.enqueue([{ config: toTaskConfig(this.settings()) }]);
    this.renderAll();
  }

  /** Asks the worker for the finished run's report (accuracy by length, weights) before the next run replaces it. */
  private async fetchReport(record: RunRecord, run: TrainingRun): Promise<void> {
    if (record.state !== 'done' && record.state !== 'early-stopped') return;
    try {
      const report = (await run.report()).report as TranslateReport;
      this.finished.set(record.id, { report, translator: new PhraseTranslator(report) });
      this.shownRun = null;
    } catch (error) {
      this.showAlert(`Run #${record.number}: its results could not be read (${(error as Error).message}).`);
    }
    this.scheduleUi();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering

  private scheduleUi(): void {
    if (this.uiTimer !== null) return;
    const wait = Math.max(0, this.lastUiAt + UI_INTERVAL_MS - performance.now());
    this.uiTimer = setTimeout(() => {
      this.uiTimer = null;
      this.lastUiAt = performance.now();
      this.renderAll();
    }, wait);
  }

  private renderAll(): void {
    this.renderStatus();
    this.renderRuns();
    // Each chart in a task of its own: when a run ends all three redraw, and together they would hold the page longer.
    setTimeout(() => this.renderLengths(), 0);
    setTimeout(() => this.renderPhrase(), 0);
  }

  private chartWidth(): number {
    return Math.max(300, Math.min(720, this.clientWidth || 560));
  }

  private renderStatus(): void {
    const p = this.parts;
    const active = this.runner.active;
    const waiting = this.runner.waiting.length;
    p.stop.disabled = active === null;
    const queue = waiting > 0 ? ` · ${waiting} run${waiting === 1 ? '' : 's'} waiting` : '';
    if (!active) {
      const last = this.history.list().at(-1);
      p.status.textContent =
        last && hasEnded(last) ? `Run #${last.number} ${endWords(last)}.${queue}` : `Ready.${queue}`;
      p.bar.value = 0;
      p.bar.setAttribute('aria-valuetext', 'no run training');
      const bad = last?.state === 'diverged' || last?.state === 'error' ? last : null;
      if (bad)
        this.showAlert(
          `Run #${bad.number} ${bad.state === 'diverged' ? 'diverged' : 'failed'}: ${bad.message ?? 'it stopped.'}`,
        );
      return;
    }
    const max = active.config.maxSteps;
    const what =
      active.state === 'loading'
        ? 'generating the numbers and building the model'
        : `step ${count(active.steps)} of ${count(max)}`;
    const label = active.label ? ` (${active.label})` : '';
    p.status.textContent = `Training #${active.number}${label}: ${what}${queue}`;
    p.bar.max = max;
    p.bar.value = active.steps;
    p.bar.setAttribute('aria-valuetext', `run ${active.number}, step ${active.steps} of ${max}`);
    this.presets.reportProgress(active, what);
  }

  private runName(r: RunRecord): string {
    const s = fromTaskConfig(r.config);
    return `#${r.number} ${s ? (s.attn ? 'attention' : 'no attention') : ''}`.trim();
  }

  /** Every kept run's exact-translation share of the test numbers over its steps. */
  private renderRuns(): void {
    const p = this.parts;
    const runs = this.history.list().filter((r) => r.evals.length > 0);
    // Redrawn only when an evaluation arrives or the runs change, not on every progress update.
    const key = runs.map((r) => `${r.id}:${r.evals.length}:${r.color}`).join(' ');
    if (p.runsChart.dataset.runs === key && key !== '') return;
    p.runsChart.dataset.runs = key;
    if (runs.length === 0) {
      p.runsChart.replaceChildren(
        el('p', { class: 'lab-chart-empty' }, 'Each run’s accuracy appears here as it trains.'),
      );
      p.runsLegend.replaceChildren();
      p.runsTable.replaceChildren();
      return;
    }
    const curves = runs.map((r) => ({
      id: r.id,
      name: `#${r.number}`,
      label: runWords(fromTaskConfig(r.config) ?? this.settings()),
      color: RUN_COLORS[r.color % RUN_COLORS.length],
      train: [],
      val: r.evals.map((e) => ({ x: e.step, y: 100 * e.metrics.accuracy })),
    }));
    p.runsChart.replaceChildren(
      runsChart(curves, {
        width: this.chartWidth(),
        height: 220,
        show: 'validation',
        yDomain: [0, 100],
        yLabel: 'test numbers exactly right (%)',
        ariaLabel:
          `Accuracy of ${runs.length} run${runs.length === 1 ? '' : 's'} on the test numbers over the training ` +
          'steps; the numbers are in the table below',
      }),
    );
    p.runsLegend.replaceChildren(runsLegend(curves));
    p.runsTable.replaceChildren(
      runsTable(
        runs.map((r) => ({
          name: this.runName(r),
          evals: r.evals.map((e) => ({ step: e.step, train: e.trainLoss, val: 100 * e.metrics.accuracy })),
        })),
        {
          valueLabel: 'accuracy (%)',
          caption:
            'Each evaluation: the training loss (cross-entropy per output symbol) and the share of test numbers translated exactly',
          format: (x) => (Number.isFinite(x) ? x.toFixed(2) : '–'),
        },
      ),
    );
  }

  /** Finished runs with a report, newest last. */
  private finishedRuns(): RunRecord[] {
    return this.history.list().filter((r) => this.finished.has(r.id));
  }

  /** Accuracy by input length of the last finished runs: the case for attention. */
  private renderLengths(): void {
    const p = this.parts;
    const runs = this.finishedRuns().slice(-COMPARED_RUNS);
    const key = runs.map((r) => r.id).join(' ');
    if (p.lengthChart.dataset.runs === key && key !== '') return;
    p.lengthChart.dataset.runs = key;
    if (runs.length === 0) {
      p.lengthChart.replaceChildren(
        el(
          'p',
          { class: 'lab-chart-empty' },
          'Train a run: its accuracy by input length appears here when it finishes.',
        ),
      );
      p.lengthText.textContent = '';
      p.lengthTable.replaceChildren();
      return;
    }
    const rows = runs.map((r) => ({ run: r, points: accuracyPoints(this.finished.get(r.id)!.report.byLength) }));
    const chart = lineChart(
      rows.map(({ run, points }) => ({
        name: this.runName(run),
        points,
        color: RUN_COLORS[run.color % RUN_COLORS.length],
        dashed: !this.finished.get(run.id)!.report.attention,
      })),
      {
        width: this.chartWidth(),
        height: 240,
        xLabel: 'input length (words) →',
        yLabel: '↑ exactly right (%)',
        yDomain: [0, 100],
        xTicks: rows[0].points.map((pt) => pt.x),
        ariaLabel:
          'Share of test numbers translated exactly, by input length in words, for ' +
          `${rows.map((r) => this.runName(r.run)).join(', ')}; the numbers are in the table below`,
      },
    );
    p.lengthChart.replaceChildren(chart);
    p.lengthText.textContent = rows
      .map(({ run }) => {
        const long = this.finished.get(run.id)!.report.byLength.filter((b) => b.words >= LONG_FROM);
        const n = long.reduce((a, b) => a + b.count, 0);
        const right = long.reduce((a, b) => a + b.correct, 0);
        return `Run ${this.runName(run)} translates ${pct((100 * right) / n)} of the ${count(n)} test inputs of ${LONG_FROM} words or more exactly.`;
      })
      .join(' ');
    const lengths = rows[0].points.map((pt) => pt.x);
    p.lengthTable.replaceChildren(
      el(
        'table',
        { class: 'lab-table' },
        el('caption', {}, 'Test numbers translated exactly, by input length'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'words'),
            el('th', { scope: 'col' }, 'test numbers'),
            ...rows.map(({ run }) => el('th', { scope: 'col' }, this.runName(run))),
          ),
        ),
        el(
          'tbody',
          {},
          ...lengths.map((L, i) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, String(L)),
              el('td', {}, count(rows[0].points[i].count)),
              ...rows.map(({ points }) => el('td', {}, pct(points[i]?.y ?? NaN))),
            ),
          ),
        ),
      ),
    );
  }

  /** The run whose model reads the phrase: the chosen one, else the latest finished run with attention, else the latest. */
  private phraseRun(runs: RunRecord[]): RunRecord | null {
    return (
      runs.find((r) => r.id === this.shownRun) ??
      [...runs].reverse().find((r) => this.finished.get(r.id)!.report.attention) ??
      runs.at(-1) ??
      null
    );
  }

  private renderPhrase(): void {
    const p = this.parts;
    const runs = this.finishedRuns();
    const key = runs.map((r) => r.id).join(' ');
    if (p.runSelect.dataset.runs !== key) {
      p.runSelect.dataset.runs = key;
      p.runSelect.replaceChildren(
        ...(runs.length === 0 ? [el('option', { value: '' }, 'none yet')] : []),
        ...runs.map((r) => el('option', { value: r.id }, this.runName(r))),
      );
    }
    p.runSelect.disabled = runs.length === 0;
    const run = this.phraseRun(runs);
    if (run) p.runSelect.value = run.id;
    const finished = run ? this.finished.get(run.id)! : null;
    const text = this.state.phrase;
    const stamp = `${run?.id ?? ''}|${text}`;
    if (p.map.dataset.stamp === stamp) return;
    p.map.dataset.stamp = stamp;
    if (!finished || !run) {
      p.phraseError.hidden = true;
      p.phraseMessage.textContent = 'Train a run: once it finishes, its model translates what you type here.';
      p.map.replaceChildren();
      p.mapText.textContent = '';
      p.mapTable.replaceChildren();
      return;
    }
    const t = finished.translator.translate(text);
    this.lastTranslation = t;
    if (!t.ok) {
      p.phraseError.hidden = false;
      p.phraseError.textContent = t.error;
      p.phraseMessage.textContent = '';
      p.map.replaceChildren();
      p.mapText.textContent = '';
      p.mapTable.replaceChildren();
      return;
    }
    p.phraseError.hidden = true;
    p.phraseMessage.replaceChildren(
      el('span', { class: 'al-words' }, `“${phraseAsText(t.words)}”`),
      ' → ',
      el('strong', { class: 'al-digits' }, t.digits === '' ? '(nothing)' : t.digits),
      el('span', {}, ` ${translationSentence(t)}`),
    );
    if (!t.attention) {
      p.map.replaceChildren(
        el(
          'p',
          { class: 'lab-chart-empty' },
          `Run ${this.runName(run)} has no attention: its decoder reads the same vector, the encoder’s last state, ` +
            'for every digit. Train a run with attention to see weights.',
        ),
      );
      p.mapText.textContent = '';
      p.mapTable.replaceChildren();
      return;
    }
    const outputs = outputLabels(t);
    p.map.replaceChildren(
      attentionMap(
        { words: t.words, outputs, weights: t.weights },
        {
          width: this.chartWidth(),
          ariaLabel:
            `Attention weights of run ${this.runName(run)}: for each output symbol, the weight on each of the ` +
            `${t.words.length} input words; the numbers are in the table below`,
        },
      ),
    );
    p.mapText.textContent =
      'Most weight for each output: ' +
      strongestWords(t.words, t.weights)
        .map((w, s) => `${outputs[s]} on “${w.word}” (word ${w.position}, ${w.weight.toFixed(2)})`)
        .join('; ') +
      '.';
    p.mapTable.replaceChildren(
      el(
        'table',
        { class: 'lab-table' },
        el('caption', {}, 'Attention weight on each input word (rows) for each output symbol (columns)'),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'word'),
            ...outputs.map((o, s) => el('th', { scope: 'col' }, `${s + 1}: ${o}`)),
          ),
        ),
        el(
          'tbody',
          {},
          ...t.words.map((w, j) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, `${j + 1} ${w}`),
              ...t.weights.map((row) => el('td', {}, row[j].toFixed(2))),
            ),
          ),
        ),
      ),
    );
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

/** The run's ending for the status line. */
function endWords(run: RunRecord): string {
  switch (run.state) {
    case 'done':
      return `finished ${count(run.steps)} steps`;
    case 'early-stopped':
      return `stopped early at step ${count(run.steps)}`;
    case 'diverged':
      return `diverged at step ${count(run.steps)}`;
    case 'cancelled':
      return `was stopped at step ${count(run.steps)}`;
    default:
      return `failed at step ${count(run.steps)}`;
  }
}

if (!customElements.get('attention-lab')) customElements.define('attention-lab', AttentionLabElement);
