// <unrolled-predict>: the client side of the Predict component. The reader picks an answer and commits to it (kept
// with the chapter's progress); then the widget on the page runs the experiment and the result is shown beside the
// answer, or, without a widget, the stated answer is revealed. All text is set as text, never parsed as HTML.
import { el } from '../lib/dom';
import {
  announcePredictAnswered,
  isRight,
  PREDICT_RESULT,
  PREDICT_STATUS,
  requestPredictRun,
  type PredictReport,
  type PredictResult,
} from '../lib/predict';
import { clearAnswer, loadAnswer, saveAnswer, saveResult, type StoredAnswer } from '../lib/progress';

class PredictElement extends HTMLElement {
  private chapter = '';
  private kind: 'choice' | 'number' = 'choice';
  private choices: string[] = [];
  private committed: StoredAnswer | null = null;
  private parts!: {
    inputs: HTMLInputElement[];
    commit: HTMLButtonElement;
    run: HTMLButtonElement | null;
    reveal: HTMLButtonElement;
    again: HTMLButtonElement;
    status: HTMLElement;
    outcome: HTMLElement;
    verdict: HTMLElement;
  };

  connectedCallback(): void {
    if (this.parts) return;
    this.chapter =
      this.closest<HTMLElement>('[data-chapter]')?.dataset.chapter ??
      location.pathname.split('/').filter(Boolean).pop() ??
      'page';
    this.kind = this.dataset.kind === 'number' ? 'number' : 'choice';
    try {
      this.choices = JSON.parse(this.dataset.choices ?? '[]') as string[];
    } catch {
      this.choices = [];
    }
    const q = <T extends Element>(selector: string): T | null => this.querySelector<T>(selector);
    this.parts = {
      inputs: [...this.querySelectorAll<HTMLInputElement>('.predict-fieldset input')],
      commit: q<HTMLButtonElement>('[data-commit]')!,
      run: q<HTMLButtonElement>('[data-run]'),
      reveal: q<HTMLButtonElement>('[data-reveal]')!,
      again: q<HTMLButtonElement>('[data-again]')!,
      status: q<HTMLElement>('.predict-status')!,
      outcome: q<HTMLElement>('.predict-outcome')!,
      verdict: q<HTMLElement>('.predict-verdict')!,
    };
    const p = this.parts;
    for (const input of p.inputs) input.addEventListener('input', () => this.renderCommit());
    p.commit.addEventListener('click', () => this.commit());
    p.run?.addEventListener('click', () => this.run());
    p.reveal.addEventListener('click', () => this.revealStated());
    p.again.addEventListener('click', () => this.again());
    document.addEventListener(PREDICT_STATUS, (event) =>
      this.onStatus(event as CustomEvent<PredictReport & { text: string }>),
    );
    document.addEventListener(PREDICT_RESULT, (event) =>
      this.onResult(event as CustomEvent<PredictReport & { result: PredictResult }>),
    );
    this.restore(loadAnswer(this.chapter, this.questionId));
  }

  /** The question's id (unique in its chapter). */
  private get questionId(): string {
    return this.dataset.id ?? '';
  }

  /** The answer the inputs hold, or null when none is chosen or the number is out of range. */
  private answer(): { choice: number | null; value: number | null } | null {
    const { inputs } = this.parts;
    if (this.kind === 'choice') {
      const checked = inputs.find((i) => i.checked);
      return checked ? { choice: Number(checked.value), value: null } : null;
    }
    const input = inputs[0];
    const value = input.value.trim() === '' ? NaN : Number(input.value);
    if (!Number.isFinite(value)) return null;
    const min = input.min === '' ? -Infinity : Number(input.min);
    const max = input.max === '' ? Infinity : Number(input.max);
    return value >= min && value <= max ? { choice: null, value } : null;
  }

  private renderCommit(): void {
    const { commit, inputs, status } = this.parts;
    commit.disabled = this.committed !== null || this.answer() === null;
    if (this.kind === 'number' && this.committed === null && inputs[0].value.trim() !== '' && this.answer() === null)
      status.textContent = `Enter a number from ${inputs[0].min} to ${inputs[0].max}.`;
    else if (this.committed === null) status.textContent = '';
  }

  private commit(): void {
    const answer = this.answer();
    if (!answer) return;
    saveAnswer(this.chapter, this.questionId, answer);
    this.restore(loadAnswer(this.chapter, this.questionId) ?? { ...answer, at: Date.now(), result: null });
    (this.parts.run ?? this.parts.reveal).focus();
  }

  /** Show a stored (or just committed) answer: inputs locked, the run offered, the result if there is one. */
  private restore(stored: StoredAnswer | null): void {
    this.committed = stored;
    const p = this.parts;
    const locked = stored !== null;
    for (const input of p.inputs) {
      input.disabled = locked;
      if (stored && this.kind === 'choice') input.checked = Number(input.value) === stored.choice;
      if (stored && this.kind === 'number' && stored.value !== null) input.value = String(stored.value);
    }
    p.commit.hidden = locked;
    p.commit.textContent = 'Commit my answer';
    const revealed = (stored?.result ?? null) !== null;
    // The experiment can still be run after the stated answer was shown; its result then replaces that one.
    if (p.run) p.run.hidden = !locked;
    p.reveal.hidden = !locked || revealed;
    p.again.hidden = !locked;
    this.dataset.state = revealed ? 'revealed' : locked ? 'committed' : 'open';
    if (!locked) {
      p.outcome.hidden = true;
      p.status.textContent = '';
      this.renderCommit();
    } else if (stored.result) this.show(stored, stored.result);
    else
      p.status.textContent = `Your answer is kept: “${this.said(stored)}”. ${
        p.run ? 'Now run the experiment.' : 'Now see the answer.'
      }`;
  }

  private said(a: { choice: number | null; value: number | null }): string {
    if (this.kind === 'choice')
      return a.choice === null ? '(none)' : (this.choices[a.choice] ?? `choice ${a.choice + 1}`);
    return `${a.value}${this.dataset.unit ? ` ${this.dataset.unit}` : ''}`;
  }

  private run(): void {
    const widget = this.dataset.widget;
    const preset = this.dataset.preset;
    if (!widget || !preset) return;
    // Said first: a widget may answer at once (the result then replaces this) or report how its run is going.
    this.parts.status.textContent =
      'Sent to the widget: it sets up the experiment and runs it; the result appears here when it is done.';
    if (!requestPredictRun(widget, { preset, question: this.questionId }))
      this.parts.status.textContent =
        'The widget is not on this page, so the experiment cannot run here; you can still see the answer.';
  }

  private revealStated(): void {
    if (!this.committed) return;
    const answer = Number(this.dataset.answer);
    const result: PredictResult =
      this.kind === 'choice'
        ? { choice: answer, value: null, summary: 'This is what the course’s runs with seed 1 show.' }
        : { choice: null, value: answer, summary: 'This is what the course’s runs with seed 1 show.' };
    this.finish(result);
  }

  private onStatus(event: CustomEvent<PredictReport & { text: string }>): void {
    const { preset, question, text } = event.detail;
    if (preset !== this.dataset.preset || (question !== undefined && question !== this.questionId)) return;
    if (this.committed && !this.committed.result) this.parts.status.textContent = text;
  }

  private onResult(event: CustomEvent<PredictReport & { result: PredictResult }>): void {
    if (event.detail.preset !== this.dataset.preset || !this.committed) return;
    this.finish(event.detail.result);
  }

  private finish(result: PredictResult): void {
    if (!this.committed) return;
    saveResult(this.chapter, this.questionId, result);
    this.committed = { ...this.committed, result };
    this.restore(this.committed);
    this.parts.verdict.focus();
    const answer = this.kind === 'choice' ? this.said(this.committed) : (this.committed.value ?? NaN);
    announcePredictAnswered({
      widget: this.dataset.widget ?? '',
      question: this.questionId,
      answer,
      correct: this.isRight(this.committed, result),
    });
  }

  private isRight(stored: StoredAnswer, result: PredictResult): boolean {
    return isRight(this.kind, stored, result, this.dataset.tolerance ? Number(this.dataset.tolerance) : undefined);
  }

  /** The reader's answer beside the result, and the why. */
  private show(stored: StoredAnswer, result: PredictResult): void {
    const p = this.parts;
    const truth = this.said(result);
    const right = this.isRight(stored, result);
    p.verdict.tabIndex = -1;
    p.verdict.replaceChildren(
      el('span', { class: 'predict-mark' }, right ? '✓ You predicted it. ' : '✗ Not this time. '),
      `You said “${this.said(stored)}”; the experiment shows “${truth}”. ${result.summary}`,
    );
    p.outcome.hidden = false;
    p.status.textContent = '';
  }

  private again(): void {
    clearAnswer(this.chapter, this.questionId);
    for (const input of this.parts.inputs) {
      input.checked = false;
      if (this.kind === 'number') input.value = '';
    }
    this.restore(null);
    this.parts.inputs[0]?.focus();
  }
}

if (!customElements.get('unrolled-predict')) customElements.define('unrolled-predict', PredictElement);
