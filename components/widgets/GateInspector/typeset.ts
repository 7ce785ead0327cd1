// The gate inspector's equations written as MathML (the browser typesets it), cached per forward pass and prefetched in idle time.
import type { GateName } from '../../../engine';
import { el } from '../../lib/dom';
import { texMathml } from '../../lib/texMathml';
import { gateSubstitutedTex, rowNotation, stateUpdateTex } from './equations';
import { gateTerms, stateUpdate, type Inspection } from './model';

/** A place in a pass: the row (0-based), the gate and the step t (1-based). */
export interface StepPosition {
  row: number;
  gate: GateName;
  t: number;
}

/** The two typeset equations of one step: the gate with its numbers, and the state update. */
export interface TypesetStep {
  numbers: HTMLElement;
  state: HTMLElement;
}

/** Beyond this many typeset equations the cache starts over (a few hundred MathML nodes each). */
const CACHE_LIMIT = 400;

/** Typeset equations of one forward pass, by row, gate and step. */
export class EquationTypesetter {
  private cache = new Map<string, HTMLElement>();
  private prefetching = false;

  /** @param run the forward pass whose numbers are typeset */
  constructor(private run: Inspection) {}

  /** Start over for a new forward pass (the cached equations show the old one's numbers). */
  reset(run: Inspection): void {
    this.run = run;
    this.cache.clear();
  }

  /** True when both equations at `at` are typeset already. */
  has(at: StepPosition): boolean {
    return this.cache.has(key(at, at.gate)) && this.cache.has(key(at, 'state'));
  }

  /** The typeset equations at `at`, from the cache or written now. */
  step(at: StepPosition): TypesetStep {
    const run = this.run;
    const row = run.rows[at.row];
    const { cell } = run.config;
    const notation = rowNotation(row.layer, run.config.numLayers, row.direction, run.config.bidirectional);
    return {
      numbers: this.typeset(key(at, at.gate), () =>
        gateSubstitutedTex(gateTerms(row, cell, at.gate, at.t - 1, run.T), notation, at.t),
      ),
      state: this.typeset(key(at, 'state'), () =>
        stateUpdateTex(stateUpdate(row, cell, at.t - 1, run.T), notation, at.t),
      ),
    };
  }

  /**
   * In idle time, typeset the row and gate of `current()` at every other step, nearest first, so that scrubbing only
   * swaps nodes. Reads `current()` before each equation (the reader may move on); stops when all are done or `!alive()`.
   */
  prefetch(current: () => StepPosition, alive: () => boolean): void {
    if (this.prefetching) return;
    this.prefetching = true;
    const idle = (fn: (deadline?: IdleDeadline) => void): void => {
      if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 2000 });
      else setTimeout(fn, 60);
    };
    const work = (deadline?: IdleDeadline): void => {
      const { row, gate, t } = current();
      // Nearest steps first: the reader is most likely to go there next.
      const order = Array.from({ length: this.run.T }, (_, k) => k + 1).sort(
        (a, b) => Math.abs(a - t) - Math.abs(b - t),
      );
      const next = order.find((k) => !this.has({ row, gate, t: k }));
      if (next === undefined || !alive()) {
        this.prefetching = false;
        return;
      }
      this.step({ row, gate, t: next });
      if (deadline && deadline.timeRemaining() > 8) work(deadline);
      else idle(work);
    };
    idle(work);
  }

  private typeset(at: string, source: () => string): HTMLElement {
    let typeset = this.cache.get(at);
    if (typeset === undefined) {
      typeset = el('div', {}, texMathml(source()));
      if (this.cache.size > CACHE_LIMIT) this.cache.clear();
      this.cache.set(at, typeset);
    }
    return typeset;
  }
}

const key = ({ row, t }: StepPosition, what: GateName | 'state'): string => `${row}|${t}|${what}`;
