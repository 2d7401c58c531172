// Vitest globalSetup of the `contract` project: starts a Prism mock of openapi/openapi.yaml on a
// free port, hands its URL to the tests (`inject('prismUrl')`), and stops it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const KILL_AFTER_MS = 3_000;
const root = fileURLToPath(new URL('../../', import.meta.url));
const prismBin = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));

/** A port nobody listens on right now: bind port 0, read what the OS chose, release it. */
function freePort(): Promise<number> {
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

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stop(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!exited(child)) child.kill('SIGKILL');
  }, KILL_AFTER_MS);
  await gone;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  const child = spawn(process.execPath, [prismBin, 'mock', '-h', HOST, '-p', String(port), 'openapi/openapi.yaml'], {
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
  // Should vitest itself die without running the teardown, do not leave Prism behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError || exited(child)) {
      process.off('exit', killOnExit);
      throw new Error(
        `Prism exited before it was ready (${spawnError?.message ?? `exit code ${child.exitCode}, signal ${child.signalCode}`}). Its output:\n${output}`,
      );
    }
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      process.off('exit', killOnExit);
      await stop(child);
      throw new Error(
        `Prism did not accept connections on ${HOST}:${port} within ${READY_TIMEOUT_MS} ms. Its output:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  project.provide('prismUrl', `http://${HOST}:${port}`);
  return async () => {
    process.off('exit', killOnExit);
    await stop(child);
  };
}
