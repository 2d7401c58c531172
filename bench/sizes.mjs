// Measure 4: what each client adds to a browser bundle. Every entry is bundled by esbuild for the
// browser (ESM, minified, tree-shaken) and gzipped (level 9), from source (src/, or --src). Also builds the Node bundle of this
// repository's src/index.ts that stands in for the published package in the other measures.
import { existsSync } from 'node:fs';
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

const standaloneOf = (srcDir) => resolve(srcDir ?? `${root}src`, 'standalone.ts');
/** Whether the measured src/ has the tree-shakable entry (src/standalone.ts: `createClient` + one function per operation). */
export const hasStandalone = (srcDir) => existsSync(standaloneOf(srcDir));

/**
 * Per contestant: `whole` (everything the entry exports, kept alive by the namespace escaping into
 * a global, as scripts/size.mjs measures it), `list` (the smallest app: create a client, list the
 * models) and `one` (one operation through the tree-shakable entry: openrouter-ts's src/standalone.ts
 * when it exists, @openrouter/sdk's `OpenRouterCore` + `modelsList`; openai has none, so its `one`
 * is its smallest app).
 */
const entries = (srcDir) => {
  const SRC = JSON.stringify(entryOf(srcDir));
  const list = (specifier, create) => `import ${create[0]} from ${specifier};
const client = ${create[1]};
client.models.list().then((r) => console.log(r${create[2]}.data.length));`;
  const ours = {
    whole: `import * as sdk from ${SRC}; globalThis.sdk = sdk;`,
    list: list(SRC, ['{ OpenRouter }', "new OpenRouter({ apiKey: 'k' })", '']),
  };
  ours.one = hasStandalone(srcDir)
    ? `import { createClient, listModels } from ${JSON.stringify(standaloneOf(srcDir))};
listModels(createClient({ apiKey: 'k' })).then((r) => console.log(r.data.length));`
    : ours.list;
  const openai = {
    whole: `import * as sdk from 'openai'; globalThis.sdk = sdk;`,
    list: list("'openai'", ['OpenAI', "new OpenAI({ apiKey: 'k', dangerouslyAllowBrowser: true })", '']),
  };
  openai.one = openai.list;
  return {
    'openrouter-ts': ours,
    '@openrouter/sdk': {
      whole: `import * as sdk from '@openrouter/sdk'; globalThis.sdk = sdk;`,
      list: list("'@openrouter/sdk'", ['{ OpenRouter }', "new OpenRouter({ apiKey: 'k' })", '.result']),
      one: `import { OpenRouterCore } from '@openrouter/sdk/core.js';
import { modelsList } from '@openrouter/sdk/funcs/modelsList.js';
const core = new OpenRouterCore({ apiKey: 'k' });
modelsList(core).then((r) => console.log(r));`,
    },
    openai,
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
