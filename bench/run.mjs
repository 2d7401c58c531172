#!/usr/bin/env node
// npm run bench: openrouter-ts against raw fetch, @openrouter/sdk and openai, on a local server.
// Prints a markdown table, writes bench/results/latest.json and puts the table in bench/README.md.
// Options: --quick (fewer rounds, for a smoke run), --no-readme (leave README.md alone),
// --src <dir> (measure another copy of src/, e.g. a checkout of an older commit: then the results go
// to --json <file>, default bench/.tmp/results.json, and README.md is left alone).
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureCalls, median } from './calls.mjs';
import { NAMES } from './contestants.mjs';
import { coldImports } from './imports.mjs';
import { buildNodeBundle, bundleSizes } from './sizes.mjs';

const bench = fileURLToPath(new URL('.', import.meta.url));
for (const name of ['openai', '@openrouter/sdk']) {
  if (!existsSync(`${bench}node_modules/${name}/package.json`)) {
    process.stderr.write(`bench: ${name} is not installed; run \`npm install\` in bench/ first.\n`);
    process.exit(1);
  }
}
const tmp = `${bench}.tmp`;
const quick = process.argv.includes('--quick');
const option = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const srcDir = option('--src');
const jsonPath = option('--json') ?? (srcDir ? `${tmp}/results.json` : `${bench}results/latest.json`);
const log = (line) => process.stderr.write(`${line}\n`);
const started = Date.now();

const SETTINGS = {
  streamChunks: 2000,
  memoryChunks: 100_000,
  ops: {
    models: { rounds: quick ? 3 : 15, batch: 4, warmup: 10 },
    endpoints: { rounds: quick ? 3 : 30, batch: 50, warmup: 300 },
    chat: { rounds: quick ? 3 : 30, batch: 50, warmup: 300 },
  },
  stream: { rounds: quick ? 5 : 60, times: 5, warmup: 5 },
  importRounds: quick ? 5 : 30,
  memoryRounds: quick ? 1 : 3,
};

const TARGETS = {
  overheadRatio: 1.1,
  streamRatio: 0.9,
  importMs: 30,
  listGzipBytes: 7 * 1024,
  wholeGzipBytes: 10 * 1024,
  rssGrowthMB: 10,
};

function startServer() {
  const child = fork(new URL('./server.mjs', import.meta.url), { stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', ({ baseURL }) => resolve({ child, baseURL })));
}

function versionOf(name) {
  return JSON.parse(readFileSync(`${bench}node_modules/${name}/package.json`, 'utf8')).version;
}

async function memory(baseURL, sdkBundle) {
  const runs = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (let round = 0; round < SETTINGS.memoryRounds; round++) {
    for (let i = 0; i < NAMES.length; i++) {
      const name = NAMES[(i + round) % NAMES.length];
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', `${bench}memory.mjs`, baseURL, sdkBundle, name, String(SETTINGS.memoryChunks)],
        { maxBuffer: 1 << 20 },
      );
      runs[name].push(JSON.parse(out.toString()));
    }
  }
  return Object.fromEntries(
    NAMES.map((name) => {
      const pick = (key) => median(runs[name].map((run) => run[key]));
      return [
        name,
        {
          rssAt1kMB: pick('rssAt1kMB'),
          rssAtEndMB: pick('rssAtEndMB'),
          peakSampledMB: pick('peakSampledMB'),
          growthMB: median(runs[name].map((run) => run.peakSampledMB - run.rssAt1kMB)),
          maxRssMB: pick('maxRssMB'),
        },
      ];
    }),
  );
}

// ---- formatting ----

const int = (n) => Math.round(n).toLocaleString('en-US');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (r) => `${r.toFixed(2)}x`;
const mark = (ok) => (ok ? '✅' : '❌');

function table(results) {
  const { overhead, streaming, imports, sizes, memory: mem } = results;
  const header = `| measure | ${NAMES.join(' | ')} | openrouter-ts target |`;
  const rule = `|---|${NAMES.map(() => '---:').join('|')}|---|`;
  const rows = [];
  const OPS = {
    models: '`models.list` (350 models, 480 KB): µs per call',
    endpoints: '`models.endpoints` (8 endpoints): µs per call',
    chat: 'non-streamed chat completion: µs per call',
  };
  for (const [op, label] of Object.entries(OPS)) {
    const cells = NAMES.map((name) => {
      const cell = overhead[op][name];
      return cell ? `${int(cell.wallUs)} (${ratio(cell.wallRatio)})` : 'n/a';
    });
    const ours = overhead[op]['openrouter-ts'].wallRatio;
    rows.push(
      `| ${label} | ${cells.join(' | ')} | ≤ ${ratio(TARGETS.overheadRatio)} ${mark(ours <= TARGETS.overheadRatio)} |`,
    );
  }
  for (const [op, label] of Object.entries(OPS)) {
    const cells = NAMES.map((name) => {
      const cell = overhead[op][name];
      return cell ? `${int(cell.cpuUs)} (${ratio(cell.cpuRatio)})` : 'n/a';
    });
    rows.push(
      `| ${label.replace('µs per call', 'client CPU µs per call')} | ${cells.join(' | ')} | (for information) |`,
    );
  }
  {
    const cells = NAMES.map((name) => `${int(streaming[name].chunksPerSecond)} (${ratio(streaming[name].ratio)})`);
    const ours = streaming['openrouter-ts'].ratio;
    rows.push(
      `| stream of ${int(SETTINGS.streamChunks)} chunks: chunks per second | ${cells.join(' | ')} | ≥ ${ratio(TARGETS.streamRatio)} ${mark(ours >= TARGETS.streamRatio)} |`,
    );
  }
  {
    const cells = NAMES.map((name) =>
      name === 'raw fetch' ? '0 (built in)' : `${imports[name].aboveBareMs.toFixed(1)} ms`,
    );
    const ours = imports['openrouter-ts'].aboveBareMs;
    rows.push(
      `| cold import, above bare \`node\` (${imports['bare node'].medianMs.toFixed(0)} ms) | ${cells.join(' | ')} | < ${TARGETS.importMs} ms ${mark(ours < TARGETS.importMs)} |`,
    );
  }
  for (const [entry, label, limit] of [
    ['list', 'browser bundle, `new client` + `models.list` only: min / gzip', TARGETS.listGzipBytes],
    ['whole', 'browser bundle, every resource: min / gzip', TARGETS.wholeGzipBytes],
  ]) {
    const cells = NAMES.map((name) =>
      sizes[name] ? `${kb(sizes[name][entry].minBytes)} / ${kb(sizes[name][entry].gzipBytes)}` : '—',
    );
    const ours = sizes['openrouter-ts'][entry].gzipBytes;
    rows.push(`| ${label} | ${cells.join(' | ')} | < ${kb(limit)} gzip ${mark(ours < limit)} |`);
  }
  {
    const cells = NAMES.map(
      (name) =>
        `${mem[name].rssAt1kMB.toFixed(1)} → ${mem[name].rssAtEndMB.toFixed(1)} MB (+${mem[name].growthMB.toFixed(1)})`,
    );
    const ours = mem['openrouter-ts'].growthMB;
    rows.push(
      `| RSS after 1k → after ${int(SETTINGS.memoryChunks)} chunks (peak growth), after a 20k-chunk warm-up | ${cells.join(' | ')} | growth ≤ ${TARGETS.rssGrowthMB} MB ${mark(ours <= TARGETS.rssGrowthMB)} |`,
    );
  }
  const fn = sizes['@openrouter/sdk'].listFunctions;
  const notes = [
    '',
    `Ratios are to raw fetch, from paired rounds (median of each round's ratio). Node ${process.versions.node}, ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; @openrouter/sdk ${versionOf('@openrouter/sdk')}, openai ${versionOf('openai')}. ` +
      `\`@openrouter/sdk\` tree-shaken (\`OpenRouterCore\` + the \`modelsList\` function): ${kb(fn.minBytes)} / ${kb(fn.gzipBytes)}.`,
  ];
  return [header, rule, ...rows, ...notes].join('\n');
}

// ---- run ----

mkdirSync(tmp, { recursive: true });
mkdirSync(`${bench}results`, { recursive: true });
const sdkBundle = `${tmp}/openrouter-ts.mjs`;
log(`building the Node bundle of ${srcDir ?? 'src'}/index.ts`);
await buildNodeBundle(sdkBundle, srcDir);

const { child: server, baseURL } = await startServer();
let results;
try {
  log('1-2. per-call overhead and stream throughput (one worker process per contestant)');
  const { overhead, streaming } = await measureCalls(
    baseURL,
    sdkBundle,
    { streamChunks: SETTINGS.streamChunks, ops: SETTINGS.ops, stream: SETTINGS.stream },
    log,
  );
  log(`5. memory while consuming ${SETTINGS.memoryChunks} chunks`);
  const mem = await memory(baseURL, sdkBundle);
  results = { overhead, streaming, memory: mem };
} finally {
  server.kill();
}
log('3. cold import');
results.imports = await coldImports(tmp, sdkBundle, { rounds: SETTINGS.importRounds });
log('4. bundle sizes');
results.sizes = await bundleSizes(undefined, srcDir);

const markdown = table(results);
const json = {
  date: new Date().toISOString(),
  node: process.versions.node,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model.trim(),
  versions: { '@openrouter/sdk': versionOf('@openrouter/sdk'), openai: versionOf('openai') },
  settings: SETTINGS,
  targets: TARGETS,
  seconds: Math.round((Date.now() - started) / 1000),
  ...results,
};
writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
if (!process.argv.includes('--no-readme') && !quick && !srcDir) {
  const readmePath = `${bench}README.md`;
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- results:begin -->';
  const end = '<!-- results:end -->';
  const at = readme.indexOf(begin);
  const until = readme.indexOf(end);
  if (at !== -1 && until > at) {
    const stamp = `Latest run: ${json.date.slice(0, 10)}, ${json.seconds} s.`;
    writeFileSync(readmePath, `${readme.slice(0, at + begin.length)}\n${stamp}\n\n${markdown}\n${readme.slice(until)}`);
  }
}
process.stdout.write(`${markdown}\n\nJSON: ${jsonPath} (${json.seconds} s)\n`);
