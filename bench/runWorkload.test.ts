// The round-robin runner and the report on fake contestants: same batches for all, rotation,
// unavailable contestants, paired ratios, target verdicts and the BENCH line's shape.
import { describe, expect, it } from 'vitest';
import type { Batch } from './data';
import type { Contestant, ContestantId } from './contestants/types';
import { benchLine, formatTargets, formatWorkload, speedup } from './report';
import { runWorkload, type WorkloadResult } from './runWorkload';
import { workloads } from './workloads';

const rnn = workloads.find((w) => w.id === 'rnn')!;
const tokens = Int32Array.from({ length: 400 }, (_, i) => (i * 7) % 65);

function fakes(log: { id: ContestantId; first: number }[]): Record<ContestantId, Contestant> {
  const make = (id: ContestantId, available = true): Contestant => ({
    id,
    label: `fake ${id}`,
    async create() {
      if (!available) return { unavailable: 'not available yet' };
      return {
        step: (batch: Batch) => {
          log.push({ id, first: batch.inputs[0] });
          return 4.17;
        },
        dispose: () => {},
      };
    },
  });
  return {
    engine: make('engine', false),
    engine_js: make('engine_js', false),
    fused: make('fused'),
    tfjs_cpu: make('tfjs_cpu'),
    tfjs_wasm: make('tfjs_wasm'),
    recurrent_js: make('recurrent_js'),
  };
}

describe('runWorkload', () => {
  it('gives every contestant the same batches and rotates the order each round', async () => {
    const log: { id: ContestantId; first: number }[] = [];
    const result = await runWorkload(rnn, { warmup: 2, rounds: 3, tokens, contestants: fakes(log) });
    const ran = ['fused', 'tfjs_cpu', 'tfjs_wasm', 'recurrent_js'];
    for (const id of ran)
      expect(log.filter((e) => e.id === id).map((e) => e.first)).toEqual(
        log.filter((e) => e.id === 'fused').map((e) => e.first),
      );
    const timedOrder = log.slice(2 * ran.length).map((e) => e.id);
    expect(timedOrder.slice(0, 4)).toEqual(ran);
    expect(timedOrder.slice(4, 8)).toEqual([...ran.slice(1), ran[0]]);
    const engine = result.results.find((r) => r.id === 'engine')!;
    expect(engine.unavailable).toBe('not available yet');
    expect(result.results.find((r) => r.id === 'fused')!.times).toHaveLength(3);
  });

  it('honours a contestant filter', async () => {
    const log: { id: ContestantId; first: number }[] = [];
    const result = await runWorkload(rnn, { warmup: 1, rounds: 1, tokens, only: ['fused'], contestants: fakes(log) });
    expect(result.results.map((r) => r.id)).toEqual(['fused']);
  });
});

describe('report', () => {
  const result: WorkloadResult = {
    workload: rnn,
    results: [
      { id: 'engine', label: 'e', times: [2, 2, 4] },
      { id: 'fused', label: 'f', times: [1.5, 1.5, 3] },
      { id: 'tfjs_cpu', label: 'c', times: [20, 18, 40] },
      { id: 'tfjs_wasm', label: 'w', times: [5, 4, 6] },
      { id: 'recurrent_js', label: 'r', unavailable: 'gone', times: [] },
    ],
  };

  it('pairs ratios round by round', () => {
    expect(speedup(result, 'engine', 'tfjs_cpu')).toBe(10);
    expect(speedup(result, 'engine', 'recurrent_js')).toBeUndefined();
  });

  it('says which targets are met, missed, or cannot be judged', () => {
    const lines = formatTargets(result);
    expect(lines[0]).toMatch(/^\s*\[met\].*8× faster than TF\.js CPU: engine 10\.00× faster/);
    expect(lines[1]).toMatch(/^\s*\[met\].*WASM: engine 2\.00× faster/);
    expect(lines[2]).toMatch(/^\s*\[n\/a\].*recurrent-js/);
    expect(lines[3]).toMatch(/^\s*\[MISSED\].*1\.5× faster than the fused JS loop.*: engine 0\.75× faster/);
    const fast: WorkloadResult = {
      ...result,
      results: result.results.map((r) => (r.id === 'engine' ? { ...r, times: [0.5, 0.5, 1] } : r)),
    };
    expect(formatTargets(fast)[3]).toMatch(/^\s*\[met\].*engine 3\.00× faster/);
  });

  it('lists unavailable contestants by name', () => {
    expect(formatWorkload(result).join('\n')).toMatch(/recurrent_js: gone/);
  });

  it('ends with a BENCH line naming every workload and contestant, null where none ran', () => {
    const line = benchLine([result], 'wasm-simd');
    expect(line.startsWith('BENCH ')).toBe(true);
    const parsed = JSON.parse(line.slice('BENCH '.length));
    expect(parsed).toEqual({
      kernels: 'wasm-simd',
      rnn: { engine_ms: 2, engine_js_ms: null, fused_ms: 1.5, tfjs_cpu_ms: 20, tfjs_wasm_ms: 5, recurrent_js_ms: null },
      lstm: { engine_ms: null, engine_js_ms: null, fused_ms: null, tfjs_cpu_ms: null, tfjs_wasm_ms: null },
    });
  });
});
