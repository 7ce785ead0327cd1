// `npm run --silent engine:case`: one parity case as JSON on stdin, the answer as JSON on stdout.
// A bad case prints one line naming the field on stderr and exits 1; an answer with a value that is
// not finite prints one line naming where on stderr, nothing on stdout, and exits 2. The work is in runCase.ts.
import { NonFiniteAnswerError } from './nonFinite';
import { readInput } from './readInput';
import { answerCaseJSON } from './runCase';

try {
  const answer = answerCaseJSON(await readInput(process.stdin));
  process.stdout.write(`${answer}\n`);
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`engine:case: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = e instanceof NonFiniteAnswerError ? 2 : 1;
}
