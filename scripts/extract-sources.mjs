#!/usr/bin/env node
// Extracts the OpenAPI fragments embedded in the docs pages (seed pages 002 and 003) into
// openapi/sources/, one file per page, each naming where it came from. Only API description
// data is kept: prose and the code samples in eight languages are left behind.
// Pages without a schema (000, 001, 004) are transcribed by hand into sources/ as fragments; each
// records the SHA-256 of the page it transcribes (source.seedSha256), so a page that changed since
// is a problem naming the file to re-transcribe, not a change that vanishes.
// Every page is accounted for: a new page, a page gone, a fragment that cannot be placed are
// problems, all printed together (exit 1). Without the seeds folder the committed sources are used.
//
// usage: node scripts/extract-sources.mjs [seedsDir]   (default ../shared/seeds)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { findApiFragments } from './extract/fences.mjs';

export { findYamlBlocks } from './extract/fences.mjs';

const GENERATED = 'Written by scripts/extract-sources.mjs from the docs page named below; do not edit by hand.';

/** The pages read by the extractor (the others are transcribed by hand), by their number. */
const EXTRACTED = {
  '002': {
    file: '002-list-endpoints-openapi.yaml',
    precedence: 50,
    kind: 'embedded',
    pageUrl: 'https://openrouter.ai/docs/api-reference/endpoints/list-endpoints',
    header: (title) => [
      `page: "${title}", a docs page embedding /openapi/openapi.yaml get /models/{author}/{slug}/endpoints`,
      'url: https://openrouter.ai/docs/api-reference/endpoints/list-endpoints (the page index it names: https://opentouter.ai/docs/llms.txt, sic)',
    ],
  },
  '003': {
    file: '003-api-reference.yaml',
    precedence: 30,
    kind: 'bundle',
    header: (_title, count) => [
      `page: ${count} API reference pages exported by the docs generator (one OpenAPI 3.1.1 document per operation)`,
      'url: the `page` of each fragment (https://openrouter.ai/docs/api-reference/...)',
    ],
  },
};

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const pageNumber = (seedFile) => seedFile.match(/^(\d+)_/)?.[1] ?? seedFile;

/**
 * Extracts every page of `seedsDir` into `sourcesDir`; returns what it wrote, notes, and the
 * problems (each { what, where, file }) that need a maintainer.
 */
export function extractSources({ seedsDir, sourcesDir }) {
  const result = { written: [], notes: [], problems: [] };
  if (!existsSync(seedsDir)) {
    result.notes.push(`the docs pages (${seedsDir}) are absent: the committed openapi/sources/ are used as they are`);
    return result;
  }
  const seeds = readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const sources = readdirSync(sourcesDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, source: parse(readFileSync(join(sourcesDir, file), 'utf8'))?.source ?? {} }));
  const problem = (what, where, file) => result.problems.push({ what, where, file });

  for (const seedFile of seeds) {
    const number = pageNumber(seedFile);
    const bytes = readFileSync(join(seedsDir, seedFile));
    const extracted = EXTRACTED[number];
    if (extracted) {
      const page = extractPage(seedFile, bytes.toString('utf8'), extracted, result.problems);
      if (page) {
        writeSource(sourcesDir, extracted, seedFile, sha256(bytes), page);
        result.written.push(`openapi/sources/${extracted.file}`);
      }
      continue;
    }
    const transcribed = sources.find(({ source }) => pageNumber(String(source.seed ?? '')) === number);
    if (!transcribed) {
      problem(
        `a docs page with no source: extract it (scripts/extract-sources.mjs EXTRACTED) or transcribe it into openapi/sources/${number}-<name>.yaml, with source.seed and source.seedSha256`,
        seedFile,
        'openapi/sources/',
      );
      continue;
    }
    const hash = sha256(bytes);
    if (transcribed.source.seed !== seedFile || transcribed.source.seedSha256 !== hash) {
      problem(
        `the page changed since it was transcribed (recorded ${transcribed.source.seed} ${String(transcribed.source.seedSha256 ?? 'no hash').slice(0, 12)}, now ${seedFile} ${hash.slice(0, 12)}): re-transcribe it, then set source.seed: ${seedFile} and source.seedSha256: ${hash}`,
        seedFile,
        `openapi/sources/${transcribed.file}`,
      );
    }
  }
  for (const { file, source } of sources) {
    const number = pageNumber(String(source.seed ?? ''));
    if (!seeds.some((seed) => pageNumber(seed) === number)) {
      problem(
        `its docs page ${source.seed} is gone from ${seedsDir}: remove the file, or point it at the page that replaced it`,
        file,
        `openapi/sources/${file}`,
      );
    }
  }
  return result;
}

/** The fragments of one extracted page, or undefined after recording why it cannot be used. */
function extractPage(seedFile, text, extracted, problems) {
  const file = `openapi/sources/${extracted.file}`;
  const found = findApiFragments(text, seedFile, file);
  problems.push(...found.problems);
  const title = text.match(/^# (.+)$/m)?.[1]?.trim() ?? null;
  if (found.fragments.length === 0) {
    problems.push({ what: 'the page has no OpenAPI fragment', where: seedFile, file });
    return undefined;
  }
  if (extracted.kind === 'embedded') {
    if (found.fragments.length !== 1) {
      problems.push({
        what: `expected one embedded OpenAPI document, found ${found.fragments.length}`,
        where: seedFile,
        file,
      });
      return undefined;
    }
    return { title, fragments: [{ title, page: extracted.pageUrl, document: found.fragments[0].document }] };
  }
  const before = problems.length;
  for (const fragment of found.fragments) {
    if (!fragment.reference) {
      problems.push({
        what: 'the fragment has no Reference URL (the `Reference:` line under its `# ` heading)',
        where: `${seedFile} line ${fragment.line} (${fragment.heading})`,
        file,
      });
    }
  }
  const sections = [...text.matchAll(/^# (.+)$\n(?:(?!^# )[\s\S])*?^Reference: (\S+)$/gm)].map((m) => m[2]);
  for (const reference of sections) {
    if (!found.fragments.some((fragment) => fragment.reference === reference)) {
      problems.push({ what: `the page ${reference} has no OpenAPI fragment`, where: seedFile, file });
    }
  }
  if (problems.length > before) return undefined;
  return {
    title,
    fragments: found.fragments.map((fragment) => ({
      title: fragment.heading,
      page: fragment.reference,
      document: fragment.document,
    })),
  };
}

function writeSource(sourcesDir, extracted, seedFile, seedSha256, page) {
  const header = [GENERATED, ...extracted.header(page.title, page.fragments.length), `seed: ${seedFile}`];
  const body = {
    source: { seed: seedFile, seedSha256, format: 'openapi-fragments', precedence: extracted.precedence },
    fragments: page.fragments,
  };
  const text = `${header.map((line) => `# ${line}`).join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
  writeFileSync(join(sourcesDir, extracted.file), text);
}

function main() {
  const seedsDir = resolve(process.argv[2] ?? '../shared/seeds');
  const result = extractSources({ seedsDir, sourcesDir: resolve('openapi/sources') });
  for (const note of result.notes) console.log(note);
  for (const file of result.written) console.log(`wrote ${file}`);
  if (result.problems.length > 0) {
    console.error(`npm run extract: ${result.problems.length} problem(s):`);
    for (const { what, where, file } of result.problems) console.error(`  - ${where}: ${what} (edit ${file})`);
    process.exit(1);
  }
}

// Extracts only when run as a script: importing the module (the tests) reads and writes nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
