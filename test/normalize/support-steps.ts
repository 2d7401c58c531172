// Loaders for the normalizer modules support.ts does not cover yet (the steps added with the
// published description). Same contract as support.ts: a renamed or removed export fails in
// `load`, not as `undefined` later. Kept apart only so it could be written without touching
// support.ts; it belongs there.
import type { Doc, MergerInstance, Step } from './support';

const scripts = new URL('../../scripts/', import.meta.url);

async function load<T extends object>(path: string, names: (keyof T & string)[]): Promise<T> {
  const module = (await import(/* @vite-ignore */ new URL(path, scripts).href)) as T;
  for (const name of names) {
    if (typeof module[name] !== 'function') throw new Error(`scripts/${path} has no exported function ${name}`);
  }
  return module;
}

type NameMap = Record<string, string>;

export const securitySchemes = () =>
  load<{ unifySecuritySchemes: Step }>('normalize/steps/security-schemes.mjs', ['unifySecuritySchemes']);
export const eventStreams = () =>
  load<{ describeEventStreams: Step; sseExample(example: Doc, sentinel?: string): string }>(
    'normalize/steps/event-streams.mjs',
    ['describeEventStreams', 'sseExample'],
  );
export const unusedComponents = () =>
  load<{ removeUnusedComponents(doc: Doc, keep?: string[]): string[] }>('normalize/steps/unused-components.mjs', [
    'removeUnusedComponents',
  ]);
export const schemaKeywords = () =>
  load<{ fixSchemaKeywords: Step }>('normalize/steps/schema-keywords.mjs', ['fixSchemaKeywords']);
export const invalidExamples = () =>
  load<{ removeInvalidExamples(doc: Doc): string[] }>('normalize/steps/invalid-examples.mjs', [
    'removeInvalidExamples',
  ]);
export const inlineNames = () =>
  load<{
    hoistInlineSchemas(doc: Doc, places: NameMap, where?: string): Doc;
    renameSchemas(doc: Doc, schemaNames: NameMap, where?: string): Doc;
  }>('normalize/steps/names.mjs', ['hoistInlineSchemas', 'renameSchemas']);

export interface ComposingMerger extends MergerInstance {
  add(fragment: Doc, page: string, options?: { restatements?: boolean }): void;
  mergeIntoComposition(a: Doc, b: Doc, at: string): Doc;
}
export const composingMerge = () => load<{ Merger: new () => ComposingMerger }>('normalize/merge.mjs', ['Merger']);

export const published = () =>
  load<{ loadPublished(openapiDir: string): { document: Doc; source: Doc; label: string } }>(
    'normalize/published.mjs',
    ['loadPublished'],
  );
export const pipelineTags = () =>
  load<{ mergeTags(baseTags: Doc[], publishedTags: Doc[], tagNames: NameMap): Doc[] }>('normalize/pipeline.mjs', [
    'mergeTags',
  ]);

export const decisions = () =>
  load<{
    renderDecisions(openapiDir: string, document: Doc): string;
    replaceSection(readme: string, section: string, file?: string): string;
    committedSection(readme: string, file?: string): string;
    listSteps(): { name: string; file: string; fixes: string; tests: string[] }[];
  }>('normalize/decisions.mjs', ['renderDecisions', 'replaceSection', 'committedSection', 'listSteps']);
