// Measure 4: what each client adds to a browser bundle. Every entry is bundled by esbuild for the
// browser (ESM, minified, tree-shaken) and gzipped (level 9). Also builds the Node bundle of this
// repository's src/index.ts that stands in for the published package in the other measures.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const bench = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
// esbuild is the repository's own devDependency: the bench adds none of its own.
const esbuild = createRequire(`${root}package.json`)('esbuild');
const entryOf = (srcDir) => (srcDir ? resolve(srcDir, 'index.ts') : `${root}src/index.ts`);

/** Bundles src/index.ts (or `srcDir`/index.ts) for Node (ESM), as the package would ship it. */
export async function buildNodeBundle(outfile, srcDir) {
  await esbuild.build({
    entryPoints: [entryOf(srcDir)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
}

const entries = (srcDir) => {
  const SRC = JSON.stringify(entryOf(srcDir));
  return {
    'openrouter-ts': {
      list: `import { OpenRouter } from ${SRC};
const client = new OpenRouter({ apiKey: 'k' });
client.models.list().then((r) => console.log(r.data.length));`,
      whole: `import { OpenRouter } from ${SRC};
const c = new OpenRouter({ apiKey: 'k' });
const stream = await c.chat.completions.create({ model: 'm', messages: [], stream: true });
for await (const chunk of stream) console.log(chunk);
console.log(
  await c.chat.completions.create({ model: 'm', messages: [] }),
  await c.models.list(), await c.models.get('a/b'), await c.models.endpoints('a/b'), await c.models.parameters('a/b'),
  await c.models.listEmbeddings(), await c.models.listForUser(), await c.endpoints.zdr(), await c.providers.list(),
  await c.keys.list(), await c.keys.create({ name: 'n' }), await c.keys.get('h'), await c.keys.update('h', {}),
  await c.keys.delete('h'), await c.keys.current(),
  await c.oauth.createAuthCode({ callback_url: 'u' }), await c.oauth.exchangeAuthCode({ code: 'c' }),
);`,
    },
    '@openrouter/sdk': {
      list: `import { OpenRouter } from '@openrouter/sdk';
const client = new OpenRouter({ apiKey: 'k' });
client.models.list().then((r) => console.log(r.result.data.length));`,
      whole: `import { OpenRouter } from '@openrouter/sdk';
const c = new OpenRouter({ apiKey: 'k' });
const stream = await c.chat.send({ chatRequest: { model: 'm', messages: [], stream: true } });
for await (const chunk of stream) console.log(chunk);
console.log(
  await c.chat.send({ chatRequest: { model: 'm', messages: [] } }),
  await c.models.list(), await c.models.get({ author: 'a', slug: 'b' }), await c.endpoints.list({ author: 'a', slug: 'b' }),
  await c.endpoints.listZdrEndpoints(), await c.providers.list(), await c.apiKeys.list(), await c.oAuth.createAuthCode({}),
);`,
      // Its tree-shakable form: the core client and one standalone function.
      listFunctions: `import { OpenRouterCore } from '@openrouter/sdk/core.js';
import { modelsList } from '@openrouter/sdk/funcs/modelsList.js';
const core = new OpenRouterCore({ apiKey: 'k' });
modelsList(core).then((r) => console.log(r));`,
    },
    openai: {
      list: `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: 'k', dangerouslyAllowBrowser: true });
client.models.list().then((r) => console.log(r.data.length));`,
      whole: `import OpenAI from 'openai';
const c = new OpenAI({ apiKey: 'k', dangerouslyAllowBrowser: true });
const stream = await c.chat.completions.create({ model: 'm', messages: [], stream: true });
for await (const chunk of stream) console.log(chunk);
console.log(await c.chat.completions.create({ model: 'm', messages: [] }), await c.models.list(), await c.models.retrieve('m'));`,
    },
  };
};

async function measure(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: bench, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0].contents;
  return { minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, metafile: result.metafile };
}

/** Sizes of every entry; `metafiles` get the esbuild metafile per entry, for `esbuild --analyze`-style digging. */
export async function bundleSizes(metafiles, srcDir) {
  const out = {};
  for (const [name, byEntry] of Object.entries(entries(srcDir))) {
    out[name] = {};
    for (const [entry, contents] of Object.entries(byEntry)) {
      const { minBytes, gzipBytes, metafile } = await measure(contents);
      out[name][entry] = { minBytes, gzipBytes };
      if (metafiles) metafiles[`${name}.${entry}`] = metafile;
    }
  }
  return out;
}
