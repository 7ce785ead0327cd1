// Build-time endpoint: the three committed UCI sentence files (engine/data/corpora/sentiment-labelled-sentences/) in
// one JSON file at /data/sentiment-labelled-sentences.json, with their credit, for the sentiment lab's worker.
import type { APIRoute } from 'astro';
import { labelledBundle } from '../../../engine/data/labelledSentences';
import amazon from '../../../engine/data/corpora/sentiment-labelled-sentences/amazon_cells_labelled.txt?raw';
import imdb from '../../../engine/data/corpora/sentiment-labelled-sentences/imdb_labelled.txt?raw';
import yelp from '../../../engine/data/corpora/sentiment-labelled-sentences/yelp_labelled.txt?raw';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(labelledBundle({ imdb, amazon, yelp })), {
    headers: { 'Content-Type': 'application/json' },
  });
