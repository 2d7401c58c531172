#!/usr/bin/env node
// npm run demo: runs examples/*.ts against a local Prism mock of openapi/openapi.yaml, or against
// the real API when OPENROUTER_API_KEY is set. Each example is bundled with esbuild (the SDK from
// src/, no build step) and run in its own node process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((file) => file.endsWith('.ts'))
  .sort();

const realApi = Boolean(process.env.OPENROUTER_API_KEY);
const env = { ...process.env };
let prism;
if (realApi) {
  console.log(
    `Running ${examples.length} examples against ${process.env.OPENROUTER_BASE_URL ?? 'https://openrouter.ai/api/v1'} (OPENROUTER_API_KEY is set).\n`,
  );
} else {
  const port = await freePort();
  prism = await startPrism(port);
  Object.assign(env, {
    OPENROUTER_API_KEY: 'sk-or-v1-demo-key-for-the-mock-server',
    OPENROUTER_BASE_URL: `http://127.0.0.1:${port}`,
    OPENROUTER_DEMO_MOCK: '1',
  });
  console.log(`Running ${examples.length} examples against a Prism mock of openapi/openapi.yaml on port ${port}.`);
  console.log('Answers are the examples of the spec, not real models. Set OPENROUTER_API_KEY to use the real API.\n');
}

const outDir = mkdtempSync(join(tmpdir(), 'openrouter-ts-demo-'));
let failed = 0;
try {
  for (const example of examples) {
    const outfile = join(outDir, example.replace(/\.ts$/, '.mjs'));
    await build({
      entryPoints: [join(root, 'examples', example)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
    console.log(`── examples/${example}`);
    const code = await run(process.execPath, [outfile], env);
    if (code !== 0) {
      failed++;
      console.log(`   (exited with code ${code})`);
    }
    console.log('');
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
  await stopPrism(prism);
}
console.log(failed === 0 ? `All ${examples.length} examples ran.` : `${failed} of ${examples.length} examples failed.`);
process.exitCode = failed === 0 ? 0 : 1;

function run(command, args, childEnv) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { env: childEnv, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
    server.on('error', reject);
  });
}

async function startPrism(port) {
  const bin = join(root, 'node_modules/@stoplight/prism-cli/dist/index.js');
  const child = spawn(
    process.execPath,
    [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), join(root, 'openapi/openapi.yaml')],
    {
      env: { ...process.env, SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited early:\n${stderr}`);
    if (await canConnect(port)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Prism did not start within 30 s:\n${stderr}`);
}

function canConnect(port) {
  return new Promise((resolvePromise) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

async function stopPrism(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
