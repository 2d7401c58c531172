import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractSources, fences } from './support';

// The extractor places every fragment or says why it cannot: synthetic pages shaped like the seeds.
const { findApiFragments } = await fences();
const { extractSources: extract, sha256 } = await extractSources();

const fence = '```';
const section = (title: string, reference: string | null, language: string, body: string) =>
  [
    `# ${title}`,
    '',
    ...(reference ? [`Reference: ${reference}`, ''] : []),
    '## OpenAPI Specification',
    '',
    `${fence}${language}`,
    body,
    fence,
    '',
    '## SDK Code Examples',
    '',
    `${fence}python`,
    'import requests',
    fence,
    '',
  ].join('\n');
const yamlOp = (path: string) => `openapi: 3.1.1\npaths:\n  ${path}:\n    get:\n      operationId: x`;
const jsonOp = (path: string) => JSON.stringify({ openapi: '3.1.1', paths: { [path]: { get: { operationId: 'x' } } } });

describe('findApiFragments', () => {
  it('reads yaml and json fences alike: a block that changes from yaml to json keeps its operation', () => {
    const page =
      section('Models', 'https://example.com/models', 'yaml', yamlOp('/models')) +
      section('Keys', 'https://example.com/keys', 'json', jsonOp('/keys'));
    const { fragments, problems } = findApiFragments(page, '003_x.txt', 'openapi/sources/003.yaml');
    expect(problems).toEqual([]);
    expect(fragments.map((f) => [f.heading, f.reference, Object.keys(f.document.paths)])).toEqual([
      ['Models', 'https://example.com/models', ['/models']],
      ['Keys', 'https://example.com/keys', ['/keys']],
    ]);
  });

  it('names a fragment in a fence of another language instead of dropping it', () => {
    const page = section('Keys', 'https://example.com/keys', 'yamlx', yamlOp('/keys'));
    const { fragments, problems } = findApiFragments(page, '003_x.txt', 'openapi/sources/003.yaml');
    expect(fragments).toEqual([]);
    expect(problems).toEqual([
      {
        what: expect.stringContaining('an API fragment in a `yamlx` fence'),
        where: '003_x.txt line 7 (Keys)',
        file: 'openapi/sources/003.yaml',
      },
    ]);
  });

  it('names a fragment that does not parse, and a block under an OpenAPI heading that is not OpenAPI', () => {
    const page =
      section('Broken', 'https://example.com/b', 'yaml', 'openapi: 3.1.1\npaths: [unclosed') +
      section('Example', 'https://example.com/e', 'json', '{"id": 1}');
    const { problems } = findApiFragments(page, 'p.txt', 'f');
    expect(problems.map((p) => p.what)).toEqual([
      expect.stringMatching(/^the yaml fragment does not parse: /),
      'the block under "## OpenAPI Specification" is not an OpenAPI document',
    ]);
  });

  it('leaves alone JSON examples and code samples that are not under an OpenAPI heading', () => {
    const page = ['# Page', '', '## Response', '', `${fence}json`, '{"data": []}', fence, ''].join('\n');
    expect(findApiFragments(page, 'p.txt', 'f')).toEqual({ fragments: [], problems: [] });
  });
});

describe('extractSources', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A seeds folder and a sources folder; the hand-transcribed page 000 recorded with `recorded` as its text. */
  function setUp(pages: Record<string, string>, recorded = 'the field tables') {
    dir = mkdtempSync(join(tmpdir(), 'extract-'));
    const seedsDir = join(dir, 'seeds');
    const sourcesDir = join(dir, 'sources');
    mkdirSync(seedsDir);
    mkdirSync(sourcesDir);
    for (const [name, text] of Object.entries(pages)) writeFileSync(join(seedsDir, name), text);
    writeFileSync(
      join(sourcesDir, '000-tables.yaml'),
      `source:\n  seed: 000_a.txt\n  seedSha256: ${sha256(recorded)}\n  format: field-tables\n  precedence: 10\nfragments: []\n`,
    );
    return { seedsDir, sourcesDir };
  }
  const embedded = `# List endpoints\n\n## OpenAPI\n\n${fence}yaml\n${yamlOp('/models/{author}/{slug}/endpoints')}\n${fence}\n`;
  const bundle =
    section('Models', 'https://example.com/models', 'yaml', yamlOp('/models')) +
    section('Keys', 'https://example.com/keys', 'json', jsonOp('/keys'));

  it('extracts pages 002 and 003, records their hashes, and accepts an unchanged hand-transcribed page', () => {
    const dirs = setUp({ '000_a.txt': 'the field tables', '002_b.txt': embedded, '003_c.txt': bundle });
    const result = extract(dirs);
    expect(result.problems).toEqual([]);
    expect(result.written).toEqual([
      'openapi/sources/002-list-endpoints-openapi.yaml',
      'openapi/sources/003-api-reference.yaml',
    ]);
    const written = parse(readFileSync(join(dirs.sourcesDir, '003-api-reference.yaml'), 'utf8'));
    expect(written.source).toEqual({
      seed: '003_c.txt',
      seedSha256: sha256(bundle),
      format: 'openapi-fragments',
      precedence: 30,
    });
    expect(written.fragments.map((f: { page: string }) => f.page)).toEqual([
      'https://example.com/models',
      'https://example.com/keys',
    ]);
  });

  it('lists every problem at once: a changed hand-transcribed page, a fragment without Reference, a new page, a page with nothing', () => {
    const noReference = section('Keys', null, 'yaml', yamlOp('/keys'));
    const dirs = setUp({
      '000_a.txt': 'the field tables, edited',
      '002_b.txt': '# No fragments here\n',
      '003_c.txt': noReference,
      '005_d.txt': 'new',
    });
    const { problems } = extract(dirs);
    expect(problems.map((p) => [p.where, p.file])).toEqual([
      ['000_a.txt', 'openapi/sources/000-tables.yaml'],
      ['002_b.txt', 'openapi/sources/002-list-endpoints-openapi.yaml'],
      ['003_c.txt line 5 (Keys)', 'openapi/sources/003-api-reference.yaml'],
      ['005_d.txt', 'openapi/sources/'],
    ]);
    expect(problems[0]?.what).toMatch(
      /^the page changed since it was transcribed .*re-transcribe it, then set source.seed: 000_a.txt and source.seedSha256: [0-9a-f]{64}$/,
    );
    expect(problems[1]?.what).toBe('the page has no OpenAPI fragment');
    expect(problems[2]?.what).toMatch(/has no Reference URL/);
  });

  it('reports a section whose fragment is gone, and a transcribed page whose seed is gone', () => {
    const lost = `${section('Models', 'https://example.com/models', 'yaml', yamlOp('/models'))}# Keys\n\nReference: https://example.com/keys\n\nNo schema any more.\n`;
    const dirs = setUp({ '002_b.txt': embedded, '003_c.txt': lost });
    const { problems } = extract(dirs);
    expect(problems.map((p) => p.what)).toEqual([
      'the page https://example.com/keys has no OpenAPI fragment',
      expect.stringMatching(/^its docs page 000_a.txt is gone from /),
    ]);
  });

  it('says so when the seeds folder is absent, and writes nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'extract-'));
    const result = extract({ seedsDir: join(dir, 'nope'), sourcesDir: dir });
    expect(result).toEqual({
      written: [],
      notes: [`the docs pages (${join(dir, 'nope')}) are absent: the committed openapi/sources/ are used as they are`],
      problems: [],
    });
  });
});
