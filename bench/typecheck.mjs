// Measure 7: what a user's type-check pays for the SDK. One scratch project per SDK in
// bench/.tmp/tsc/ holds a one-call file (import the client, one chat completion, read its text) and
// the tsconfig `tsc --init` gives a new project (strict, nodenext, skipLibCheck); the SDK is linked
// into its node_modules as it would be installed (openrouter-ts: this repository, so its `exports`
// and the built dist/*.d.ts; the others: bench/node_modules). `tsc --noEmit --extendedDiagnostics`
// reports its own total time and memory (and bench/cpu-on-exit.cjs the process's CPU time); runs
// take turns, medians are reported, ratios to openai's from paired rounds. A project without
// any SDK (lib.esnext + lib.dom alone) is the baseline every total includes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const MESSAGES = `[{ role: 'user', content: 'Say hello.' }]`;
/** name -> [package linked into node_modules, where it lives, the user's file]; `no SDK` is the baseline. */
const PROJECTS = {
  'no SDK': [undefined, undefined, `console.log('hello');\n`],
  'openrouter-ts': [
    'openrouter-ts',
    root,
    `import { OpenRouter } from 'openrouter-ts';

const client = new OpenRouter();
const completion = await client.chat.completions.create({ model: 'openai/gpt-4o', messages: ${MESSAGES} });
console.log(completion.choices[0]?.message.content);
`,
  ],
  '@openrouter/sdk': [
    '@openrouter/sdk',
    join(bench, 'node_modules', '@openrouter', 'sdk'),
    `import { OpenRouter } from '@openrouter/sdk';

const client = new OpenRouter();
const completion = await client.chat.send({ chatRequest: { model: 'openai/gpt-4o', messages: ${MESSAGES} } });
// Its overloads do not narrow the answer to the non-streamed type: the user has to.
if ('choices' in completion) console.log(completion.choices[0]?.message.content);
`,
  ],
  openai: [
    'openai',
    join(bench, 'node_modules', 'openai'),
    `import OpenAI from 'openai';

const client = new OpenAI();
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: ${MESSAGES} });
console.log(completion.choices[0]?.message.content);
`,
  ],
};

// What `tsc --init` (TypeScript 5.9) writes, minus the options that only concern emitting.
const TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    target: 'esnext',
    lib: ['esnext', 'dom'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    moduleDetection: 'force',
    skipLibCheck: true,
    noEmit: true,
  },
  files: ['index.ts'],
};

/** Writes the scratch project of `name`; returns its directory. */
function scaffold(tmpDir, name) {
  const [pkg, location, source] = PROJECTS[name];
  const dir = join(tmpDir, 'tsc', name.replace(/^@/, '').replace(/[^a-z0-9]+/gi, '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (pkg !== undefined) {
    mkdirSync(join(dir, 'node_modules', dirname(pkg)), { recursive: true });
    symlinkSync(location, join(dir, 'node_modules', pkg), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'scratch', private: true, type: 'module' })}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(join(dir, 'index.ts'), source);
  return dir;
}

/** One `tsc --noEmit --extendedDiagnostics -p dir`: its reported numbers (seconds, MB, counts). */
export function typecheckOnce(dir) {
  const preload = join(bench, 'cpu-on-exit.cjs');
  const result = spawnSync(process.execPath, ['-r', preload, tsc, '--noEmit', '--extendedDiagnostics', '-p', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`tsc -p ${dir} failed:\n${result.stdout}${result.stderr}`);
  const read = (label) => {
    const match = result.stdout.match(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm'));
    if (!match) throw new Error(`tsc --extendedDiagnostics printed no "${label}":\n${result.stdout}`);
    return Number(match[1]);
  };
  const cpu = result.stderr.match(/^cpu-seconds: ([\d.]+)/m);
  if (!cpu) throw new Error(`no CPU time reported for tsc -p ${dir}:\n${result.stderr}`);
  return {
    totalSeconds: read('Total time'),
    // The whole process (Node's start and loading TypeScript included): less sensitive to other load.
    cpuSeconds: Number(cpu[1]),
    checkSeconds: read('Check time'),
    parseSeconds: read('Parse time'),
    bindSeconds: read('Bind time'),
    memoryMB: read('Memory used') / 1024,
    files: read('Files'),
    types: read('Types'),
    linesOfDefinitions: read('Lines of Library') + read('Lines of Definitions'),
  };
}

/** Medians over `rounds` interleaved runs per SDK (a first, discarded run warms the file cache). */
export function typecheckCosts(tmpDir, { rounds }) {
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) {
    throw new Error('dist/index.d.ts is missing: the type-check measure reads the built package (npm run build).');
  }
  const names = Object.keys(PROJECTS);
  const dirs = Object.fromEntries(names.map((name) => [name, scaffold(tmpDir, name)]));
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) typecheckOnce(dirs[name]);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      runs[name].push(typecheckOnce(dirs[name]));
    }
  }
  // Ratios to openai's from paired rounds (each round's value over openai's in the same round), as
  // the other rows do: wall time on a shared machine drifts more between rounds than within one.
  const paired = (name, key) => median(runs[name].map((run, round) => run[key] / runs.openai[round][key]));
  return Object.fromEntries(
    names.map((name) => {
      const keys = Object.keys(runs[name][0]);
      const medians = Object.fromEntries(keys.map((key) => [key, median(runs[name].map((run) => run[key]))]));
      const ratios = {
        totalSeconds: paired(name, 'totalSeconds'),
        cpuSeconds: paired(name, 'cpuSeconds'),
        memoryMB: paired(name, 'memoryMB'),
      };
      return [name, { ...medians, ratioToOpenai: ratios, runs: runs[name].length }];
    }),
  );
}
