// The names the package root exports, pinned: a change to the public surface (a type renamed in the
// pipeline, a generator name leaking out, an export dropped) fails here and is made deliberately,
// by updating test/unit/public-names.txt (`UPDATE_PUBLIC_NAMES=1 npx vitest run test/unit/public-names.test.ts`).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pinnedFile = fileURLToPath(new URL('./public-names.txt', import.meta.url));

function exportedNames(entry: string): string[] {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => symbol.getName())
    .sort();
}

describe('the public surface of openrouter-ts', () => {
  const names = exportedNames(`${root}src/index.ts`);

  it('exports exactly the pinned names', () => {
    if (process.env.UPDATE_PUBLIC_NAMES === '1') writeFileSync(pinnedFile, `${names.join('\n')}\n`);
    const pinned = readFileSync(pinnedFile, 'utf8').trim().split('\n');
    const added = names.filter((name) => !pinned.includes(name));
    const removed = pinned.filter((name) => !names.includes(name));
    expect({ added, removed }).toEqual({ added: [], removed: [] });
  });

  it("exports none of the generator's per-operation plumbing", () => {
    // hey-api names per operation `<Id>Data`, `<Id>Error(s)`, `<Id>Response(s)` and `<Id>Response2`;
    // a name that is also a schema of the document (`GetCreditsResponse`) is the schema, and stays.
    const spec = parse(readFileSync(`${root}openapi/openapi.yaml`, 'utf8'));
    const schemas = new Set(Object.keys(spec.components.schemas));
    const ids: string[] = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => (op?.operationId ? [op.operationId[0]?.toUpperCase() + op.operationId.slice(1)] : []));
    expect(ids.length).toBeGreaterThan(90);
    const plumbing = ids
      .flatMap((id) => ['Data', 'Error', 'Errors', 'Response', 'Responses', 'Response2'].map((suffix) => id + suffix))
      .filter((name) => names.includes(name) && !schemas.has(name));
    expect(plumbing).toEqual([]);
  });

  it('exports the client, the errors, the streams and the main request, response and event types', () => {
    for (const name of [
      'OpenRouter',
      'APIError',
      'RateLimitError',
      'Stream',
      'ChatCompletionRequest',
      'ChatCompletion',
      'ChatCompletionChunk',
      'ResponsesRequest',
      'OpenResponsesResult',
      'StreamEvents',
      'MessagesRequest',
      'MessagesResult',
      'MessagesStreamEvents',
      'CreateEmbeddingsRequest',
      'CreateEmbeddingsResponse',
      'Model',
      'PublicEndpoint',
      'ProviderName',
      'ErrorResponse',
    ]) {
      expect(names, name).toContain(name);
    }
  });
});
