#!/usr/bin/env node
// The drift check (part of npm test and CI): regenerates everything into a temporary folder and
// compares it byte for byte with the normalizer's outputs in openapi/ (openapi.yaml, openapi.json,
// openapi.3.0.json, merge-report.md), generated/ and the
// method table of README.md.
// Any difference means someone edited generated output by hand or forgot `npm run generate`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { replaceMethodTable } from './generate/readme.mjs';
import { NORMALIZED_FILES } from './normalize/output.mjs';

const listFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((file) => statSync(join(dir, file)).isFile())
        .sort()
    : [];

const fresh = mkdtempSync(join(tmpdir(), 'openrouter-ts-generate-'));
try {
  execFileSync(process.execPath, ['scripts/generate.mjs', '--out', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  const problems = [];
  for (const file of NORMALIZED_FILES) {
    if (
      !existsSync(join('openapi', file)) ||
      !readFileSync(join('openapi', file)).equals(readFileSync(join(fresh, 'openapi', file)))
    ) {
      problems.push(`openapi/${file}`);
    }
  }
  // The README's method table is a copy of generated/methods.md between its markers.
  const readme = readFileSync('README.md', 'utf8');
  const table = readFileSync(join(fresh, 'generated', 'methods.md'), 'utf8');
  if (replaceMethodTable(readme, table) !== readme) problems.push('README.md (the method table)');
  const expected = listFiles(join(fresh, 'generated'));
  const actual = listFiles('generated');
  for (const file of new Set([...expected, ...actual])) {
    const mine = join('generated', file);
    const theirs = join(fresh, 'generated', file);
    if (!existsSync(mine)) problems.push(`${mine} (missing)`);
    else if (!existsSync(theirs)) problems.push(`${mine} (not produced by the generators)`);
    else if (!readFileSync(mine).equals(readFileSync(theirs))) problems.push(mine);
  }
  if (problems.length > 0) {
    console.error(`Generated files are out of date or were edited by hand:\n  ${problems.join('\n  ')}`);
    console.error(
      `Fix the description in openapi/ (sources, names.yaml, overlays), then run \`npm run generate\` and commit.`,
    );
    console.error(`Fresh output kept for comparison in ${relative('.', fresh) || fresh}`);
    process.exit(1);
  }
  rmSync(fresh, { recursive: true, force: true });
  console.log('openapi/openapi.yaml and generated/ are up to date.');
} catch {
  rmSync(fresh, { recursive: true, force: true });
  console.error('Regenerating failed (see above): the API description in openapi/ does not build.');
  process.exit(1);
}
