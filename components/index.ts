// The one barrel that chapters (content/*.mdx) import their components from.
export { default as Aside } from './prose/Aside.astro';
export { default as Figure } from './prose/Figure.astro';
export { default as CheckYourself } from './prose/CheckYourself.astro';
export { default as Question } from './prose/Question.astro';
export { default as Predict } from './prose/Predict.astro';
export { default as UnrolledDiagram } from './prose/UnrolledDiagram.astro';
export { default as MemoryRule } from './widgets/MemoryRule/MemoryRule.astro';
export { default as StepCell } from './widgets/StepCell/StepCell.astro';
export { default as GradientLab } from './widgets/GradientLab/GradientLab.astro';
export { default as BpttStepper } from './widgets/BpttStepper/BpttStepper.astro';
export { default as LiveEquation } from './widgets/LiveEquation/LiveEquation.astro';
export { default as Unrolling } from './widgets/Unrolling/Unrolling.astro';
export { default as GateInspector } from './widgets/GateInspector/GateInspector.astro';
export { default as CharModel } from './widgets/CharModel/CharModel.astro';
export { default as NormalizeCalc } from './widgets/NormalizeCalc/NormalizeCalc.astro';
export { default as AttentionCalc } from './widgets/AttentionCalc/AttentionCalc.astro';
export { default as TrainingLab } from './widgets/TrainingLab/TrainingLab.astro';
