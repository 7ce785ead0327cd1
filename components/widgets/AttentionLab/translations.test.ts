// The attention lab's pieces without a browser: settings inside the engine's bounds, the preset's reading of its runs,
// and a finished run's translator rebuilt from its report (the same digits and weights as the worker's model).
import { describe, expect, it } from 'vitest';
import { parseTranslateConfig } from '../../../engine/train/tasks/translateConfig';
import { createTranslateTask } from '../../../engine/train/tasks/translate';
import { sourceBatch } from '../../../engine/train/tasks/translator';
import { createRunRecord, type RunRecord } from '../../lib/runHistory';
import { findPreset, PRESETS, presetSettings } from './presets';
import { RUN_DEFAULTS, toTaskConfig, fromTaskConfig } from './settings';
import { accuracyPoints, outputLabels, PhraseTranslator, strongestWords, translationSentence } from './translations';

describe('attention lab settings and presets', () => {
  it('map to a config the engine accepts, and back', () => {
    for (const preset of PRESETS)
      for (const run of preset.runs) {
        const config = toTaskConfig(presetSettings(run));
        expect(parseTranslateConfig(config).ok).toBe(true);
        expect(fromTaskConfig(config)).toEqual(presetSettings(run));
      }
    expect(toTaskConfig(RUN_DEFAULTS).maxSteps).toBe(400);
  });

  it('read the answer off the runs by the gap on long inputs', () => {
    const preset = findPreset('with-without')!;
    const run = (longAccuracy: number): RunRecord => {
      const record = createRunRecord(toTaskConfig(RUN_DEFAULTS));
      record.evals.push({ step: 400, trainLoss: 0.1, valLoss: 0.1, metrics: { accuracy: 0.9, longAccuracy } });
      return record;
    };
    expect(preset.outcome([run(1), run(0.43)]).choice).toBe(2);
    expect(preset.outcome([run(1), run(0.43)]).summary).toMatch(/100% exactly, the run without 43%/);
    expect(preset.outcome([run(0.9), run(0.7)]).choice).toBe(1);
    expect(preset.outcome([run(0.9), run(0.85)]).choice).toBe(0);
    expect(preset.outcome([run(0.5), run(0.9)]).choice).toBe(3);
  });
});

describe('PhraseTranslator', () => {
  const task = createTranslateTask({ ...toTaskConfig(RUN_DEFAULTS), hiddenSize: 16, embeddingDim: 8, trainSize: 500 });
  for (let i = 0; i < 20; i++) task.step();
  const report = task.report();
  const translator = new PhraseTranslator(report);

  it('translates as the worker’s model does, weights and all', () => {
    const t = translator.translate('Seven hundred and seventy-seven THOUSAND');
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const [direct] = task.model.translate(sourceBatch([t.words]));
    expect(t.digits).toBe(direct.digits);
    expect(t.weights).toEqual(direct.weights);
    expect(t.expected).toBe(777_000);
    expect(outputLabels(t)).toHaveLength(t.weights.length);
    expect(strongestWords(t.words, t.weights).every((w) => t.words.includes(w.word))).toBe(true);
    expect(translationSentence({ ...t, digits: '777000', ended: true })).toBe('The model wrote 777000: right.');
  });

  it('answers bad input with a sentence, never an exception', () => {
    const bad = translator.translate('<img src=x onerror=alert(1)>');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/does not know the word/);
    expect(translator.translate('').ok).toBe(false);
  });

  it('reports accuracy by length as percentages', () => {
    expect(accuracyPoints([{ words: 3, count: 4, correct: 3 }])).toEqual([{ x: 3, y: 75, count: 4 }]);
  });

  it('refuses weights that do not fit', () => {
    expect(() => new PhraseTranslator({ ...report, hiddenSize: 8 })).toThrow(/does not fit/);
  });
});
