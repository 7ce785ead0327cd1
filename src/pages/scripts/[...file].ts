// Build-time endpoint: the committed scripts the chapters quote (the PyTorch references in scripts/torch/, the
// tuning lab's and the sentiment lab's runs in scripts/tuning-lab/ and scripts/sentiment-lab/, with the outputs they
// printed), served as plain text at /scripts/<folder>/<file>, so a chapter can link
// the script a figure comes from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';

/** The folders whose scripts are published, and the endings of the files in them that are scripts. */
const FOLDERS = {
  torch: /\.py$/,
  'tuning-lab': /^(?!.*\.test\.ts$).*\.(ts|txt)$/,
  'sentiment-lab': /^(?!.*\.test\.ts$).*\.(ts|json)$/,
} as const;

/** The project's scripts folder (the build runs from the project's root; this file is bundled elsewhere). */
const SCRIPTS = join(process.cwd(), 'scripts');

export const prerender = true;

export const getStaticPaths: GetStaticPaths = () =>
  Object.entries(FOLDERS).flatMap(([folder, pattern]) =>
    readdirSync(join(SCRIPTS, folder))
      .filter((name) => pattern.test(name))
      .map((name) => ({ params: { file: `${folder}/${name}` } })),
  );

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(join(SCRIPTS, params.file!), 'utf8'), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
