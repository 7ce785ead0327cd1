import { describe, expect, it } from 'vitest';
import { formatSequence, MAX_STEPS, PRESETS, readSequence, sequenceCodec } from './sequence';

describe('readSequence', () => {
  it('reads numbers separated by spaces, commas or semicolons, with * marking a step', () => {
    expect(readSequence('0.3 -0.5, *0.8;0.1  −0.7 0.4*')).toEqual({
      steps: [
        { value: 0.3, marked: false },
        { value: -0.5, marked: false },
        { value: 0.8, marked: true },
        { value: 0.1, marked: false },
        { value: -0.7, marked: false },
        { value: 0.4, marked: true },
      ],
      problems: [],
    });
  });

  it('skips what is not a number, clamps into −1…1 and keeps the rest, saying so', () => {
    const { steps, problems } = readSequence('0.5 abc 3 *-2 .25 1e-1 0x10 NaN');
    expect(steps).toEqual([
      { value: 0.5, marked: false },
      { value: 1, marked: false },
      { value: -1, marked: true },
      { value: 0.25, marked: false },
      { value: 0.1, marked: false },
    ]);
    expect(problems).toEqual(['Skipped “abc”, “0x10”, “NaN”: not a number.', 'Clamped 3, -2 into −1 … 1.']);
  });

  it(`keeps the first ${MAX_STEPS} steps of a long sequence and reads nothing from empty text`, () => {
    const long = readSequence(Array.from({ length: 30 }, (_, i) => (i / 100).toFixed(2)).join(' '));
    expect(long.steps).toHaveLength(MAX_STEPS);
    expect(long.steps[MAX_STEPS - 1].value).toBe(0.11);
    expect(long.problems).toEqual([`Read the first ${MAX_STEPS} of 30 numbers.`]);
    expect(readSequence('  ,; ')).toEqual({ steps: [], problems: [] });
    expect(readSequence('*'.repeat(5000)).problems).toContain('Read only the first 400 characters.');
  });

  it('reads every preset cleanly', () => {
    for (const text of Object.values(PRESETS)) {
      const { steps, problems } = readSequence(text);
      expect(problems).toEqual([]);
      expect(steps.length).toBeGreaterThan(1);
      expect(steps.length).toBeLessThanOrEqual(MAX_STEPS);
    }
  });
});

describe('sequenceCodec', () => {
  it('round-trips through the URL form', () => {
    const { steps } = readSequence(PRESETS['two marks']);
    const raw = sequenceCodec.format(steps);
    expect(raw).toBe('0.1,*0.7,-0.4,0.5,0.2,*-0.6,0.3,-0.1');
    expect(sequenceCodec.parse(raw)).toEqual({ value: steps });
    expect(formatSequence(steps)).toBe(PRESETS['two marks']);
  });

  it('rejects anything the lenient reader would have to repair, stating the rule and the first breach', () => {
    const rule = `must list 1 to ${MAX_STEPS} numbers from −1 to 1, separated by commas`;
    expect(sequenceCodec.parse('')).toEqual({ error: rule });
    expect(sequenceCodec.parse('0.5,x')).toEqual({ error: `${rule} (“x” is not a number)` });
    expect(sequenceCodec.parse('0.5,2')).toEqual({ error: `${rule} (2 is outside −1 … 1)` });
    expect(sequenceCodec.parse('99999')).toEqual({ error: `${rule} (99999 is outside −1 … 1)` });
    expect(sequenceCodec.parse(Array(13).fill('0').join(','))).toEqual({ error: `${rule} (this lists 13)` });
    expect(sequenceCodec.parse('0,'.repeat(300))).toEqual({ error: `${rule} (this is longer than 400 characters)` });
    // What it quotes from the URL is cut short and has its invisible characters spelled out.
    expect(sequenceCodec.parse('0.5,\u202Eabcdefghijklmnop')).toEqual({
      error: `${rule} (“[U+202E]abcdefghijk…” is not a number)`,
    });
  });
});
