import { readFileSync, readdirSync } from 'node:fs';
const file = readdirSync('tmp-probe').find((f) => f.endsWith('.cpuprofile'));
const prof = JSON.parse(readFileSync('tmp-probe/' + file, 'utf8'));
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
let total = 0;
for (const [id, t] of dt) { const n = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); total += t; }
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(100 * t / total).toFixed(1)}%  ${(t / 1000).toFixed(0)} ms  ${k}`);
