import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The published description's own history, replayed: from the oldest shared version, `npm run
// regenerate` to each next one in date order, in a scratch copy of openapi/ (the work tree is not
// touched), each with its origin (the repository and path of the committed SOURCE.yaml, the commit
// of ../shared/published/README.md). Every step either succeeds or stops with ONE message listing
// every problem with the file to edit, and its report lists exactly the operations the version added
// and removed. Then back to the committed version: every file of openapi/ is byte for byte the
// committed one (the run's report, CHANGES.md and changes.json, aside), and no path of this machine
// is in any of them. (generated/ is a function of openapi/: the drift check.)
// Steps normalize only (--normalize-only): the generators add about a minute a step and nothing the
// replay checks. The steps run in process, on the scratch copy (the scripts take the project root).

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedDir = process.env.SHARED_DIR ? resolve(process.env.SHARED_DIR) : resolve(projectRoot, '../shared');
const publishedDir = join(sharedDir, 'published');
const seedsDir = join(sharedDir, 'seeds');
const hasPublished = existsSync(publishedDir);
if (!hasPublished) {
  console.warn(
    `[replay] ${publishedDir} is absent: the replay of the published versions (test/regenerate/replay.test.ts) is SKIPPED. Set SHARED_DIR to the folder that holds published/.`,
  );
}

const versions = hasPublished
  ? readdirSync(publishedDir)
      .filter((name) => /^openrouter-openapi\.\d{4}-\d{2}-\d{2}\.yaml$/.test(name))
      .sort()
  : [];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are read as plain data
const operationsOf = (document: any): string[] =>
  Object.entries(document?.paths ?? {})
    // biome-ignore lint/suspicious/noExplicitAny: a path item
    .flatMap(([path, item]: [string, any]) =>
      HTTP_METHODS.filter((method) => item?.[method]).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
const parsedFiles = new Map<string, unknown>();
/** Each shared version is parsed once (seconds each): it is the next step's previous version. */
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are read as plain data
const readYaml = (file: string): any => {
  if (!parsedFiles.has(file)) parsedFiles.set(file, parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }));
  return parsedFiles.get(file);
};
const readFresh = (file: string) => parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });

interface Report {
  status: 'consistent' | 'stopped';
  published: { to: { version: string }; operationsAdded: string[]; operationsRemoved: string[] };
  api: { operationsAdded: string[]; operationsRemoved: string[] } | null;
  problems: { what: string; where: string; file: string }[];
}

describe.skipIf(!hasPublished)('replay of the published versions (npm run regenerate)', async () => {
  const { regenerate } = (await import(
    /* @vite-ignore */ new URL('scripts/regenerate/cli.mjs', `file://${projectRoot}`).href
  )) as {
    regenerate(
      argv: string[],
      io: { root: string; cwd: string; out(line: string): void; err(line: string): void },
    ): Promise<number>;
  };
  const scratch = mkdtempSync(join(tmpdir(), 'openrouter-ts-replay-'));
  cpSync(join(projectRoot, 'openapi'), join(scratch, 'openapi'), { recursive: true });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const committedSource = readFresh(join(projectRoot, 'openapi/sources/published/SOURCE.yaml'));
  const committedVersion = String(committedSource.version);
  // A version's origin: its commit in the shared README's table, in the committed origin's repository.
  // (vitest runs a skipped describe's body too, to collect its tests: nothing here may need ../shared.)
  const readme = hasPublished ? readFileSync(join(publishedDir, 'README.md'), 'utf8') : '';
  const originOf = (commit: string) =>
    `${committedSource.origin.repository}/blob/${commit}/${committedSource.origin.path}`;
  const commitOf = (file: string) =>
    readme.match(new RegExp(`${file.replaceAll('.', '\\.')} \\|[^|]*\\| \`([0-9a-f]{40})\``))?.[1];
  const results: string[] = [];
  afterAll(() => console.log(`[replay] steps:\n${results.join('\n')}`));

  it.each(versions.map((file, i) => [file, versions[i - 1] ?? null] as const))(
    'regenerates to %s',
    async (file, previousFile) => {
      const started = Date.now();
      const before = readFileSync(join(scratch, 'openapi/openapi.yaml'), 'utf8');
      const out: string[] = [];
      const err: string[] = [];
      const commit = commitOf(file);
      const origin = commit ? ['--origin', originOf(commit)] : [];
      const code = await regenerate([join(publishedDir, file), ...origin, '--normalize-only', '--seeds', seedsDir], {
        root: scratch,
        cwd: scratch,
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      const report = JSON.parse(readFileSync(join(scratch, 'openapi/changes.json'), 'utf8')) as Report;
      const markdown = readFileSync(join(scratch, 'openapi/CHANGES.md'), 'utf8');
      const version = file.match(/\d{4}-\d{2}-\d{2}/)?.[0];

      // The report lists exactly what the version added and removed, against the one placed before it
      // (the first step replaces the committed version).
      const previous = readYaml(
        previousFile
          ? join(publishedDir, previousFile)
          : join(projectRoot, 'openapi/sources/published/openrouter-openapi.yaml'),
      );
      const next = readYaml(join(publishedDir, file));
      const previousOps = operationsOf(previous);
      const nextOps = operationsOf(next);
      expect(report.published.to.version).toBe(version);
      expect(report.published.operationsAdded).toEqual(nextOps.filter((op) => !previousOps.includes(op)));
      expect(report.published.operationsRemoved).toEqual(previousOps.filter((op) => !nextOps.includes(op)));
      for (const op of report.published.operationsAdded) expect(markdown).toContain(`\`${op}\``);

      expect([0, 1]).toContain(code);
      if (code === 1) {
        // ONE message, every problem in it with the file to edit, no stack trace, no "No API changes.".
        expect(err).toHaveLength(1);
        const message = err[0] ?? '';
        expect(message).toMatch(
          new RegExp(`^npm run regenerate stopped: ${report.problems.length} problems? needs? a decision:`),
        );
        expect(message).not.toMatch(/^\s+at /m);
        for (const problem of report.problems) {
          expect(problem.what.length * problem.where.length * problem.file.length).toBeGreaterThan(0);
          expect(message).toContain(`edit ${problem.file}:`);
          expect(message).toContain(`${problem.where}: ${problem.what}`);
        }
        expect(report.status).toBe('stopped');
        expect(report.api).toBeNull();
        expect(markdown).not.toContain('No API changes.');
        expect(readFileSync(join(scratch, 'openapi/openapi.yaml'), 'utf8')).toBe(before);
      } else {
        expect(err).toEqual([]);
        expect(report.status).toBe('consistent');
        const opsBefore = operationsOf(parse(before, { maxAliasCount: -1 }));
        const opsAfter = operationsOf(readFresh(join(scratch, 'openapi/openapi.yaml')));
        expect(report.api?.operationsAdded).toEqual(opsAfter.filter((op) => !opsBefore.includes(op)));
        expect(report.api?.operationsRemoved).toEqual(opsBefore.filter((op) => !opsAfter.includes(op)));
      }
      // The committed names, overlays and pages describe the committed version: that step goes through.
      if (version === committedVersion) expect(code).toBe(0);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      results.push(
        `  ${version}: ${code === 0 ? 'succeeded' : `stopped with ${report.problems.length} items`}; published operations +${report.published.operationsAdded.length} -${report.published.operationsRemoved.length}; ${seconds} s`,
      );
    },
    120_000,
  );

  it('goes back to the committed version and reproduces openapi/ byte for byte', async () => {
    const err: string[] = [];
    const code = await regenerate(
      [
        join(projectRoot, 'openapi/sources/published/openrouter-openapi.yaml'),
        '--version',
        committedVersion,
        '--origin',
        originOf(committedSource.origin.commit),
        '--normalize-only',
        '--seeds',
        seedsDir,
      ],
      { root: scratch, cwd: scratch, out: () => {}, err: (line) => err.push(line) },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true })
        .map(String)
        .filter((file) => statSync(join(dir, file)).isFile() && !['CHANGES.md', 'changes.json'].includes(file))
        .sort();
    const committed = files(join(projectRoot, 'openapi'));
    expect(files(join(scratch, 'openapi'))).toEqual(committed);
    const different = committed.filter(
      (file) => !readFileSync(join(scratch, 'openapi', file)).equals(readFileSync(join(projectRoot, 'openapi', file))),
    );
    expect(different, 'files of openapi/ that the round trip did not reproduce').toEqual([]);
    for (const file of [...committed, 'CHANGES.md', 'changes.json']) {
      expect(readFileSync(join(scratch, 'openapi', file), 'utf8'), file).not.toContain(scratch);
      // An absolute path, not the relative one (../shared/seeds) the report may name.
      const absolute = new RegExp(`(?<![.\\w])${sharedDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
      expect(readFileSync(join(scratch, 'openapi', file), 'utf8'), file).not.toMatch(absolute);
    }
  }, 180_000);
});
