// Writes weights.json from trainAll(): `npx tsx components/widgets/GateInspector/writeWeights.ts` after changing train.ts or task.ts.
import { writeFileSync } from 'node:fs';
import { trainAll } from './train';

const trained = trainAll();
writeFileSync(new URL('./weights.json', import.meta.url), `${JSON.stringify(trained)}\n`);
for (const [key, net] of Object.entries(trained))
  console.log(`${key}: ${net.steps} Adam steps, final loss ${net.finalLoss.toFixed(5)}`);
