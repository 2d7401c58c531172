import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// npm run regenerate on a scratch copy of openapi/ (never the work tree), with the committed
// published description edited the way a new version changes it: a new operation with inline
// bodies and no names yet, and an overlay whose target is gone. Served over HTTP, so the URL path
// (global fetch) is the one tested.

// Each run normalizes the real description (seconds; a minute on a loaded machine): 120 s a test.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const scripts = (path: string) => new URL(`scripts/${path}`, `file://${projectRoot}`).href;
type Io = { root: string; cwd: string; out(line: string): void; err(line: string): void };
const { regenerate, parseArguments } = (await import(/* @vite-ignore */ scripts('regenerate/cli.mjs'))) as {
  regenerate(argv: string[], io: Io): Promise<number>;
  parseArguments(argv: string[]): Record<string, unknown> | string;
};
const { versionOf } = (await import(/* @vite-ignore */ scripts('regenerate/steps/published.mjs'))) as {
  versionOf(input: string, explicit?: string, today?: Date): string;
};
const { generateAll } = (await import(/* @vite-ignore */ scripts('regenerate/steps/generate.mjs'))) as {
  generateAll(options: { root: string }): { what: string; where: string; file: string }[];
};
const { buildReport } = (await import(/* @vite-ignore */ scripts('regenerate/steps/report.mjs'))) as {
  buildReport(run: Record<string, unknown>): Record<string, unknown>;
};
const { renderReport } = (await import(/* @vite-ignore */ scripts('regenerate/render-report.mjs'))) as {
  renderReport(report: Record<string, unknown>): string;
};

const NEW_OPERATION = [
  '  /brand-new:',
  '    post:',
  '      operationId: createBrandNew',
  '      summary: Create a brand new thing',
  '      requestBody:',
  '        content: { application/json: { schema: { type: object, properties: { a: { type: string } } } } }',
  "      responses: { '200': { description: OK, content: { application/json: { schema: { type: object, properties: { b: { type: string } } } } } } }",
].join('\n');
const STALE_OVERLAY = [
  'overlay: 1.0.0',
  'info: { title: a stale overlay, version: 1.0.0 }',
  'actions:',
  '  - target: $.components.schemas.VanishedSchema',
  '    description: the schema this fixed is gone from the new version',
  '    update: { description: x }',
].join('\n');

function scratchProject() {
  const root = mkdtempSync(join(tmpdir(), 'openrouter-ts-regenerate-'));
  cpSync(join(projectRoot, 'openapi'), join(root, 'openapi'), { recursive: true });
  return root;
}
function io(root: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { root, cwd: root, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('regenerate: arguments and versions', () => {
  it('takes one version, --version, --origin, --seeds and --normalize-only, and refuses anything else', () => {
    expect(parseArguments(['a.yaml', '--version', '2026-09-01', '--seeds', 's', '--normalize-only'])).toEqual({
      input: 'a.yaml',
      version: '2026-09-01',
      seeds: 's',
      normalizeOnly: true,
    });
    expect(parseArguments([])).toEqual({ seeds: '../shared/seeds', normalizeOnly: false });
    expect(parseArguments(['a.yaml', '--origin', 'https://x/y.yaml'])).toMatchObject({ origin: 'https://x/y.yaml' });
    expect(parseArguments(['--bogus'])).toBe('unknown option --bogus');
    expect(parseArguments(['a', 'b'])).toBe('one published version at a time (got a and b)');
    expect(parseArguments(['--version'])).toBe('--version needs a value');
  });

  it('dates a version by --version, else by its dated file name (path or URL), else today', () => {
    const today = new Date('2027-03-04T10:00:00Z');
    expect(versionOf('x.yaml', '2026-09-01', today)).toBe('2026-09-01');
    expect(versionOf('/p/openrouter-openapi.2026-05-29.yaml', undefined, today)).toBe('2026-05-29');
    expect(versionOf('https://h/openrouter-openapi.2026-05-29.json?x=1', undefined, today)).toBe('2026-05-29');
    expect(versionOf('https://h/in.openapi.yaml', undefined, today)).toBe('2027-03-04');
    expect(() => versionOf('x.yaml', '26-9-1')).toThrow('--version 26-9-1: expected YYYY-MM-DD');
  });

  it('exits 2 and changes nothing when the input cannot be read or is not OpenAPI 3.1', async () => {
    const root = scratchProject();
    try {
      const before = readFileSync(join(root, 'openapi/sources/published/SOURCE.yaml'), 'utf8');
      const missing = io(root);
      expect(await regenerate(['nope.yaml'], missing.io)).toBe(2);
      expect(missing.err).toEqual(['npm run regenerate: nope.yaml: no such file']);
      writeFileSync(join(root, 'old.yaml'), 'openapi: 3.0.3\npaths: {}\n');
      const old = io(root);
      expect(await regenerate(['old.yaml'], old.io)).toBe(2);
      expect(old.err[0]).toMatch(/OpenAPI 3\.1 expected .* found 3\.0\.3/);
      expect(readFileSync(join(root, 'openapi/sources/published/SOURCE.yaml'), 'utf8')).toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('regenerate: a new version that needs decisions, then the decisions', () => {
  const root = scratchProject();
  const published = readFileSync(join(projectRoot, 'openapi/sources/published/openrouter-openapi.yaml'), 'utf8');
  const edited = published.replace(/^paths:\n/m, `paths:\n${NEW_OPERATION}\n`);
  const server = createServer((request, response) => {
    if (request.url === '/specs/openrouter-openapi.2031-01-02.yaml') response.end(edited);
    else response.writeHead(404).end();
  });
  const listening = new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });
  writeFileSync(join(root, 'openapi/overlays/99-stale.yaml'), STALE_OVERLAY);

  it('stops with ONE message listing every decision with its file, after putting the version in place', async () => {
    await listening;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/specs/openrouter-openapi.2031-01-02.yaml`;
    const run = io(root);
    expect(await regenerate([url, '--normalize-only', '--seeds', join(root, 'no-seeds')], run.io)).toBe(1);
    expect(run.err).toHaveLength(1);
    const message = run.err[0] ?? '';
    expect(message).toMatch(/^npm run regenerate stopped: 4 problems need a decision:/);
    expect(message).toContain('edit openapi/names.yaml:');
    expect(message).toContain(
      'operation "POST /brand-new" has no operationId in openapi/names.yaml (operationIds) (the source calls it "createBrandNew")',
    );
    expect(message).toContain(
      'the inline request body of "POST /brand-new" needs a name in openapi/names.yaml (requestBodies)',
    );
    expect(message).toContain(
      'the inline 200 body of "POST /brand-new" needs a name in openapi/names.yaml (responseBodies)',
    );
    expect(message).toContain('edit openapi/overlays/99-stale.yaml:');
    expect(message).toContain(
      'overlays/99-stale.yaml action 1 ($.components.schemas.VanishedSchema): the target matches nothing',
    );
    expect(message).not.toMatch(/^\s+at /m);

    // The version is in place, verbatim, and SOURCE.yaml says which it is and where it came from.
    expect(readFileSync(join(root, 'openapi/sources/published/openrouter-openapi.yaml'), 'utf8')).toBe(edited);
    const source = parse(readFileSync(join(root, 'openapi/sources/published/SOURCE.yaml'), 'utf8'));
    expect(source).toMatchObject({ version: '2031-01-02', date: '2031-01-02', origin: { url }, operations: 98 });
    expect(source.license.spdx).toBe('Apache-2.0');
    // The report says what the version changed and what needs a decision, and no "No API changes.".
    const changes = readFileSync(join(root, 'openapi/CHANGES.md'), 'utf8');
    expect(changes).toContain('- operations added (1): `POST /brand-new`');
    expect(changes).toContain('Status: **stopped**, 4 problems need a decision');
    expect(changes).not.toContain('No API changes.');
    expect(run.out).toContain(
      'the docs pages (no-seeds) are absent: the committed openapi/sources/ are used as they are',
    );
  }, 120_000);

  it('goes through once the names are given and the stale action removed; the report names the new method', async () => {
    const namesFile = join(root, 'openapi/names.yaml');
    const names = readFileSync(namesFile, 'utf8')
      .replace(/^operationIds:\n/m, 'operationIds:\n  POST /brand-new: createBrandNew\n')
      .replace(/^requestBodies:\n/m, 'requestBodies:\n  POST /brand-new: CreateBrandNewRequest\n')
      .replace(/^responseBodies:\n/m, 'responseBodies:\n  POST /brand-new: CreateBrandNewResponse\n');
    writeFileSync(namesFile, names);
    // A new operation needs its SDK method name too (openapi/methods.yaml).
    const methodsFile = join(root, 'openapi/methods.yaml');
    writeFileSync(methodsFile, `${readFileSync(methodsFile, 'utf8')}  POST /brand-new: brandNew.create\n`);
    rmSync(join(root, 'openapi/overlays/99-stale.yaml'));
    const run = io(root);
    expect(await regenerate(['--normalize-only', '--seeds', join(root, 'no-seeds')], run.io)).toBe(0);
    expect(run.err).toEqual([]);
    const report = JSON.parse(readFileSync(join(root, 'openapi/changes.json'), 'utf8'));
    expect(report.status).toBe('consistent');
    // The version placed by the run that stopped is still what the report is about.
    expect(report.published.to.version).toBe('2031-01-02');
    expect(report.api.operationsAdded).toEqual(['POST /brand-new']);
    const changes = readFileSync(join(root, 'openapi/CHANGES.md'), 'utf8');
    expect(changes).toContain(
      '## New operations\n\n- `POST /brand-new` → `client.brandNew.create`: Create a brand new thing',
    );
    expect(changes).toContain(
      '`components.schemas.CreateBrandNewRequest`: schema added; touches `POST /brand-new` (`client.brandNew.create`)',
    );
    expect(readFileSync(join(root, 'openapi/openapi.yaml'), 'utf8')).toContain('operationId: createBrandNew');
  }, 120_000);
});

describe('regenerate: a new operation and a removed one, in one command (no decision needed)', () => {
  const root = scratchProject();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const published = readFileSync(join(projectRoot, 'openapi/sources/published/openrouter-openapi.yaml'), 'utf8');
  // POST /brand-new added; GET /datasets/session-cost (published only, no docs page) removed.
  const parsed = parse(published, { maxAliasCount: -1 });
  const sessionCost = parsed.paths['/datasets/session-cost'];
  expect(sessionCost).toBeDefined();
  const file = join(root, 'openrouter-openapi.2031-02-03.yaml');
  writeFileSync(
    file,
    published
      .replace(/^paths:\n/m, `paths:\n${NEW_OPERATION}\n`)
      .replace(/^ {2}\/datasets\/session-cost:\n(?: {4}.*\n| *\n)+/m, ''),
  );
  const methodsBefore = readFileSync(join(root, 'openapi/methods.yaml'), 'utf8');
  const namesBefore = readFileSync(join(root, 'openapi/names.yaml'), 'utf8');

  it('goes through: proposes the names and the method, sets the removed row aside, and reports each', async () => {
    const run = io(root);
    const code = await regenerate([file, '--normalize-only', '--seeds', join(root, 'no-seeds')], run.io);
    expect(run.err).toEqual([]);
    expect(code).toBe(0);
    const names = parse(readFileSync(join(root, 'openapi/names.yaml'), 'utf8'));
    expect(names.operationIds['POST /brand-new']).toBe('createBrandNew');
    expect(names.requestBodies['POST /brand-new']).toBe('CreateBrandNewRequest');
    expect(names.responseBodies['POST /brand-new']).toBe('CreateBrandNewResponse');
    // Removed: the names stay (a returning operation gets them back), the row moves aside.
    expect(names.operationIds['GET /datasets/session-cost']).toBeDefined();
    const methods = parse(readFileSync(join(root, 'openapi/methods.yaml'), 'utf8'));
    expect(methods.methods['POST /brand-new']).toBe('brandNew.create');
    expect(methods.methods['GET /datasets/session-cost']).toBeUndefined();
    expect(methods.removed).toEqual({ 'GET /datasets/session-cost': 'datasets.sessionCost.list' });
    const report = JSON.parse(readFileSync(join(root, 'openapi/changes.json'), 'utf8'));
    expect(report.methodRows).toMatchObject({
      proposed: [{ operation: 'POST /brand-new', name: 'brandNew.create' }],
      removed: [{ operation: 'GET /datasets/session-cost', name: 'datasets.sessionCost.list' }],
    });
    expect(report.api.operationsRemoved).toContain('GET /datasets/session-cost');
    const changes = readFileSync(join(root, 'openapi/CHANGES.md'), 'utf8');
    expect(changes).toContain('- proposed, for review: `POST /brand-new` → `client.brandNew.create`');
    expect(changes).toContain('- operationIds `POST /brand-new`: `createBrandNew`');
    expect(changes).toContain('- removed: `GET /datasets/session-cost` → `client.datasets.sessionCost.list`');
    expect(readFileSync(join(root, 'openapi/openapi.yaml'), 'utf8')).toContain('operationId: createBrandNew');
  }, 180_000);

  it('back to the committed version, the removed row returns to its place and methods.yaml is as it was', async () => {
    const run = io(root);
    const committed = join(projectRoot, 'openapi/sources/published/openrouter-openapi.yaml');
    const code = await regenerate(
      [committed, '--version', '2026-08-22', '--normalize-only', '--seeds', join(root, 'no-seeds')],
      run.io,
    );
    expect(run.err).toEqual([]);
    expect(code).toBe(0);
    // The proposed row of the operation that left again moved aside; the returning one is back.
    const methods = readFileSync(join(root, 'openapi/methods.yaml'), 'utf8');
    expect(methods.replace(/\n# Rows of operations that left[\s\S]*$/, '\n')).toBe(methodsBefore);
    expect(parse(methods).removed).toEqual({ 'POST /brand-new': 'brandNew.create' });
    // names.yaml keeps the proposed names (the policy: names of a removed operation stay).
    expect(readFileSync(join(root, 'openapi/names.yaml'), 'utf8')).not.toBe(namesBefore);
  }, 180_000);
});

describe('regenerate: a failed generate', () => {
  it('is a problem, and the report then never says "No API changes."', () => {
    const root = mkdtempSync(join(tmpdir(), 'openrouter-ts-generate-fails-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ scripts: { generate: 'node -e "process.exit(3)"' } }));
      const problems = generateAll({ root });
      expect(problems).toHaveLength(1);
      expect(problems[0]?.what).toMatch(/^npm run generate failed \(exit 3;/);
      const methodNames = { source: 'operationId', rows: null, methodOf: () => undefined };
      const report = buildReport({
        published: null,
        oldDocument: null,
        methodNames,
        problems,
        notes: [],
        newDocument: { openapi: '3.1.0', paths: {} },
      });
      expect(report.status).toBe('stopped');
      expect(report.api).toBeNull();
      const markdown = renderReport(report);
      expect(markdown).toContain('Status: **stopped**, 1 problem needs a decision');
      expect(markdown).not.toContain('No API changes.');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the regenerate changeset', async () => {
  const { changesetFor } = (await import(/* @vite-ignore */ scripts('regenerate/changeset.mjs'))) as {
    changesetFor(report: Record<string, unknown>, pkg: { name: string; version: string }): string;
  };
  const report = (breaking: number, added: string[] = [], removed: string[] = []) => ({
    status: 'consistent',
    published: { to: { version: '2031-01-02' } },
    api: { summary: { breaking }, operationsAdded: added, operationsRemoved: removed },
  });
  const pkg = (version: string) => ({ name: 'openrouter-ts', version });

  it('bumps by the report: breaking is minor on 0.x and major after, new operations minor, else patch', () => {
    expect(changesetFor(report(2, [], ['GET /gone']), pkg('0.3.0'))).toBe(
      '---\n"openrouter-ts": minor\n---\n\nRegenerated from OpenRouter\'s published API description 2031-01-02: 1 removed (GET /gone); 2 breaking changes (see openapi/CHANGES.md).\n',
    );
    expect(changesetFor(report(1), pkg('1.2.0'))).toMatch(/^---\n"openrouter-ts": major\n/);
    expect(changesetFor(report(0, ['POST /new']), pkg('1.2.0'))).toMatch(
      /^---\n"openrouter-ts": minor\n---\n\nRegenerated from .*: 1 new operation \(POST \/new\)\.\n$/,
    );
    expect(changesetFor(report(0), pkg('1.2.0'))).toMatch(
      /"openrouter-ts": patch\n[\s\S]*types and descriptions brought up to date\.\n$/,
    );
  });

  it('says so when the run stopped', () => {
    const stopped = { status: 'stopped', published: { to: { version: '2031-01-02' } }, api: null };
    expect(changesetFor(stopped, pkg('0.3.0'))).toContain(
      '(pending: the regenerate run needs decisions, see openapi/CHANGES.md)',
    );
  });
});

describe('placePublished', async () => {
  const { placePublished } = (await import(/* @vite-ignore */ scripts('regenerate/steps/published.mjs'))) as {
    placePublished(options: { root: string; input: string; version?: string }): Promise<Record<string, unknown>>;
  };

  it('copies a JSON version verbatim, counts its operations, and keeps the comments and license of SOURCE.yaml', async () => {
    const root = mkdtempSync(join(tmpdir(), 'openrouter-ts-place-'));
    try {
      cpSync(join(projectRoot, 'openapi/sources/published'), join(root, 'openapi/sources/published'), {
        recursive: true,
      });
      const json = `${JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: {}, post: {} } } })}\n`;
      writeFileSync(join(root, 'v.json'), json);
      const placed = await placePublished({ root, input: join(root, 'v.json'), version: '2031-05-06' });
      expect(placed).toMatchObject({
        from: { version: expect.any(String), operations: 97 },
        to: { version: '2031-05-06', operations: 2 },
        operationsAdded: ['GET /a', 'POST /a'],
      });
      expect((placed.operationsRemoved as string[]).length).toBe(97);
      expect(readFileSync(join(root, 'openapi/sources/published/openrouter-openapi.yaml'), 'utf8')).toBe(json);
      const text = readFileSync(join(root, 'openapi/sources/published/SOURCE.yaml'), 'utf8');
      expect(text).toMatch(/^# The published OpenAPI description of the OpenRouter API/);
      // Provenance is the file's name: no path of this machine in a file that gets committed.
      expect(text).not.toContain(root);
      expect(placed.to).toMatchObject({ origin: 'v.json' });
      expect(parse(text)).toMatchObject({
        version: '2031-05-06',
        origin: { file: 'v.json' },
        operations: 2,
        license: { spdx: 'Apache-2.0' },
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('originOf: the provenance SOURCE.yaml records', async () => {
  const { originOf } = (await import(/* @vite-ignore */ scripts('regenerate/steps/published.mjs'))) as {
    originOf(input: string, previous?: Record<string, string>): Record<string, string>;
  };
  const commit = '90c4937675fe919f14d8c536177fbc08b94539e5';
  const previous = {
    repository: 'https://github.com/OpenRouterTeam/typescript-sdk',
    path: '.speakeasy/in.openapi.yaml',
    commit: '3a0d6c55a1e3eace388d1e1685831ea494ecc644',
    note: 'synced from the monorepo',
  };

  it('reads repository, path and commit from a GitHub file URL, keeping the note of the same file', () => {
    for (const url of [
      `https://raw.githubusercontent.com/OpenRouterTeam/typescript-sdk/${commit}/.speakeasy/in.openapi.yaml`,
      `https://github.com/OpenRouterTeam/typescript-sdk/blob/${commit}/.speakeasy/in.openapi.yaml`,
    ]) {
      expect(originOf(url, previous)).toEqual({ ...previous, commit });
      expect(originOf(url)).toEqual({ repository: previous.repository, path: previous.path, commit });
    }
    expect(originOf(`https://github.com/OpenRouterTeam/typescript-sdk/blob/${commit}/other.yaml`, previous)).toEqual({
      repository: previous.repository,
      path: 'other.yaml',
      commit,
    });
  });

  it('keeps another URL as it is, and a local file by its name only', () => {
    expect(originOf('https://openrouter.ai/openapi.yaml', previous)).toEqual({
      url: 'https://openrouter.ai/openapi.yaml',
    });
    expect(originOf('/home/someone/Downloads/openrouter-openapi.2031-01-02.yaml')).toEqual({
      file: 'openrouter-openapi.2031-01-02.yaml',
    });
    expect(originOf('../x/v.json')).toEqual({ file: 'v.json' });
  });
});

describe('placePublished: the version already in place', async () => {
  const { placePublished } = (await import(/* @vite-ignore */ scripts('regenerate/steps/published.mjs'))) as {
    placePublished(options: { root: string; input: string; version?: string }): Promise<Record<string, unknown>>;
  };

  it('rewrites nothing, so a run that finds nothing new makes no diff', async () => {
    const root = mkdtempSync(join(tmpdir(), 'openrouter-ts-same-'));
    try {
      cpSync(join(projectRoot, 'openapi/sources/published'), join(root, 'openapi/sources/published'), {
        recursive: true,
      });
      const sourceFile = join(root, 'openapi/sources/published/SOURCE.yaml');
      const before = readFileSync(sourceFile, 'utf8');
      const placed = await placePublished({
        root,
        input: join(projectRoot, 'openapi/sources/published/openrouter-openapi.yaml'),
      });
      expect(placed).toMatchObject({ unchanged: true, operationsAdded: [], operationsRemoved: [] });
      expect((placed.to as { version: string }).version).toBe(String(parse(before).version));
      expect(readFileSync(sourceFile, 'utf8')).toBe(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
