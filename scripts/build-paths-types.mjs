#!/usr/bin/env node
// The `openrouter-ts/paths` entry (types only): generated/openapi-paths.d.ts, the openapi-typescript
// view of the API (`paths`, `components`, `operations`), for openapi-fetch and similar clients.
// Copied as dist/paths.d.ts (ESM) and dist/paths.d.cts (CommonJS); it imports nothing.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
for (const target of ['dist/paths.d.ts', 'dist/paths.d.cts']) {
  copyFileSync('generated/openapi-paths.d.ts', target);
}
console.log('paths types: dist/paths.d.ts, dist/paths.d.cts');
