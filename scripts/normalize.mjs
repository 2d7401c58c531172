#!/usr/bin/env node
// npm run normalize: openapi/sources + openapi/names.yaml + openapi/overlays -> openapi/openapi.yaml
// (and openapi/merge-report.md, the contradictions between pages found while merging them).
// When a decision is needed, prints every problem (what, where, the file to edit), writes nothing
// and exits 1.
import { resolve } from 'node:path';
import { normalizedSummary, writeNormalized } from './normalize/output.mjs';
import { normalize } from './normalize/pipeline.mjs';

// usage: node scripts/normalize.mjs [outDir]   (default: openapi/, beside the inputs)
const openapiDir = resolve('openapi');
const outDir = resolve(process.argv[2] ?? openapiDir);
let result;
try {
  result = normalize(openapiDir);
} catch (error) {
  // A ProblemsError's message is the whole list; any other error is one line, never a stack trace.
  console.error(`npm run normalize: ${error.message}`);
  process.exit(1);
}
writeNormalized(outDir, result);
console.log(normalizedSummary(result));
