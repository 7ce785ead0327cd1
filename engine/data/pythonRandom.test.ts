// PythonRandom gives CPython's numbers: against values printed by Python 3.11 (committed here), and, where a python3
// is on the machine, against a live Python shuffling the same lists.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PythonRandom } from './pythonRandom';

// /usr/bin/python3 -c "import random; r = random.Random(seed); print([r.getrandbits(32) for _ in range(3)])" and
// "x = list(range(20)); random.Random(seed).shuffle(x); print(x)".
const PYTHON_311 = [
  {
    seed: 0,
    bits: [3626764237, 1654615998, 3255389356],
    shuffled: [10, 18, 16, 14, 0, 17, 11, 2, 3, 9, 5, 7, 4, 19, 6, 15, 8, 1, 13, 12],
  },
  {
    seed: 1,
    bits: [577090037, 2444712010, 3639700191],
    shuffled: [11, 5, 17, 19, 9, 0, 16, 1, 15, 6, 10, 13, 14, 12, 7, 3, 8, 2, 18, 4],
  },
  {
    seed: 12345,
    bits: [1789368711, 3146859322, 43676229],
    shuffled: [16, 18, 3, 8, 19, 10, 7, 14, 12, 1, 5, 2, 15, 17, 4, 6, 11, 9, 0, 13],
  },
  {
    seed: 2 ** 40 + 7,
    bits: [2635837658, 3209733218, 3500038837],
    shuffled: [17, 0, 10, 3, 1, 2, 9, 12, 7, 13, 5, 11, 14, 6, 16, 4, 8, 15, 18, 19],
  },
];

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('PythonRandom', () => {
  it.each(PYTHON_311)('draws and shuffles as Python does for seed $seed', ({ seed, bits, shuffled }) => {
    const r = new PythonRandom(seed);
    expect([r.getrandbits(32), r.getrandbits(32), r.getrandbits(32)]).toEqual(bits);
    expect(new PythonRandom(seed).shuffle(range(20))).toEqual(shuffled);
  });

  it('takes the absolute value of a negative seed, as Python', () => {
    expect(new PythonRandom(-1).shuffle(range(20))).toEqual(PYTHON_311[1].shuffled);
  });

  it('refuses a seed or a bound it cannot reproduce', () => {
    expect(() => new PythonRandom(0.5)).toThrow(/whole number/);
    expect(() => new PythonRandom(0).randbelow(0)).toThrow(/from 1/);
    expect(() => new PythonRandom(0).getrandbits(33)).toThrow(/from 1 to 32/);
  });

  const python = ['/usr/bin/python3', 'python3'].find(
    (py) => spawnSync(py, ['-c', 'import random'], { stdio: 'ignore' }).status === 0,
  );
  it.skipIf(python === undefined)('matches a live Python on lists of many lengths and seeds', () => {
    const cases = [0, 1, 2, 3, 7, 99, 1000, 2 ** 31 + 5].flatMap((seed) =>
      [1, 2, 5, 31, 32, 33, 100, 1000].map((n) => ({ seed, n })),
    );
    const script = [
      'import json, random, sys',
      'out = []',
      'for seed, n in json.load(sys.stdin):',
      '    x = list(range(n)); random.Random(seed).shuffle(x); out.append(x)',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(python!, ['-c', script], {
      input: JSON.stringify(cases.map((c) => [c.seed, c.n])),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(run.stdout) as number[][];
    cases.forEach(({ seed, n }, i) => expect(new PythonRandom(seed).shuffle(range(n))).toEqual(expected[i]));
  });
});
