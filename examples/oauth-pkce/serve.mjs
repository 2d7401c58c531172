#!/usr/bin/env node
// Serves this example on http://localhost:3000/ (PORT to change it): bundles main.ts with esbuild
// (the SDK from src/) and serves index.html and main.js. Open the page, follow the link, sign in on
// openrouter.ai; it sends you back here with ?code=... and the page shows your new key, masked.
// OPENROUTER_BASE_URL points the code exchange elsewhere (a mock, for example).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const port = Number(process.env.PORT ?? 3000);
const bundle = await build({
  entryPoints: [join(here, 'main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  define: { __OPENROUTER_BASE_URL__: JSON.stringify(process.env.OPENROUTER_BASE_URL ?? null) },
});
const mainJs = bundle.outputFiles[0].contents;
const indexHtml = await readFile(join(here, 'index.html'));

createServer((request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/' || pathname === '/index.html') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(indexHtml);
  } else if (pathname === '/main.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(mainJs);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(port, 'localhost', () => console.log(`OAuth PKCE example: http://localhost:${port}/`));
