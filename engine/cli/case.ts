// `npm run --silent engine:case`: one parity case as JSON on stdin, the answer as JSON on stdout;
// a bad case prints one line naming the field on stderr and exits 1. The work is in runCase.ts.
import { answerCaseJSON } from './runCase';

const chunks: Buffer[] = [];
process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
process.stdin.on('end', () => {
  try {
    process.stdout.write(`${answerCaseJSON(Buffer.concat(chunks).toString('utf8'))}\n`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`engine:case: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
});
