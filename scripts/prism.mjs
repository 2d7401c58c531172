// Starts and stops a Prism mock of openapi/openapi.yaml on a free loopback port: one launcher for
// `npm run demo`, the contract tests (vitest globalSetup) and the browser test. Prism is run with
// this node (no npx, no shell); its telemetry is off; it is killed should the parent exit first.
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const KILL_AFTER_MS = 3_000;
const root = fileURLToPath(new URL('../', import.meta.url));
const prismBin = fileURLToPath(new URL('../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

/** A port nobody listens on right now: bind port 0, read what the OS chose, release it. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error('no port assigned')) : resolve(port)));
    });
  });
}

function canConnect(port) {
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

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

async function stopChild(child) {
  if (exited(child)) return;
  const gone = new Promise((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!exited(child)) child.kill('SIGKILL');
  }, KILL_AFTER_MS);
  await gone;
  clearTimeout(timer);
}

/**
 * Starts `prism mock openapi/openapi.yaml` (CORS on, its default) and waits until it accepts
 * connections. Resolves to its URL and a `stop()` (SIGTERM, then SIGKILL after 3 s).
 * With `{ proxy: upstreamUrl }` it starts `prism proxy --errors` instead: requests go on to the
 * upstream, and Prism validates both the request and the upstream's answer against the description
 * (an answer that breaks it becomes a 500 with `sl-violations`).
 * @param {{ proxy?: string }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPrism(options = {}) {
  const port = await freePort();
  const mode = options.proxy
    ? ['proxy', 'openapi/openapi.yaml', options.proxy, '--errors']
    : ['mock', 'openapi/openapi.yaml'];
  const child = spawn(process.execPath, [prismBin, ...mode, '-h', HOST, '-p', String(port)], {
    cwd: root,
    env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let spawnError;
  child.once('error', (error) => {
    spawnError = error;
  });
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError || exited(child)) {
      process.off('exit', killOnExit);
      const why = spawnError?.message ?? `exit code ${child.exitCode}, signal ${child.signalCode}`;
      throw new Error(`Prism exited before it was ready (${why}). Its output:\n${output}`);
    }
    if (await canConnect(port)) return { url: `http://${HOST}:${port}`, port, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Prism did not accept connections on ${HOST}:${port} within ${READY_TIMEOUT_MS} ms. Its output:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
