#!/usr/bin/env node
// npm run bench: openrouter-ts against raw fetch, @openrouter/sdk and openai, on a local server,
// one row per target of issue 16. Prints a markdown table, writes bench/results/latest.json and
// puts the table in bench/README.md. Builds the package first (npm run build: the type-check
// measure reads dist/*.d.ts as a user's project would).
// Options: --quick (fewer rounds, for a smoke run), --no-readme (leave README.md alone),
// --src <dir> (measure another copy of src/, e.g. a checkout of an older commit: then the results go
// to --json <file>, default bench/.tmp/results.json, and README.md is left alone; the type-check
// row, which needs a build of that copy, is skipped), --no-build (use dist/ as it is).
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureCalls, median } from './calls.mjs';
import { NAMES, responsesVia } from './contestants.mjs';
import { coldImports } from './imports.mjs';
import { buildNodeBundle, bundleSizes, hasStandalone } from './sizes.mjs';
import { typecheckCosts } from './typecheck.mjs';

const bench = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
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
const started = Date.now();
const log = (line) => process.stderr.write(`[${Math.round((Date.now() - started) / 1000)} s] ${line}\n`);

const SETTINGS = {
  streamChunks: 2000,
  memoryChunks: 100_000,
  ops: {
    models: { rounds: quick ? 3 : 15, batch: 4, warmup: 10 },
    endpoints: { rounds: quick ? 3 : 30, batch: 50, warmup: 300 },
    chat: { rounds: quick ? 3 : 30, batch: 50, warmup: 300 },
  },
  stream: { rounds: quick ? 5 : 60, times: 5, warmup: 5 },
  // Fewer: @openrouter/sdk takes ≈ 170 ms per Responses stream (it validates every event).
  responsesStream: { rounds: quick ? 3 : 30, times: 3, warmup: 3 },
  importRounds: quick ? 5 : 15,
  memoryRounds: quick ? 1 : 3,
  listMemoryCalls: quick ? 200 : 2000,
  listMemoryRounds: 1,
  typecheckRounds: quick ? 2 : 4,
};

/** Issue 16's targets. */
const TARGETS = {
  callRatio: 1.05, // per call, over raw fetch
  streamTimeRatio: 1.1, // time to read a stream, over raw fetch + the same parsing
  importMs: 15, // cold import above bare node
  wholeGzipBytes: 15 * 1024,
  oneOperationGzipBytes: 5 * 1024,
  listPeakRssRatio: 1.1, // peak RSS over 2,000 models.list, over raw fetch
  typecheckTimeRatio: 0.6, // over openai's
  typecheckMemoryRatio: 0.8, // over openai's
  streamGrowthMB: 5, // over 100k stream chunks
};

function startServer() {
  const child = fork(new URL('./server.mjs', import.meta.url), { stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', ({ baseURL }) => resolve({ child, baseURL })));
}

function versionOf(name, from = bench) {
  return JSON.parse(readFileSync(`${from}node_modules/${name}/package.json`, 'utf8')).version;
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

/** Peak RSS over SETTINGS.listMemoryCalls models.list calls, one fresh process per contestant and run. */
function listMemory(baseURL, sdkBundle) {
  const runs = Object.fromEntries(NAMES.map((n) => [n, []]));
  for (let round = 0; round < SETTINGS.listMemoryRounds; round++) {
    for (let i = 0; i < NAMES.length; i++) {
      const name = NAMES[(i + round) % NAMES.length];
      const out = execFileSync(
        process.execPath,
        [`${bench}list-memory.mjs`, baseURL, sdkBundle, name, String(SETTINGS.listMemoryCalls)],
        { maxBuffer: 1 << 20 },
      );
      runs[name].push(JSON.parse(out.toString()));
    }
  }
  const peak = (name) => median(runs[name].map((run) => run.peakRssMB));
  return Object.fromEntries(
    NAMES.map((name) => [
      name,
      {
        peakRssMB: peak(name),
        rssLoadedMB: median(runs[name].map((run) => run.rssLoadedMB)),
        ratio: peak(name) / peak('raw fetch'),
      },
    ]),
  );
}

// ---- formatting ----

const int = (n) => Math.round(n).toLocaleString('en-US');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (r) => `${r.toFixed(2)}x`;
const mark = (ok) => (ok ? '✅' : '❌');

const ms = (n) => (n >= 100 ? int(n) : n.toFixed(1));
const OTHERS = NAMES.filter((name) => name !== 'raw fetch');

/**
 * One row per target: `cells` per contestant (raw fetch first), the target's text and whether
 * openrouter-ts meets it (undefined: not measured).
 */
const row = (label, cells, target, met) =>
  `| ${label} | ${NAMES.map((name) => cells[name] ?? 'n/a').join(' | ')} | ${target} | ${met === undefined ? '—' : mark(met)} |`;

function table(results) {
  const { overhead, streaming, responsesStreaming, imports, sizes, memory: mem, listMemory: list, typecheck } = results;
  const ours = 'openrouter-ts';
  const header = `| measure | ${NAMES.join(' | ')} | target (openrouter-ts) | met? |`;
  const rule = `|---|${NAMES.map(() => '---:').join('|')}|---|:---:|`;
  const rows = [];
  const OPS = {
    models: '`models.list` (350 models, 480 KB): µs per call',
    endpoints: '`models.endpoints` (8 endpoints): µs per call',
    chat: 'non-streamed chat completion: µs per call',
  };
  for (const [op, label] of Object.entries(OPS)) {
    const cells = Object.fromEntries(
      NAMES.map((name) => {
        const cell = overhead[op][name];
        return [name, cell ? `${int(cell.wallUs)} (${ratio(cell.wallRatio)})` : undefined];
      }),
    );
    const r = overhead[op][ours].wallRatio;
    rows.push(row(label, cells, `≤ ${ratio(TARGETS.callRatio)}`, r <= TARGETS.callRatio));
  }
  for (const [label, data] of [
    [`chat stream of ${int(SETTINGS.streamChunks)} chunks: ms per stream`, streaming],
    [
      `Responses API stream of ${int(SETTINGS.streamChunks)} events (openrouter-ts: ${results.responsesVia}): ms per stream`,
      responsesStreaming,
    ],
  ]) {
    const cells = Object.fromEntries(
      NAMES.map((name) => [name, `${ms(data[name].msPerStream)} (${ratio(data[name].timeRatio)})`]),
    );
    const r = data[ours].timeRatio;
    rows.push(row(label, cells, `≤ ${ratio(TARGETS.streamTimeRatio)}`, r <= TARGETS.streamTimeRatio));
  }
  {
    const cells = Object.fromEntries(
      NAMES.map((name) => [name, name === 'raw fetch' ? '0 (built in)' : `${imports[name].aboveBareMs.toFixed(1)} ms`]),
    );
    const r = imports[ours].aboveBareMs;
    rows.push(
      row(
        `cold import, above bare \`node\` (${imports['bare node'].medianMs.toFixed(0)} ms)`,
        cells,
        `≤ ${TARGETS.importMs} ms`,
        r <= TARGETS.importMs,
      ),
    );
  }
  const sizeCells = (entry) =>
    Object.fromEntries(
      OTHERS.map((name) => [name, `${kb(sizes[name][entry].minBytes)} / ${kb(sizes[name][entry].gzipBytes)}`]),
    );
  rows.push(
    row(
      'whole client, browser bundle (everything exported): min / gzip',
      { 'raw fetch': '—', ...sizeCells('whole') },
      `≤ ${kb(TARGETS.wholeGzipBytes)} gzip`,
      sizes[ours].whole.gzipBytes <= TARGETS.wholeGzipBytes,
    ),
  );
  rows.push(
    row(
      results.standalone
        ? 'one operation (`models.list`) through the tree-shakable entry: min / gzip'
        : 'one operation through the tree-shakable entry: min / gzip — **no such entry in src/ yet**: openrouter-ts is `new OpenRouter()` + `models.list`',
      { 'raw fetch': '—', ...sizeCells('one') },
      `≤ ${kb(TARGETS.oneOperationGzipBytes)} gzip`,
      results.standalone ? sizes[ours].one.gzipBytes <= TARGETS.oneOperationGzipBytes : false,
    ),
  );
  rows.push(
    row(
      'smallest app (`new client` + `models.list`), browser bundle: min / gzip',
      { 'raw fetch': '—', ...sizeCells('list') },
      '(for information)',
      undefined,
    ),
  );
  {
    const cells = Object.fromEntries(
      NAMES.map((name) => [name, `${list[name].peakRssMB.toFixed(1)} MB (${ratio(list[name].ratio)})`]),
    );
    rows.push(
      row(
        `peak RSS over ${int(SETTINGS.listMemoryCalls)} \`models.list\` calls`,
        cells,
        `≤ ${ratio(TARGETS.listPeakRssRatio)}`,
        list[ours].ratio <= TARGETS.listPeakRssRatio,
      ),
    );
  }
  if (typecheck) {
    for (const [key, label, unit, limit] of [
      ['totalSeconds', 'time', (v) => `${v.toFixed(2)} s`, TARGETS.typecheckTimeRatio],
      ['memoryMB', 'memory', (v) => `${v.toFixed(0)} MB`, TARGETS.typecheckMemoryRatio],
    ]) {
      const cells = Object.fromEntries(
        OTHERS.map((name) => [name, `${unit(typecheck[name][key])} (${ratio(typecheck[name].ratioToOpenai[key])})`]),
      );
      const r = typecheck[ours].ratioToOpenai[key];
      rows.push(
        row(
          `a user's one-call file, \`tsc --noEmit\` ${label} (ratio to openai's)`,
          { 'raw fetch': `${unit(typecheck['no SDK'][key])} (no SDK)`, ...cells },
          `≤ ${ratio(limit)} openai's`,
          r <= limit,
        ),
      );
    }
  } else {
    rows.push(row("a user's one-call file, `tsc --noEmit` time and memory", {}, 'not measured (--src)', undefined));
  }
  {
    const cells = Object.fromEntries(
      NAMES.map((name) => [
        name,
        `+${mem[name].growthMB.toFixed(1)} MB (${mem[name].rssAt1kMB.toFixed(0)} → ${mem[name].peakSampledMB.toFixed(0)})`,
      ]),
    );
    rows.push(
      row(
        `memory growth over ${int(SETTINGS.memoryChunks)} stream chunks: peak RSS − RSS at 1k (after a 20k-chunk warm-up)`,
        cells,
        `≤ ${TARGETS.streamGrowthMB} MB`,
        mem[ours].growthMB <= TARGETS.streamGrowthMB,
      ),
    );
  }
  for (const [op, label] of Object.entries(OPS)) {
    const cells = Object.fromEntries(
      NAMES.map((name) => {
        const cell = overhead[op][name];
        return [name, cell ? `${int(cell.cpuUs)} (${ratio(cell.cpuRatio)})` : undefined];
      }),
    );
    rows.push(row(label.replace('µs per call', 'client CPU µs per call'), cells, '(for information)', undefined));
  }
  const load = results.load;
  const notes = [
    '',
    "Ratios are to raw fetch (the type-check rows: to openai), from paired rounds (median of each round's ratio). " +
      `Node ${process.versions.node}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; ` +
      `@openrouter/sdk ${versionOf('@openrouter/sdk')}, openai ${versionOf('openai')}, TypeScript ${versionOf('typescript', root)}. ` +
      `Machine load (1-minute average, other processes run on this machine): ${load.start.toFixed(2)} at the start, ${load.end.toFixed(2)} at the end.`,
  ];
  if (typecheck) {
    const t = typecheck;
    notes.push(
      '',
      `Type-check detail (medians; time is tsc's own "Total time", CPU the whole tsc process's): ${OTHERS.concat(
        'no SDK',
      )
        .map(
          (name) =>
            `${name} CPU ${t[name].cpuSeconds.toFixed(2)} s (${ratio(t[name].ratioToOpenai.cpuSeconds)} openai's), ${t[name].files} files, ${int(t[name].linesOfDefinitions)} lines of declarations, parse ${t[name].parseSeconds.toFixed(2)} s, bind ${t[name].bindSeconds.toFixed(2)} s, check ${t[name].checkSeconds.toFixed(2)} s`,
        )
        .join('; ')}.`,
    );
  }
  return [header, rule, ...rows, ...notes].join('\n');
}

// ---- run ----

mkdirSync(tmp, { recursive: true });
mkdirSync(`${bench}results`, { recursive: true });
const loadStart = os.loadavg()[0];
log(`machine load (1-minute average): ${loadStart.toFixed(2)} on ${os.cpus().length} cores`);
if (!srcDir && !process.argv.includes('--no-build')) {
  log('building the package (npm run build), for the type-check measure');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
const sdkBundle = `${tmp}/openrouter-ts.mjs`;
log(`building the Node bundle of ${srcDir ?? 'src'}/index.ts`);
await buildNodeBundle(sdkBundle, srcDir);

const { child: server, baseURL } = await startServer();
let results;
try {
  log('1-2. per-call overhead and streams, chat and Responses API (one worker process per contestant)');
  const { overhead, streaming, responsesStreaming } = await measureCalls(
    baseURL,
    sdkBundle,
    {
      streamChunks: SETTINGS.streamChunks,
      ops: SETTINGS.ops,
      stream: SETTINGS.stream,
      responsesStream: SETTINGS.responsesStream,
    },
    log,
  );
  log(`5. memory while consuming ${SETTINGS.memoryChunks} chunks`);
  const mem = await memory(baseURL, sdkBundle);
  log(`6. peak RSS over ${SETTINGS.listMemoryCalls} models.list calls`);
  const list = listMemory(baseURL, sdkBundle);
  const { OpenRouter } = await import(pathToFileURL(sdkBundle).href);
  results = {
    overhead,
    streaming,
    responsesStreaming,
    responsesVia: responsesVia(new OpenRouter({ apiKey: 'k', baseURL })),
    memory: mem,
    listMemory: list,
  };
} finally {
  server.kill();
}
log('3. cold import');
results.imports = await coldImports(tmp, sdkBundle, { rounds: SETTINGS.importRounds });
log('4. bundle sizes');
results.sizes = await bundleSizes(undefined, srcDir);
results.standalone = hasStandalone(srcDir);
if (!srcDir) {
  log("7. a user's one-call file through tsc --noEmit");
  results.typecheck = typecheckCosts(tmp, { rounds: SETTINGS.typecheckRounds });
}
results.load = { start: loadStart, end: os.loadavg()[0] };

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
