// What the browser test needs around the page: a Prism mock of openapi/openapi.yaml (scripts/prism.mjs),
// a static server for the example, and where Chromium is installed.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';
export const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Chromium (or Chrome) to drive: $CHROMIUM_PATH, else /usr/bin/chromium (Debian's package) and
 * the usual other names, else the first of those names on PATH. Undefined when there is none.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const candidates = [
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    ...(process.env.PATH ?? '').split(delimiter).flatMap((dir) => (dir ? names.map((name) => join(dir, name)) : [])),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

export { freePort, type Prism, startPrism } from '../../scripts/prism.mjs';

export interface StaticSite {
  /** The site's root URL, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `files` (URL path -> [content type, body]) on a free port of 127.0.0.1; anything else is a 404. */
export async function serveFiles(files: Record<string, [string, string | Uint8Array]>): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', `http://${HOST}`);
    const file = files[pathname];
    if (request.method !== 'GET' || !file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('static server has no port');
  return {
    url: `http://${HOST}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
