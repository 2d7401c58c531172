// What the browser test needs around the page: a Prism mock of openapi/openapi.yaml, a static server
// for the example, and where Chromium is installed.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createConnection, createServer as createNetServer } from 'node:net';
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

/** A port nobody listens on right now: bind port 0, read what the OS chose, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error('no port assigned')) : resolve(port)));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface Prism {
  url: string;
  stop(): Promise<void>;
}

/** Starts `prism mock openapi/openapi.yaml` (CORS on, its default) on a free port and waits until it accepts connections. */
export async function startPrism(): Promise<Prism> {
  const port = await freePort();
  const bin = join(root, 'node_modules/@stoplight/prism-cli/dist/index.js');
  const child = spawn(process.execPath, [bin, 'mock', '-h', HOST, '-p', String(port), 'openapi/openapi.yaml'], {
    cwd: root,
    env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const stop = () => stopChild(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (spawnError || exited(child)) {
      throw new Error(
        `Prism exited before it was ready (${spawnError?.message ?? child.exitCode}). Its output:\n${output}`,
      );
    }
    if (await canConnect(port)) return { url: `http://${HOST}:${port}`, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prism did not listen on ${HOST}:${port} within 30 s. Its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!exited(child)) child.kill('SIGKILL');
  }, 3_000);
  await gone;
  clearTimeout(timer);
}

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
