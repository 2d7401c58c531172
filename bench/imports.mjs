// Measure 3: cold import time. Each sample is a fresh `node` process that imports one package and
// exits; bare `node` running an empty module is the baseline that is subtracted. Targets take turns
// (the order rotating every round), so drift of the machine lands on all of them alike.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** name -> specifier to import (resolved from bench/, where node_modules holds the other SDKs). */
export async function coldImports(tmpDir, sdkBundle, { rounds }) {
  mkdirSync(tmpDir, { recursive: true });
  const targets = {
    'bare node': undefined,
    'openrouter-ts': pathToFileURL(sdkBundle).href,
    '@openrouter/sdk': '@openrouter/sdk',
    openai: 'openai',
  };
  const files = {};
  for (const [name, specifier] of Object.entries(targets)) {
    // The entry sits in bench/.tmp, so bare specifiers resolve through bench/node_modules.
    const file = `${tmpDir}/import-${name.replace(/[^a-z0-9]+/gi, '-')}.mjs`;
    writeFileSync(file, specifier === undefined ? '' : `await import(${JSON.stringify(specifier)});\n`);
    files[name] = file;
  }
  const names = Object.keys(targets);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const run = (file) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [file], { stdio: 'ignore' });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`node ${file} exited with ${result.status}`);
    return ms;
  };
  for (const name of names) run(files[name]); // warm the file system cache
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      samples[name].push(run(files[name]));
    }
  }
  const bare = median(samples['bare node']);
  return Object.fromEntries(
    names.map((name) => [name, { medianMs: median(samples[name]), aboveBareMs: median(samples[name]) - bare }]),
  );
}
