import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The names a new operation is given without stopping the run (CONTRIBUTING.md, "New operations"):
// the method name by the naming rule of openapi/methods.yaml, the operationId from the source's.

const scripts = (path: string) => new URL(`../../scripts/${path}`, import.meta.url).href;
const { proposeMethodName } = (await import(/* @vite-ignore */ scripts('regenerate/steps/method-rows.mjs'))) as {
  proposeMethodName(operation: string, taken?: Set<string>): string;
};
const { proposeOperationId } = (await import(/* @vite-ignore */ scripts('regenerate/steps/propose-names.mjs'))) as {
  proposeOperationId(operation: string, sourceId?: string): string;
};

describe('proposeMethodName (the naming rule of openapi/methods.yaml)', () => {
  it('names collections, items, singletons and actions by rules 1 and 2', () => {
    expect(proposeMethodName('GET /guardrails')).toBe('guardrails.list');
    expect(proposeMethodName('POST /guardrails')).toBe('guardrails.create');
    expect(proposeMethodName('GET /guardrails/{id}')).toBe('guardrails.get');
    expect(proposeMethodName('PATCH /guardrails/{id}')).toBe('guardrails.update');
    expect(proposeMethodName('DELETE /guardrails/{id}')).toBe('guardrails.delete');
    expect(proposeMethodName('PUT /workspaces/{id}/budgets/{interval}')).toBe('workspaces.budgets.upsert');
    expect(proposeMethodName('GET /workspaces/{id}/members')).toBe('workspaces.members.list');
    expect(proposeMethodName('POST /workspaces/{id}/members/add')).toBe('workspaces.members.add');
    expect(proposeMethodName('GET /files/{file_id}/content')).toBe('files.content');
    expect(proposeMethodName('GET /datasets/app-rankings')).toBe('datasets.appRankings.list');
    expect(proposeMethodName('POST /brand-new')).toBe('brandNew.create');
  });

  it('never proposes a name in use', () => {
    expect(proposeMethodName('GET /things', new Set(['things.list']))).toBe('things.listThings');
    expect(proposeMethodName('GET /things', new Set(['things.list', 'things.listThings']))).toBe('things.list2');
  });

  it('gives most of the committed names (the rest are rules 3 and 4: OpenAI names, older methods)', async () => {
    const { readFileSync } = await import('node:fs');
    const table = parse(readFileSync(new URL('../../openapi/methods.yaml', import.meta.url), 'utf8')).methods;
    const rows = Object.entries(table).map(([operation, row]) => [
      operation,
      typeof row === 'string' ? row : (row as { name: string }).name,
    ]);
    const same = rows.filter(([operation, name]) => proposeMethodName(operation as string) === name);
    expect(same.length / rows.length).toBeGreaterThan(0.65);
  });
});

describe('proposeOperationId', () => {
  it("takes the source's operationId in camelCase, else the method and the path's nouns", () => {
    expect(proposeOperationId('POST /brand-new', 'createBrandNew')).toBe('createBrandNew');
    expect(proposeOperationId('GET /models', 'get-models')).toBe('getModels');
    expect(proposeOperationId('GET /models', 'list_models_v2')).toBe('listModelsV2');
    expect(proposeOperationId('DELETE /workspaces/{id}/budgets/{interval}')).toBe('deleteWorkspacesBudgets');
  });
});
