// Prints the sentiment corpus's statistics and the bag-of-words baselines' accuracies as Markdown, the
// numbers quoted in engine/data/corpora/README.md: `npx tsx scripts/data/sentimentStats.ts`.
import { pathToFileURL } from 'node:url';
import { CORPUS_SPLITS, type CorpusExample, type SentimentCorpus } from '../../engine/data/sentiment';
import { corpusBaselines } from '../../engine/data/sentimentBaseline';
import { loadSentimentCorpus } from './datasets';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Counts per split: total, positive, and each tag. */
export function corpusTable(corpus: SentimentCorpus): string {
  const cols: [string, (e: CorpusExample) => boolean][] = [
    ['positive', (e) => e.label === 1],
    ['negation', (e) => e.negation],
    ['contrast', (e) => e.contrast],
    ['negation or contrast', (e) => e.negation || e.contrast],
    ['intensifier/downtoner', (e) => e.intensifier],
    ['hand-written', (e) => e.handwritten],
  ];
  const lines = [
    `| split | sentences | ${cols.map(([c]) => c).join(' | ')} |`,
    `|---|---:|${cols.map(() => '---:').join('|')}|`,
  ];
  const all = CORPUS_SPLITS.flatMap((s) => corpus[s]);
  for (const [name, rows] of [...CORPUS_SPLITS.map((s) => [s, corpus[s]] as const), ['all', all] as const]) {
    lines.push(`| ${name} | ${rows.length} | ${cols.map(([, f]) => rows.filter(f).length).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Baseline accuracies per model, split and subset. */
export function baselineTable(corpus: SentimentCorpus): string {
  const report = corpusBaselines(corpus);
  const subsets = ['all', 'plain', 'negation', 'contrast', 'negationOrContrast'];
  const lines = [`| model | split | ${subsets.join(' | ')} |`, `|---|---|${subsets.map(() => '---:').join('|')}|`];
  for (const [model, bySplit] of Object.entries(report)) {
    for (const [split, acc] of Object.entries(bySplit)) {
      lines.push(
        `| ${model} | ${split} | ${subsets.map((s) => `${pct(acc[s].accuracy)} (${acc[s].count})`).join(' | ')} |`,
      );
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const corpus = loadSentimentCorpus();
  console.log(corpusTable(corpus));
  console.log();
  console.log(baselineTable(corpus));
}
