#!/usr/bin/env node
// Extracts the OpenAPI fragments embedded in the docs pages (seed pages 002 and 003) into
// openapi/sources/, one file per page, each naming where it came from. Only API description
// data is kept: prose and the code samples in eight languages are left behind.
// Pages without a schema (000, 001, 004) are transcribed by hand into sources/ as fragments.
//
// usage: node scripts/extract-sources.mjs [seedsDir]   (default ../shared/seeds)
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const seedsDir = resolve(process.argv[2] ?? '../shared/seeds');
const outDir = resolve('openapi/sources');

/** Splits a page into its fenced YAML blocks, each with the nearest preceding heading and Reference URL. */
export function findYamlBlocks(text) {
  const blocks = [];
  const fence = /^(`{3,4})yaml[^\n]*\n([\s\S]*?)^\1\s*$/gm;
  for (const match of text.matchAll(fence)) {
    const before = text.slice(0, match.index);
    const heading = [...before.matchAll(/^# (.+)$/gm)].at(-1)?.[1]?.trim() ?? null;
    const lastHeadingAt = before.lastIndexOf(`# ${heading}`);
    const reference = before.slice(lastHeadingAt).match(/^Reference: (\S+)$/m)?.[1] ?? null;
    blocks.push({ heading, reference, yaml: match[2] });
  }
  return blocks;
}

function parseFragment(yamlText, where) {
  const docs = parseAllDocuments(yamlText);
  const doc = docs[0];
  if (docs.length !== 1 || doc.errors.length > 0) {
    throw new Error(`${where}: the YAML fragment does not parse: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  return doc.toJS();
}

function writeSource(fileName, header, body) {
  const text = `${header.map((line) => `# ${line}`).join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
  writeFileSync(join(outDir, fileName), text);
  console.log(`wrote openapi/sources/${fileName}`);
}

const GENERATED = 'Written by scripts/extract-sources.mjs from the docs page named below; do not edit by hand.';

function extractBundlePage(seedFile) {
  const text = readFileSync(join(seedsDir, seedFile), 'utf8');
  const fragments = findYamlBlocks(text).map((block) => {
    if (!block.reference) throw new Error(`${seedFile}: the fragment under "${block.heading}" has no Reference URL`);
    return {
      title: block.heading,
      page: block.reference,
      document: parseFragment(block.yaml, `${seedFile} ${block.heading}`),
    };
  });
  return { seedFile, fragments };
}

function extractEmbeddedSpecPage(seedFile) {
  const text = readFileSync(join(seedsDir, seedFile), 'utf8');
  const blocks = findYamlBlocks(text);
  if (blocks.length !== 1)
    throw new Error(`${seedFile}: expected one embedded OpenAPI document, found ${blocks.length}`);
  const title = text.match(/^# (.+)$/m)?.[1]?.trim() ?? null;
  return { seedFile, title, document: parseFragment(blocks[0].yaml, seedFile) };
}

function main() {
  const seeds = readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const byPrefix = (prefix) => {
    const name = seeds.find((s) => s.startsWith(prefix));
    if (!name) throw new Error(`no seed page ${prefix}_*.txt in ${seedsDir}`);
    return name;
  };

  const bundle = extractBundlePage(byPrefix('003'));
  writeSource(
    '003-api-reference.yaml',
    [
      GENERATED,
      `page: ${bundle.fragments.length} API reference pages exported by the docs generator (one OpenAPI 3.1.1 document per operation)`,
      `url: the \`page\` of each fragment (https://openrouter.ai/docs/api-reference/...)`,
      `seed: ${bundle.seedFile}`,
    ],
    { source: { seed: bundle.seedFile, format: 'openapi-fragments', precedence: 30 }, fragments: bundle.fragments },
  );

  const embedded = extractEmbeddedSpecPage(byPrefix('002'));
  writeSource(
    '002-list-endpoints-openapi.yaml',
    [
      GENERATED,
      `page: "${embedded.title}", a docs page embedding /openapi/openapi.yaml get /models/{author}/{slug}/endpoints`,
      'url: https://openrouter.ai/docs/api-reference/endpoints/list-endpoints (the page index it names: https://opentouter.ai/docs/llms.txt, sic)',
      `seed: ${embedded.seedFile}`,
    ],
    {
      source: { seed: embedded.seedFile, format: 'openapi-fragments', precedence: 50 },
      fragments: [
        {
          title: embedded.title,
          page: 'https://openrouter.ai/docs/api-reference/endpoints/list-endpoints',
          document: embedded.document,
        },
      ],
    },
  );
}

// Extracts only when run as a script: importing the module (the tests of findYamlBlocks) reads and writes nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
