#!/usr/bin/env node
// Part of `npm run version` (after `changeset version` bumped package.json): writes the new version
// into src/version.ts, which the client sends in its User-Agent. A test keeps the two equal.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const file = 'src/version.ts';
const source = readFileSync(file, 'utf8');
const pattern = /export const VERSION = '[^']*';/;
if (!pattern.test(source)) {
  console.error(`${file} has no \`export const VERSION = '...';\` line to update.`);
  process.exit(1);
}
const updated = source.replace(pattern, `export const VERSION = '${version}';`);
if (updated !== source) writeFileSync(file, updated);
console.log(`${file}: VERSION = '${version}'`);
