#!/usr/bin/env node
// The types-only entries, copied after tsup's build (they import nothing, so they need no bundling):
//   openrouter-ts/paths    generated/openapi-paths.d.ts, the openapi-typescript view of the API
//                          (`paths`, `components`, `operations`), for openapi-fetch and similar clients
//   openrouter-ts/schemas  generated/types.gen.ts, every schema of the description by its name
// Each as dist/<name>.d.ts (ESM) and dist/<name>.d.cts (CommonJS).
import { copyFileSync, mkdirSync } from 'node:fs';

const entries = { paths: 'generated/openapi-paths.d.ts', schemas: 'generated/types.gen.ts' };
mkdirSync('dist', { recursive: true });
for (const [name, source] of Object.entries(entries)) {
  for (const extension of ['d.ts', 'd.cts']) copyFileSync(source, `dist/${name}.${extension}`);
}
console.log(
  `types-only entries: ${Object.keys(entries)
    .map((name) => `dist/${name}.d.ts`)
    .join(', ')}`,
);
