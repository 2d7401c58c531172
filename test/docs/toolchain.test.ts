// What the README says a user's toolchain needs, checked with those very tools (installed outside
// the project's dependencies by `node test/docs/toolchain-install.mjs`, into .tmp/toolchain/):
// - TypeScript 5.0 type-checks a consumer of the packed package, the package's declarations
//   included (skipLibCheck off), under moduleResolution nodenext and bundler;
// - TypeScript 4.9 fails on them, at the `const` type parameter: the README's "5.0 or newer" is the
//   real floor, not a guess;
// - Vite 6, webpack 5 (target web and node) and Rollup 4 bundle a consumer, and each bundle runs
//   (node) and gets an answer from a local server through the SDK.
// A missing tool skips its test with a loud warning; REQUIRE_TOOLS=1 or RUNTIMES_REQUIRED=1 (.ci/run)
// make it a failure.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedConsumer, root } from './packed';
import { TOOLCHAIN_DIR } from './toolchain.mjs';

const required = process.env.REQUIRE_TOOLS === '1' || process.env.RUNTIMES_REQUIRED === '1';
const toolDir = (id: string) => join(root, TOOLCHAIN_DIR, id, 'node_modules');
const TOOLS = {
  ts50: join(toolDir('ts50'), 'typescript', 'bin', 'tsc'),
  ts49: join(toolDir('ts49'), 'typescript', 'bin', 'tsc'),
  vite6: join(toolDir('vite6'), 'vite', 'package.json'),
  webpack5: join(toolDir('webpack5'), 'webpack', 'package.json'),
  rollup4: join(toolDir('rollup4'), 'rollup', 'package.json'),
} as const;
const missing = Object.entries(TOOLS)
  .filter(([, file]) => !existsSync(file))
  .map(([id]) => id);
if (missing.length > 0) {
  const message = `test/docs/toolchain.test.ts: ${missing.join(', ')} not installed in ${TOOLCHAIN_DIR}/ (run: node test/docs/toolchain-install.mjs)`;
  if (required) throw new Error(`${message}, and REQUIRE_TOOLS/RUNTIMES_REQUIRED say every toolchain check must run.`);
  console.warn(`\n${'!'.repeat(100)}\n!!! ${message}: those checks are SKIPPED.\n${'!'.repeat(100)}\n`);
}
const has = (id: keyof typeof TOOLS) => !missing.includes(id);

// A user's file: the client, a stream, a tool with typed arguments (runTools' `const` type
// parameter), an error class, the helpers entry.
const CONSUMER_TS = `
import { NotFoundError, OpenRouter, tool, type ChatCompletion } from 'openrouter-ts';
import { parseModelId } from 'openrouter-ts/helpers';

const client = new OpenRouter({ apiKey: 'sk-test', maxRetries: 1 });
const add = tool({
  name: 'add',
  parameters: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'], additionalProperties: false },
  function: (args) => String(args),
});
export async function use(): Promise<string | undefined> {
  const completion: ChatCompletion = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const stream = await client.chat.completions.create({ model: 'm/x', messages: [], stream: true });
  for await (const chunk of stream) void chunk.choices[0]?.delta.content;
  const runner = client.chat.completions.runTools({ model: 'm/x', messages: [], tools: [add] });
  void (await runner.finalContent());
  try {
    await client.models.endpoints(parseModelId('openai/gpt-4o').author + '/gpt-4o');
  } catch (error) {
    if (error instanceof NotFoundError) return error.message;
  }
  const content = completion.choices[0]?.message.content;
  return typeof content === 'string' ? content : undefined;
}
`;

// The bundlers' entry: a real call through the SDK to the test's server (BASE_URL is set by the
// runner), and a helper; prints the result for the test to read.
const ENTRY_JS = `
import { OpenRouter } from 'openrouter-ts';
import { parseModelId } from 'openrouter-ts/helpers';

const client = new OpenRouter({ apiKey: 'sk-test', baseURL: globalThis.BASE_URL, maxRetries: 0 });
client.models.list().then(
  (page) => console.log('RESULT ' + JSON.stringify({ models: page.data.length, author: parseModelId('openai/gpt-4o').author })),
  (error) => console.log('ERROR ' + String(error)),
);
`;

// Loads a bundle the way its format needs: an ES module or a script via import(), CommonJS via require.
const RUNNER_MJS = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const [file, baseURL] = process.argv.slice(2);
globalThis.BASE_URL = baseURL;
globalThis.self ??= globalThis; // web bundles may look for self
if (file.endsWith('.cjs')) createRequire(import.meta.url)(file);
else await import(pathToFileURL(file).href);
`;

// Asynchronous: the bundles call the test's own server, which must keep answering meanwhile.
function node(args: string[], cwd: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
    });
    child.stderr.on('data', (data) => {
      output += data;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

let dir = '';
let server: Server | undefined;
let baseURL = '';

beforeAll(async () => {
  dir = packedConsumer('toolchain-');
  writeFileSync(join(dir, 'consumer.ts'), CONSUMER_TS.trimStart());
  writeFileSync(join(dir, 'entry.js'), ENTRY_JS.trimStart());
  writeFileSync(join(dir, 'run-bundle.mjs'), RUNNER_MJS.trimStart());
  server = createServer((request, response) => {
    const ok = request.url?.endsWith('/models') && request.headers.authorization === 'Bearer sk-test';
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(ok ? { data: [{ id: 'a/b' }, { id: 'c/d' }] } : { error: { code: 404, message: 'no' } }),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  baseURL = `http://127.0.0.1:${address.port}/api/v1`;
}, 240_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function typeCheck(tsc: string, moduleResolution: 'nodenext' | 'bundler') {
  const config = `tsconfig.${moduleResolution}.json`;
  writeFileSync(
    join(dir, config),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: moduleResolution === 'bundler' ? 'esnext' : 'nodenext',
        moduleResolution,
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ['consumer.ts'],
    }),
  );
  return node([tsc, '-p', config, '--pretty', 'false'], dir);
}

describe('the TypeScript versions the README names', () => {
  it.skipIf(!has('ts50')).each(['nodenext', 'bundler'] as const)(
    'TypeScript 5.0 type-checks a consumer and the declarations (moduleResolution %s)',
    async (resolution) => {
      const { status, output } = await typeCheck(TOOLS.ts50, resolution);
      expect(output).toBe('');
      expect(status).toBe(0);
    },
    180_000,
  );

  it.skipIf(!has('ts49'))(
    'TypeScript 4.9 fails, in the declarations, at the const type parameter',
    async () => {
      const { status, output } = await typeCheck(TOOLS.ts49, 'nodenext');
      expect(status).not.toBe(0);
      // The first error is in the package's declarations, on a line with `<const `.
      const first = /^(.+?\.d\.ts)\((\d+),\d+\): error/m.exec(output);
      expect(first, output.slice(0, 2000)).not.toBeNull();
      const [, file = '', line = '0'] = first ?? [];
      expect(file).toContain('node_modules/openrouter-ts/dist/');
      const text = readFileSync(join(dir, file), 'utf8').split('\n')[Number(line) - 1] ?? '';
      expect(text).toContain('<const ');
    },
    180_000,
  );
});

describe('the bundlers the README names build a consumer, and the bundle runs', () => {
  const bundlers = [
    {
      id: 'vite6' as const,
      name: 'Vite 6',
      out: 'out/vite.js',
      script: `
const { build } = await import(${JSON.stringify(pathToFileURL(join(toolDir('vite6'), 'vite', 'dist', 'node', 'index.js')).href)});
await build({
  configFile: false, logLevel: 'error', root: process.cwd(),
  build: { outDir: 'out', emptyOutDir: false, minify: true, lib: { entry: 'entry.js', formats: ['es'], fileName: () => 'vite.js' } },
});`,
    },
    ...(['web', 'node'] as const).map((target) => ({
      id: 'webpack5' as const,
      name: `webpack 5, target ${target}`,
      out: target === 'web' ? 'out/webpack-web.js' : 'out/webpack-node.cjs',
      script: `
import { createRequire } from 'node:module';
const webpack = createRequire(${JSON.stringify(join(toolDir('webpack5'), 'x.js'))})('webpack');
const stats = await new Promise((resolve, reject) =>
  webpack({
    mode: 'production', target: ${JSON.stringify(target)}, context: process.cwd(), entry: './entry.js',
    output: { path: process.cwd() + '/out', filename: ${JSON.stringify(target === 'web' ? 'webpack-web.js' : 'webpack-node.cjs')} },
  }, (error, result) => (error ? reject(error) : resolve(result))),
);
if (stats.hasErrors()) { console.error(stats.toString('errors-only')); process.exit(1); }`,
    })),
    {
      id: 'rollup4' as const,
      name: 'Rollup 4',
      out: 'out/rollup.js',
      script: `
const { rollup } = await import(${JSON.stringify(pathToFileURL(join(toolDir('rollup4'), 'rollup', 'dist', 'es', 'rollup.js')).href)});
const { nodeResolve } = await import(${JSON.stringify(pathToFileURL(join(toolDir('rollup4'), '@rollup', 'plugin-node-resolve', 'dist', 'es', 'index.js')).href)});
const bundle = await rollup({ input: 'entry.js', plugins: [nodeResolve({ browser: true })] });
await bundle.write({ file: 'out/rollup.js', format: 'es' });`,
    },
  ];

  for (const bundler of bundlers) {
    it.skipIf(!has(bundler.id))(
      bundler.name,
      async () => {
        const script = `build-${bundler.out.replace(/[/.]/g, '-')}.mjs`;
        writeFileSync(join(dir, script), bundler.script.trimStart());
        const built = await node([script], dir);
        expect(built.status, built.output).toBe(0);
        const ran = await node(['run-bundle.mjs', join(dir, bundler.out), baseURL], dir);
        expect(ran.output, `running ${bundler.out}`).toContain('RESULT {"models":2,"author":"openai"}');
      },
      240_000,
    );
  }
});
