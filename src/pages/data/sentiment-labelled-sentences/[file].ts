// Build-time endpoint: the committed UCI sentence files as distributed, and their README (source, CC BY 4.0 license,
// checksums, the course's split), under /data/sentiment-labelled-sentences/, for readers running the PyTorch script.
import type { APIRoute, GetStaticPaths } from 'astro';
import amazon from '../../../../engine/data/corpora/sentiment-labelled-sentences/amazon_cells_labelled.txt?raw';
import imdb from '../../../../engine/data/corpora/sentiment-labelled-sentences/imdb_labelled.txt?raw';
import readme from '../../../../engine/data/corpora/sentiment-labelled-sentences/README.md?raw';
import yelp from '../../../../engine/data/corpora/sentiment-labelled-sentences/yelp_labelled.txt?raw';
import { LABELLED_FILES } from '../../../../engine/data/labelledSentences';

export const prerender = true;

const FILES: Record<string, { text: string; type: string }> = {
  [LABELLED_FILES.imdb]: { text: imdb, type: 'text/plain; charset=utf-8' },
  [LABELLED_FILES.amazon]: { text: amazon, type: 'text/plain; charset=utf-8' },
  [LABELLED_FILES.yelp]: { text: yelp, type: 'text/plain; charset=utf-8' },
  'README.md': { text: readme, type: 'text/markdown; charset=utf-8' },
};

export const getStaticPaths = (() => Object.keys(FILES).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const file = FILES[params.file ?? ''];
  return file
    ? new Response(file.text, { headers: { 'Content-Type': file.type } })
    : new Response(null, { status: 404 });
};
