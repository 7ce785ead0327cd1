// Every demonstration link on the instructors page sets up its widget as written: its address parses with the
// widget's own URL-state table without a notice, and each parameter it gives is taken (none falls back to a default).
import { describe, expect, it } from 'vitest';
import type { UrlState, Spec } from '../lib/urlState';
import { bpttStepperUrl } from './BpttStepper/state';
import { charModelUrl } from './CharModel/state';
import { forecastLabUrl } from './ForecastLab/settings';
import { demonstrationQuery, demonstrations } from './demonstrations';
import { gateInspectorUrl } from './GateInspector/state';
import { gradientLabUrl } from './GradientLab/state';
import { attentionCalcUrl } from './AttentionCalc/state';
import { attentionLabUrl } from './AttentionLab/settings';
import { liveEquationUrl } from './LiveEquation/state';
import { normalizeCalcUrl } from './NormalizeCalc/state';
import { memoryRuleUrl } from './MemoryRule/state';
import { stepCellUrl } from './StepCell/state';
import { parseLabUrl } from './TrainingLab/state';
import { PRESETS } from './TrainingLab/presets';
import { unrollingUrl } from './Unrolling/state';
import { sentimentLabUrl } from './SentimentLab/state';
import { teacherForcingLabUrl } from './TeacherForcingLab/settings';
import { PRESETS as SEARCH_PRESETS, readTuningLabState } from './TuningLab/state';

const tables: Record<string, UrlState<Spec>> = {
  'memory-rule': memoryRuleUrl,
  'normalize-calc': normalizeCalcUrl,
  'attention-calc': attentionCalcUrl,
  'step-cell': stepCellUrl,
  'live-equation': liveEquationUrl,
  unrolling: unrollingUrl,
  'bptt-stepper': bpttStepperUrl,
  'gate-inspector': gateInspectorUrl,
  'char-model': charModelUrl,
  'gradient-lab': gradientLabUrl,
  'sentiment-lab': sentimentLabUrl,
  'forecast-lab': forecastLabUrl,
  'attention-lab': attentionLabUrl,
  'teacher-forcing-lab': teacherForcingLabUrl,
};

describe('demonstration links', () => {
  it('cover every widget with at least two', () => {
    expect(Object.keys(demonstrations).sort()).toEqual([...Object.keys(tables), 'training-lab', 'tuning-lab'].sort());
    for (const list of Object.values(demonstrations)) expect(list.length).toBeGreaterThanOrEqual(2);
  });

  for (const [name, table] of Object.entries(tables)) {
    it(`${name}: each parses without a notice and takes every value it gives`, () => {
      for (const demo of demonstrations[name]) {
        const params = new URLSearchParams(demonstrationQuery(name, demo));
        const { state, notices } = table.parse(params);
        expect(notices, demo.label).toEqual([]);
        const written = new URLSearchParams();
        table.write(state, written);
        for (const [key, value] of Object.entries(demo.params)) {
          const spec = table.spec[key];
          expect(spec, `${name}.${key}`).toBeDefined();
          // Written back as the widget would write it: the value itself (a default would be left out).
          const parsed = spec.codec.parse(value);
          if ('error' in parsed) throw new Error(`${demo.label}: ${name}.${key}=${value} ${parsed.error}`);
          const shown = written.get(`${name}.${key}`) ?? spec.codec.format(spec.default);
          expect(shown, demo.label).toBe(spec.codec.format(parsed.value));
        }
      }
    });
  }

  it('tuning-lab: one link per preset, each loading it without a notice', () => {
    expect(demonstrations['tuning-lab'].map((d) => d.params.preset)).toEqual(Object.keys(SEARCH_PRESETS));
    for (const demo of demonstrations['tuning-lab']) {
      const { state, notices } = readTuningLabState(new URLSearchParams(demonstrationQuery('tuning-lab', demo)));
      expect(state.preset).toBe(demo.params.preset);
      expect(notices).toEqual([]);
    }
  });

  it('training-lab: one link per preset, each loading it, and real sentences for the sentiment task', () => {
    const presetDemos = demonstrations['training-lab'].filter((d) => d.params.preset);
    expect(presetDemos.map((d) => d.params.preset)).toEqual(PRESETS.map((p) => p.id));
    for (const demo of demonstrations['training-lab']) {
      const url = parseLabUrl(new URLSearchParams(demonstrationQuery('training-lab', demo)));
      expect(url.preset).toBe(demo.params.preset ?? null);
      expect(url.notices).toEqual([]);
      if (!demo.params.preset) expect(url.settings).toMatchObject({ task: demo.params.task, data: demo.params.data });
    }
  });
});
