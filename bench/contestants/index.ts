// The registry of contestants, by id. Add a contestant by adding an entry.
import { engine } from './engine';
import { fused } from './fused';
import { recurrentJs } from './recurrentJs';
import { tfjsCpu, tfjsWasm } from './tfjs';
import type { Contestant, ContestantId } from './types';

export const contestants: Record<ContestantId, Contestant> = {
  engine,
  fused,
  tfjs_cpu: tfjsCpu,
  tfjs_wasm: tfjsWasm,
  recurrent_js: recurrentJs,
};
