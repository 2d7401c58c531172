#!/usr/bin/env node
// npm run demo: runs examples/*.ts against a local Prism mock of openapi/openapi.yaml, or against
// the real API when OPENROUTER_API_KEY is set. Each example is bundled with esbuild (the SDK from
// src/, no build step) and run in its own node process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { startPrism } from './prism.mjs';

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
  prism = await startPrism();
  Object.assign(env, {
    OPENROUTER_API_KEY: 'sk-or-v1-demo-key-for-the-mock-server',
    OPENROUTER_BASE_URL: prism.url,
    OPENROUTER_DEMO_MOCK: '1',
  });
  console.log(`Running ${examples.length} examples against a Prism mock of openapi/openapi.yaml on ${prism.url}.`);
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
  await prism?.stop();
}
console.log(failed === 0 ? `All ${examples.length} examples ran.` : `${failed} of ${examples.length} examples failed.`);
process.exitCode = failed === 0 ? 0 : 1;

function run(command, args, childEnv) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { env: childEnv, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}
