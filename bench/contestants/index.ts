// The registry of contestants, by id. Add a contestant by adding an entry.
import { engine, engineJs } from './engine';
import { fused } from './fused';
import { recurrentJs } from './recurrentJs';
import { tfjsCpu, tfjsWasm } from './tfjs';
import type { Contestant, ContestantId } from './types';

export const contestants: Record<ContestantId, Contestant> = {
  engine,
  engine_js: engineJs,
  fused,
  tfjs_cpu: tfjsCpu,
  tfjs_wasm: tfjsWasm,
  recurrent_js: recurrentJs,
};
