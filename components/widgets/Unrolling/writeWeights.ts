// Writes weights.json from trainWeights(): `npx tsx components/widgets/Unrolling/writeWeights.ts` after changing train.ts.
import { writeFileSync } from 'node:fs';
import { trainWeights } from './train';

const weights = trainWeights();
writeFileSync(new URL('./weights.json', import.meta.url), `${JSON.stringify(weights)}\n`);
console.log(`weights.json: ${weights.steps} Adam steps, final loss ${weights.finalLoss.toFixed(4)}`);
