// A plain static file server for browser tests that need what `astro preview` cannot give: a build mounted under a
// sub-path, response headers of our choosing (a Content-Security-Policy), and a second origin on another port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** Content types of the files an Astro + Pagefind build contains (anything else is sent as bytes). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** A running server. */
export interface StaticServer {
  /** Its origin, e.g. `http://127.0.0.1:43127` (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/** Options of `serveStatic`. */
export interface ServeOptions {
  /** The URL path the build is mounted at, with slashes at both ends (`/course/`); requests outside it get a 404. */
  base?: string;
  /** Headers added to every response (e.g. `Content-Security-Policy`). */
  headers?: Record<string, string>;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Host name to listen on; `127.0.0.1` by default. */
  host?: string;
  /** Change a file as served (e.g. to play a new deploy): given its URL path and contents, return what to send. */
  transform?: (path: string, body: Buffer) => Buffer;
}

/**
 * Serve the directory `root` read-only: `/base/x/` answers with `x/index.html`, a missing file with `404.html` and
 * status 404, like a static host. Paths that escape `root` are refused.
 */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const base = options.base ?? '/';
  const headers = options.headers ?? {};
  const send = async (response: ServerResponse, status: number, file: string | null, path = ''): Promise<void> => {
    const raw = file ? await readFile(file) : Buffer.from('Not found');
    const body = options.transform ? options.transform(path, raw) : raw;
    const type = file ? (TYPES[extname(file)] ?? 'application/octet-stream') : 'text/plain; charset=utf-8';
    response.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-cache' });
    response.end(body);
  };
  const isFile = (path: string): Promise<boolean> =>
    stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const notFound = async (): Promise<void> => {
      const page = join(root, '404.html');
      await send(response, 404, (await isFile(page)) ? page : null);
    };
    if (!path.startsWith(base)) return notFound();
    const file = normalize(join(root, path.slice(base.length)));
    if (file !== normalize(root) && !file.startsWith(normalize(root) + sep)) return notFound();
    const candidate = path.endsWith('/') ? join(file, 'index.html') : file;
    if (await isFile(candidate)) return send(response, 200, candidate, path);
    return notFound();
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
