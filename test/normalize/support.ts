// The normalizer (scripts/normalize/) is plain Node ESM without type declarations, and TypeScript
// does not read .mjs files here (allowJs is off). The tests load its modules through this file:
// a dynamic import TypeScript does not resolve, cast to the part of each module's interface the
// tests use. Each test file loads only the module it tests (`const { fixObjectEnums } = await
// objectEnums()`); a renamed or removed export fails loudly in `load`, not as `undefined` later.

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read as plain data
export type Doc = any;

/** A step of scripts/normalize/steps/: fixes the document in place and returns it. */
export type Step = (doc: Doc) => Doc;

export interface Conflict {
  at: string;
  kept: unknown;
  dropped: unknown;
  keptFrom: string;
  droppedFrom: string;
}

export interface MergerInstance {
  doc: { paths: Doc; components: { schemas: Doc } };
  conflicts: Conflict[];
  page: string | undefined;
  add(fragment: Doc, page: string): void;
  addComponent(name: string, schema: Doc): void;
  mergeSchema(a: Doc, b: Doc, at: string): Doc;
}

export interface YamlBlock {
  heading: string | null;
  reference: string | null;
  yaml: string;
}

const scripts = new URL('../../scripts/', import.meta.url);

async function load<T extends object>(path: string, names: (keyof T & string)[]): Promise<T> {
  const module = (await import(/* @vite-ignore */ new URL(path, scripts).href)) as T;
  for (const name of names) {
    if (typeof module[name] !== 'function') throw new Error(`scripts/${path} has no exported function ${name}`);
  }
  return module;
}

export const objectEnums = () => load<{ fixObjectEnums: Step }>('normalize/steps/object-enums.mjs', ['fixObjectEnums']);
export const literalEnums = () =>
  load<{ fixLiteralEnums: Step }>('normalize/steps/literal-enums.mjs', ['fixLiteralEnums']);
export const nullable = () =>
  load<{ convertNullable: Step; makeNullable: Step }>('normalize/steps/nullable.mjs', [
    'convertNullable',
    'makeNullable',
  ]);
export const overlappingUnions = () =>
  load<{ dedupeUnionBranches: Step }>('normalize/steps/overlapping-unions.mjs', ['dedupeUnionBranches']);
export const authorizationHeader = () =>
  load<{ removeAuthorizationHeader: Step }>('normalize/steps/authorization-header.mjs', ['removeAuthorizationHeader']);
export const errorResponses = () =>
  load<{ describeErrorResponses: Step }>('normalize/steps/error-responses.mjs', ['describeErrorResponses']);
export const openEnums = () => load<{ openEnums: Step }>('normalize/steps/open-enums.mjs', ['openEnums']);

type NameMap = Record<string, string>;

/** A problem collector (scripts/normalize/problems.mjs). */
export interface Collector {
  add(problem: Problem): void;
}
export const names = () =>
  load<{
    renameSchemas(
      doc: Doc,
      schemaNames: NameMap,
      where?: string,
      mergeSame?: (a: Doc, b: Doc, name: string) => Doc,
      problems?: Collector,
      section?: string,
    ): Doc;
    setOperationIds(doc: Doc, operationIds: NameMap, where?: string, problems?: Collector): Doc;
    setReadableTags(doc: Doc, tagNames: NameMap, operationTags?: NameMap, where?: string, problems?: Collector): Doc;
    hoistRequestBodies(doc: Doc, bodyNames: NameMap, where?: string, problems?: Collector): Doc;
    hoistResponseBodies(doc: Doc, bodyNames: NameMap, where?: string, problems?: Collector): Doc;
  }>('normalize/steps/names.mjs', [
    'renameSchemas',
    'setOperationIds',
    'setReadableTags',
    'hoistRequestBodies',
    'hoistResponseBodies',
  ]);

export const merge = () => load<{ Merger: new () => MergerInstance }>('normalize/merge.mjs', ['Merger']);
export const overlay = () =>
  load<{ applyOverlay(doc: Doc, overlay: Doc, file?: string, problems?: Collector): number[] }>(
    'normalize/overlay.mjs',
    ['applyOverlay'],
  );
export const stableOutput = () => load<{ stableOrder<T>(value: T): T }>('normalize/stable-output.mjs', ['stableOrder']);
export const checks = () =>
  load<{ checkDocument(doc: Doc, problems?: Collector): void }>('normalize/checks.mjs', ['checkDocument']);
export const mergeReport = () =>
  load<{ renderMergeReport(conflicts: Conflict[], invalidExamples?: string[]): string }>('normalize/merge-report.mjs', [
    'renderMergeReport',
  ]);
export const pipeline = () =>
  load<{
    normalize(openapiDir: string): {
      document: Doc;
      conflicts: Conflict[];
      overlays: string[];
      invalidExamples: string[];
    };
    fixFragment(document: Doc, names: Doc, where: string, mergeSame: (a: Doc, b: Doc, name: string) => Doc): Doc;
  }>('normalize/pipeline.mjs', ['normalize', 'fixFragment']);
export interface Problem {
  what: string;
  where: string;
  file: string;
  subject?: string;
}

export const extractSources = () =>
  load<{
    findYamlBlocks(text: string): YamlBlock[];
    extractSources(dirs: { seedsDir: string; sourcesDir: string }): {
      written: string[];
      notes: string[];
      problems: Problem[];
    };
    sha256(bytes: string | Buffer): string;
  }>('extract-sources.mjs', ['findYamlBlocks', 'extractSources', 'sha256']);
export const fences = () =>
  load<{
    findApiFragments(
      text: string,
      seedFile: string,
      file: string,
    ): { fragments: { heading: string | null; reference: string | null; document: Doc }[]; problems: Problem[] };
  }>('extract/fences.mjs', ['findApiFragments']);
export const problemsModule = () =>
  load<{
    Problems: new () => { list: Problem[]; add(problem: Problem): void };
    renderProblems(problems: Problem[]): string;
  }>('normalize/problems.mjs', ['Problems', 'renderProblems']);

/** A document with the given component schemas (and nothing else). */
export const schemas = (components: Record<string, Doc>): Doc => ({ components: { schemas: components } });

/** A document with one operation, `GET /things` unless said otherwise. */
export const withOperation = (op: Doc, method = 'get', route = '/things'): Doc => ({
  paths: { [route]: { [method]: op } },
});
