// Build-time endpoint: serves the committed sentiment corpus (engine/data/corpora/sentiment.json) at /data/sentiment.json for the worker.
import type { APIRoute } from 'astro';
import { sentimentCorpusFile } from '../../../scripts/data/datasets';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(sentimentCorpusFile()), { headers: { 'Content-Type': 'application/json' } });
