import { Adam, crossEntropy, Linear, LSTM, reshape, RNN, Tensor } from '../engine/index';
import { kernelsFor, setWasmKernelsEnabled, kernelStatus } from '../engine/kernels/index';
import { loadWasmKernels } from '../engine/kernels/wasm/load';
await loadWasmKernels();
const cell = process.argv[2] ?? 'lstm';
const useWasm = process.argv[3] !== 'js';
setWasmKernelsEnabled(useWasm);
console.log(kernelStatus());
const [V, H, T, B] = cell === 'lstm' ? [65, 128, 50, 32] : [65, 128, 25, 1];
const rnn = cell === 'lstm' ? new LSTM(V, H) : new RNN(V, H);
const fc = new Linear(H, V);
const opt = new Adam([...rnn.parameters(), ...fc.parameters()], { lr: 2e-3 });
const x = new Tensor(new Float32Array(T * B * V), [T, B, V]);
const targets = new Int32Array(T * B);
const step = () => {
  x.data.fill(0);
  for (let r = 0; r < T * B; r++) { const c = (r * 7) % V; x.data[r * V + c] = 1; targets[r] = (c + 1) % V; }
  const { output } = rnn.forward(x);
  const loss = crossEntropy(fc.forward(reshape(output, [T * B, H])), targets);
  opt.zeroGrad(); loss.backward(); opt.step(); return loss.item();
};
const n = cell === 'lstm' ? 10 : 400;
for (let i = 0; i < n; i++) step();
let plain: number[] = [];
for (let i = 0; i < n; i++) { const t0 = performance.now(); step(); plain.push(performance.now() - t0); }
plain.sort((a, b) => a - b);
console.log(`step median ${plain[n >> 1].toFixed(3)} ms, best ${plain[0].toFixed(3)}`);
if (process.argv[4] === 'prof') {
const k = kernelsFor('float32') as any;
const times: Record<string, number> = {};
for (const name of Object.keys(k)) {
  const f = k[name];
  k[name] = function (a: any, b: any, c: any, d: any, e: any, f2: any, g: any, h: any, i: any, j: any, kk: any, l: any, m: any, nn: any, o: any, p: any, q: any) { const t0 = performance.now(); const r = f(a, b, c, d, e, f2, g, h, i, j, kk, l, m, nn, o, p, q); times[name] = (times[name] ?? 0) + performance.now() - t0; return r; };
}
let total = 0;
for (let i = 0; i < n; i++) { const t0 = performance.now(); step(); total += performance.now() - t0; }
console.log(`profiled step ${(total / n).toFixed(3)} ms`);
for (const [name, t] of Object.entries(times).sort((a, b) => b[1] - a[1])) console.log(`  ${name}: ${(t / n).toFixed(3)} ms (${((100 * t) / total).toFixed(1)}%)`);
}
