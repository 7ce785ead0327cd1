// The service worker's precache list: URLs relative to sw.js, content revisions except for Vite's hashed assets, and
// none of the files a reader never needs from this origin's cache.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precacheManifest } from './offline.mjs';

function site(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'unrolled-precache-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('precacheManifest', () => {
  it('lists pages, assets, fonts, data and the search index, and skips embeds, twins and host files', async () => {
    const root = site({
      'index.html': 'home',
      'the-math/index.html': 'math',
      '_astro/page.Ab12Cd.js': 'js',
      'fonts/katex/KaTeX_Main-Regular.woff2': 'font',
      'fonts/katex/katex-fonts.js': 'font bytes',
      'data/moby-dick.txt': 'Call me Ishmael.',
      'data/moby-dick.txt.js': 'twin',
      'pagefind/pagefind.js': 'search',
      'pagefind/pagefind-modular-ui.js': 'unused',
      'embed/char-model/index.html': 'embed',
      'embed/char-model.html': 'one file',
      _headers: 'headers',
      'sw.js': 'old worker',
    });
    const { entries, bytes } = await precacheManifest(root);
    expect(entries.map((e) => e.url)).toEqual([
      '_astro/page.Ab12Cd.js',
      'data/moby-dick.txt',
      'fonts/katex/KaTeX_Main-Regular.woff2',
      'index.html',
      'pagefind/pagefind.js',
      'the-math/index.html',
    ]);
    expect(entries[0].revision).toBeNull();
    expect(entries.slice(1).every((e) => /^[0-9a-f]{16}$/.test(e.revision ?? ''))).toBe(true);
    expect(bytes).toBe(['js', 'Call me Ishmael.', 'font', 'home', 'search', 'math'].join('').length);
  });

  it('gives a file a new revision when its contents change', async () => {
    const before = (await precacheManifest(site({ 'index.html': 'v1' }))).entries[0].revision;
    const after = (await precacheManifest(site({ 'index.html': 'v2' }))).entries[0].revision;
    expect(after).not.toBe(before);
  });
});
