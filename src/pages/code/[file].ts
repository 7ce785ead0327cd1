// Build-time endpoint: chapter 9's PyTorch scripts as the site's downloads, /code/sentiment_rnn.py (the chapter's
// code joined into one runnable file) and /code/sentiment_predict.py (reads the lab's "Download for PyTorch" file).
import type { APIRoute, GetStaticPaths } from 'astro';
import predict from '../../../scripts/torch/sentiment_predict.py?raw';
import script from '../../../scripts/torch/sentiment_rnn.py?raw';

export const prerender = true;

const FILES: Record<string, string> = { 'sentiment_rnn.py': script, 'sentiment_predict.py': predict };

export const getStaticPaths = (() => Object.keys(FILES).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const text = FILES[params.file ?? ''];
  return text === undefined
    ? new Response(null, { status: 404 })
    : new Response(text, { headers: { 'Content-Type': 'text/x-python; charset=utf-8' } });
};
