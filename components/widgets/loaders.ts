// Each widget's custom-element tag and the module that defines it, loaded only when an element comes near the
// viewport. Chapter pages run `defineWidgetsLazily()`; embed pages load one widget's classic bundle instead
// (scripts/build/classicBundles.mjs finds that module as <Name>/<name>.ts from the widget's URL name).
import { lazyDefine } from '../lib/lazyMount';

/** Tag → the module whose import calls `customElements.define` for it. */
export const widgetLoaders: Record<string, () => Promise<unknown>> = {
  'memory-rule': () => import('./MemoryRule/memoryRule'),
  'step-cell': () => import('./StepCell/stepCell'),
  'live-equation': () => import('./LiveEquation/liveEquation'),
  'rnn-unrolling': () => import('./Unrolling/unrolling'),
  'bptt-stepper': () => import('./BpttStepper/bpttStepper'),
  'gate-inspector': () => import('./GateInspector/gateInspector'),
  'char-model': () => import('./CharModel/charModel'),
  'gradient-lab': () => import('./GradientLab/gradientLab'),
  'training-lab': () => import('./TrainingLab/trainingLab'),
  'normalize-calc': () => import('./NormalizeCalc/normalizeCalc'),
  'attention-calc': () => import('./AttentionCalc/attentionCalc'),
  'forecast-lab': () => import('./ForecastLab/forecastLab'),
  'attention-lab': () => import('./AttentionLab/attentionLab'),
  'tuning-lab': () => import('./TuningLab/tuningLab'),
  'sentiment-lab': () => import('./SentimentLab/sentimentLab'),
  'teacher-forcing-lab': () => import('./TeacherForcingLab/teacherForcingLab'),
};

/** Load each widget on the page when it nears the viewport (tags not on the page cost nothing). */
export function defineWidgetsLazily(): void {
  for (const [tag, load] of Object.entries(widgetLoaders)) lazyDefine(tag, load);
}
