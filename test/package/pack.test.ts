// The package as users get it: `npm pack` the built package, install the tarball into a throwaway
// consumer project (offline: it has no dependencies), then `require` it, `import` it, and type-check
// a consumer under moduleResolution node16 (ESM and CommonJS files) and bundler. Uses dist/ as
// `npm run build` left it (builds it when it is missing).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

let work = '';
let consumer = '';
let packedFiles: string[] = [];

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCARF_ANALYTICS: 'false', npm_config_update_notifier: 'false' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

const write = (file: string, text: string) => writeFileSync(join(consumer, file), `${text.trim()}\n`);

// The same checks in both module systems; `load` is `require` or a dynamic `import`.
const runtimeChecks = (load: string) => `
const assert = ${load.startsWith('require') ? "require('node:assert/strict')" : "(await import('node:assert/strict')).default"};
const sdk = ${load}('openrouter-ts');
const helpers = ${load}('openrouter-ts/helpers');
const client = new sdk.OpenRouter({ apiKey: 'x' });
assert.equal(typeof client.models, 'object');
assert.equal(typeof client.models.list, 'function');
assert.equal(typeof client.chat.completions.create, 'function');
assert.equal(sdk.default, sdk.OpenRouter);
assert.equal(sdk.VERSION, ${JSON.stringify(pkg.version)});
assert.deepEqual(helpers.parseModelId('openai/gpt-4o:free'), { author: 'openai', slug: 'gpt-4o:free', variant: 'free' });
assert.equal(helpers.parsePrice('0.000003'), 0.000003);
// One error class across both entry points.
assert.throws(() => helpers.parseModelId('no-slash'), (error) => error instanceof sdk.OpenRouterError);
const pair = await helpers.createPkcePair();
assert.equal(pair.challenge, await helpers.createCodeChallenge(pair.verifier));
const url = new URL(helpers.buildAuthorizationUrl({ callbackUrl: 'https://app.example/cb', codeChallenge: pair.challenge }));
assert.equal(url.searchParams.get('code_challenge'), pair.challenge);
// The README's forwarding path: the stream classes are values whose fromReadableStream reads back
// what toReadableStream wrote, accumulator included.
for (const name of ['ChatCompletionStream', 'ResponsesStream', 'MessagesStream', 'ImagesStream']) {
  assert.equal(typeof sdk[name]?.fromReadableStream, 'function', name + '.fromReadableStream');
}
const lines = (...items) => new Response(items.map((item) => JSON.stringify(item) + '\\n').join('')).body;
const chat = sdk.ChatCompletionStream.fromReadableStream(
  lines({ id: 'gen-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'forwarded' } }] }),
);
assert.ok(chat instanceof sdk.ChatCompletionStream);
assert.equal((await chat.finalCompletion()).choices[0].message.content, 'forwarded');
const responses = sdk.ResponsesStream.fromReadableStream(
  lines({ type: 'response.completed', sequence_number: 1, response: { id: 'resp-1', status: 'completed', output: [] } }),
);
assert.equal((await responses.finalResponse()).id, 'resp-1');
const failing = sdk.MessagesStream.fromReadableStream(lines({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } }));
await assert.rejects(failing.finalMessage(), (error) => error instanceof sdk.ProviderOverloadedError);
console.log('ok');
`;

// Types the consumer uses; the @ts-expect-error lines prove the types are real, not `any`.
const typeChecks = (from: (entry: string) => string) => `
import { OpenRouter, OpenRouterError, APIError, ChatCompletionStream, ResponsesStream, MessagesStream, type ChatCompletion, type Model } from ${from('openrouter-ts')};
import { parseModelId, buildAuthorizationUrl, type ModelIdParts } from ${from('openrouter-ts/helpers')};
import type { paths, components } from ${from('openrouter-ts/paths')};

const client = new OpenRouter({ apiKey: 'x', maxRetries: 1 });
export async function use(): Promise<void> {
  const page = await client.models.list({ category: 'programming' });
  const first: Model | undefined = page.data[0];
  const completion: ChatCompletion = await client.chat.completions.create({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const parts: ModelIdParts = parseModelId('openai/gpt-4o');
  const url: string = buildAuthorizationUrl({ callbackUrl: 'https://a.example/', codeChallenge: 'c' });
  const error: OpenRouterError = new APIError(400, {}, new Headers());
  type ListModels = paths['/models']['get']['responses'][200]['content']['application/json'];
  const viaPaths: ListModels = page;
  const key: components['schemas']['ExchangeAuthCodeResponse']['key'] = 'k';
  // The README's browser path: the stream classes rebuild typed streams from forwarded bytes.
  const body = new Response('').body as ReadableStream<Uint8Array>;
  const forwardedChat: ChatCompletion = await ChatCompletionStream.fromReadableStream(body).finalCompletion();
  const forwardedResponse: string = (await ResponsesStream.fromReadableStream(body).finalResponse()).id;
  const forwardedMessage: string = (await MessagesStream.fromReadableStream(body).finalMessage()).id;
  void [first, completion, parts, url, error, viaPaths, key, forwardedChat, forwardedResponse, forwardedMessage];
  // @ts-expect-error models.list takes no string
  await client.models.list('openai');
  // @ts-expect-error maxRetries is a number
  new OpenRouter({ maxRetries: 'two' });
}
`;

function typecheck(tsconfig: Record<string, unknown>, files: string[]): void {
  const name = `tsconfig.${String((tsconfig.compilerOptions as { moduleResolution: string }).moduleResolution)}.json`;
  writeFileSync(join(consumer, name), JSON.stringify({ ...tsconfig, files }, null, 2));
  run(process.execPath, [tsc, '-p', name], consumer);
}

const compilerOptions = {
  strict: true,
  noEmit: true,
  // The package's declarations are checked too, and must not need @types/node.
  skipLibCheck: false,
  types: [],
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  target: 'ES2022',
};

describe('the packed package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'paths.d.ts'))) {
      run('npm', ['run', 'build'], root);
    }
    work = mkdtempSync(join(tmpdir(), 'openrouter-ts-pack-'));
    const [packed] = JSON.parse(
      run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root),
    ) as {
      filename: string;
      files: { path: string }[];
    }[];
    if (!packed) throw new Error('npm pack reported no package');
    packedFiles = packed.files.map((file) => file.path).sort();
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    write('package.json', JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-package-lock',
        join(work, packed.filename),
      ],
      consumer,
    );
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds dist/ and package.json, nothing else', () => {
    expect(
      packedFiles.filter((file) => !file.startsWith('dist/') && !/^(README|LICENSE|CHANGELOG)/i.test(file)),
    ).toEqual(['package.json']);
    for (const file of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/helpers/index.js',
      'dist/helpers/index.cjs',
      'dist/helpers/index.d.ts',
      'dist/helpers/index.d.cts',
      'dist/paths.d.ts',
      'dist/paths.d.cts',
    ]) {
      expect(packedFiles).toContain(file);
    }
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', pkg.name, 'package.json'), 'utf8'));
    expect(installed.dependencies ?? {}).toEqual({});
    expect(
      installed.scripts?.postinstall ?? installed.scripts?.install ?? installed.scripts?.preinstall,
    ).toBeUndefined();
  });

  it('works with require() (CommonJS)', () => {
    write(
      'check.cjs',
      `(async () => {\n${runtimeChecks('require')}\n})().catch((e) => { console.error(e); process.exit(1); });`,
    );
    expect(run(process.execPath, ['check.cjs'], consumer).trim()).toBe('ok');
  });

  it('works with import (ESM)', () => {
    write('check.mjs', runtimeChecks('await import'));
    expect(run(process.execPath, ['check.mjs'], consumer).trim()).toBe('ok');
  });

  it('type-checks under moduleResolution node16, from ESM and CommonJS files', () => {
    write(
      'esm.mts',
      typeChecks((entry) => `'${entry}'`),
    );
    write(
      'cjs.cts',
      typeChecks((entry) => `'${entry}'`),
    );
    typecheck({ compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16' } }, [
      'esm.mts',
      'cjs.cts',
    ]);
  }, 60_000);

  it('type-checks under moduleResolution bundler', () => {
    write(
      'bundler.ts',
      typeChecks((entry) => `'${entry}'`),
    );
    typecheck({ compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler' } }, [
      'bundler.ts',
    ]);
  }, 60_000);
});
