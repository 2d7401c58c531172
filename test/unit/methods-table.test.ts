// The coverage check of the facade: every operation of openapi/openapi.yaml has a row in
// openapi/methods.yaml (a failure names the missing ones), every row names an operation, every row is
// a method of the client, and every method has its two contract cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readOperations, readTable, tableMismatches } from '../../scripts/generate/operations.mjs';
import { OpenRouter } from '../../src';
import { contractCases } from '../contract/cases';

const root = new URL('../../', import.meta.url);
const specPath = new URL('openapi/openapi.yaml', root).pathname;
const tablePath = new URL('openapi/methods.yaml', root).pathname;
const spec = parse(readFileSync(specPath, 'utf8'));
const rows = readTable(tablePath);

describe('openapi/methods.yaml', () => {
  it('has a row for every operation of the description, and no row for anything else', () => {
    const { missing, unknown } = tableMismatches(spec, rows);
    expect(missing, 'operations without a method name in openapi/methods.yaml').toEqual([]);
    expect(unknown, 'rows of openapi/methods.yaml that name no operation').toEqual([]);
    expect(rows.size).toBe(
      Object.values(spec.paths)
        .flatMap((item) => Object.keys(item as object))
        .filter((k) => ['get', 'put', 'post', 'patch', 'delete'].includes(k)).length,
    );
  });

  it('the check names a missing operation and an unknown row (it can fail)', () => {
    const changed = structuredClone(spec);
    changed.paths['/brand-new'] = { get: { operationId: 'getBrandNew', responses: {} } };
    delete changed.paths['/credits'];
    const { missing, unknown } = tableMismatches(changed, rows);
    expect(missing).toEqual(['GET /brand-new']);
    expect(unknown).toEqual(['GET /credits']);
  });

  it('gives each operation one name, resource.method', () => {
    const operations = readOperations(specPath, tablePath);
    const names = operations.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/);
  });

  it('keeps the names of the 17 methods that came before it', () => {
    const before = {
      'GET /models': 'models.list',
      'GET /models/embeddings': 'models.listEmbeddings',
      'GET /models/user': 'models.listForUser',
      'GET /model/{author}/{slug}': 'models.get',
      'GET /models/{author}/{slug}/endpoints': 'models.endpoints',
      'GET /parameters/{author}/{slug}': 'models.parameters',
      'GET /endpoints/zdr': 'endpoints.zdr',
      'GET /providers': 'providers.list',
      'GET /keys': 'keys.list',
      'POST /keys': 'keys.create',
      'GET /keys/{hash}': 'keys.get',
      'PATCH /keys/{hash}': 'keys.update',
      'DELETE /keys/{hash}': 'keys.delete',
      'GET /key': 'keys.current',
      'POST /auth/keys/code': 'oauth.createAuthCode',
      'POST /auth/keys': 'oauth.exchangeAuthCode',
      'POST /chat/completions': 'chat.completions.create',
    };
    for (const [route, name] of Object.entries(before)) expect(rows.get(route)?.name, route).toBe(name);
  });
});

describe('the client', () => {
  const client = new OpenRouter({ apiKey: 'sk-or-v1-test', fetch: async () => new Response('{}') });

  it.each(readOperations(specPath, tablePath).map((op) => [op.name] as const))('has client.%s', (name) => {
    let target: unknown = client;
    for (const part of name.split('.')) target = (target as Record<string, unknown>)[part];
    expect(typeof target).toBe('function');
  });

  it('every method has its two contract cases (test/contract/cases.ts, run by operations.test.ts)', () => {
    const titles = new Set(contractCases().map((c) => c.title));
    for (const op of readOperations(specPath, tablePath)) {
      expect(titles.has(`${op.name}: only required params`), op.name).toBe(true);
      expect(titles.has(`${op.name}: required and optional params`), op.name).toBe(true);
    }
  });
});
