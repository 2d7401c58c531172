import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The document as other languages' tools read it: openapi.yaml is the same data for YAML 1.1 and
// 1.2 parsers and the same as openapi.json; openapi.3.0.json is OpenAPI 3.0 that a 3.0 validator
// (Redocly's, the `struct` rule on the 3.0 grammar) accepts, with none of 3.1's spellings left.
// Each file is also drift-checked against a fresh `npm run generate` (scripts/check-generated.mjs).

const openapi = (name: string) => fileURLToPath(new URL(`../../openapi/${name}`, import.meta.url));
const scripts = (path: string) => new URL(`../../scripts/${path}`, import.meta.url).href;
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are read as plain data
type Json = any;
const { stringifyYamlSafe, needsQuotes } = (await import(/* @vite-ignore */ scripts('normalize/yaml-safe.mjs'))) as {
  stringifyYamlSafe(value: unknown): string;
  needsQuotes(text: string): boolean;
};
const { toOpenApi30, schemaTo30 } = (await import(/* @vite-ignore */ scripts('generate/openapi-3.0.mjs'))) as {
  toOpenApi30(document: Json): Json;
  schemaTo30(schema: Json, resolve?: (ref: string) => Json): Json;
};
const redocly = fileURLToPath(new URL('../../node_modules/@redocly/cli/bin/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'renditions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Redocly's lint of a file with the project's rules: exit status and output. */
function lint(file: string) {
  const run = spawnSync(process.execPath, [redocly, 'lint', file, '--config', openapi('redocly.yaml')], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

describe('YAML 1.1 and 1.2 read the same openapi.yaml', () => {
  it('writes in quotes every string a YAML 1.1 or 1.2 reader would take for something else', () => {
    const tricky = ['1:1', '16:9', '9:19.5', '2026-08-22', '2025-01-08T00:00:00Z', 'yes', 'on', 'OFF', 'y', '0o17'];
    const plain = ['GPT', 'in_progress', 'openai/gpt-4o', 'a: b', '1.0.0', 'Yes please'];
    const value = { values: [...tricky, ...plain, '=', '<<'], on: true, '16:9': 'key' };
    const text = stringifyYamlSafe(value);
    expect(parse(text, { version: '1.1' })).toEqual(value);
    expect(parse(text, { version: '1.2' })).toEqual(value);
    for (const string of [...tricky, '=', '<<']) expect(needsQuotes(string), string).toBe(true);
    for (const string of plain) expect(needsQuotes(string), string).toBe(false);
    expect(text).toContain('- GPT\n');
  });

  it('the committed openapi.yaml parses to the same data as YAML 1.1, as YAML 1.2, and as openapi.json', () => {
    const text = readFileSync(openapi('openapi.yaml'), 'utf8');
    const as12 = parse(text, { version: '1.2', maxAliasCount: -1 });
    const as11 = parse(text, { version: '1.1', maxAliasCount: -1 });
    expect(as11).toEqual(as12);
    expect(JSON.parse(readFileSync(openapi('openapi.json'), 'utf8'))).toEqual(as12);
    // What YAML 1.1 used to turn into numbers (base 60) and dates.
    expect(text).toMatch(/- "16:9"\n/);
    expect(text).not.toMatch(/: \d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\n/);
  });
});

describe('the OpenAPI 3.0 rendition (openapi.3.0.json)', () => {
  const document = JSON.parse(readFileSync(openapi('openapi.json'), 'utf8'));
  const rendition = JSON.parse(readFileSync(openapi('openapi.3.0.json'), 'utf8'));

  it('is the 3.1 document converted, with every operation and component', () => {
    expect(rendition.openapi).toBe('3.0.3');
    expect(rendition).toEqual(toOpenApi30(document));
    expect(Object.keys(rendition.paths)).toEqual(Object.keys(document.paths));
    expect(Object.keys(rendition.components.schemas)).toEqual(Object.keys(document.components.schemas));
  });

  it('has none of the spellings 3.0 lacks', () => {
    const found: string[] = [];
    const visit = (node: Json, at: string) => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          visit(child, `${at}/${i}`);
        });
        return;
      }
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node.type) || node.type === 'null') found.push(`${at}: type ${JSON.stringify(node.type)}`);
      if ('const' in node) found.push(`${at}: const`);
      if ('$ref' in node && Object.keys(node).length > 1) found.push(`${at}: $ref with ${Object.keys(node)}`);
      if (node.nullable === true && node.type === undefined) found.push(`${at}: nullable without type`);
      if (typeof node.exclusiveMinimum === 'number') found.push(`${at}: numeric exclusiveMinimum`);
      for (const [key, child] of Object.entries(node)) {
        if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'default')
          visit(child, `${at}/${key}`);
      }
    };
    visit(rendition, '#');
    expect(found).toEqual([]);
  });

  it('a 3.0 validator accepts it (redocly lint, 3.0 grammar), and rejects 3.1 spellings in a 3.0 file', () => {
    const valid = lint(openapi('openapi.3.0.json'));
    expect(valid.output).toContain('Your API description is valid');
    expect(valid.status, valid.output.slice(-3000)).toBe(0);
    // The probe: the same validator fails a 3.0 file that keeps a 3.1 type list.
    const broken = structuredClone(rendition);
    broken.components.schemas.ModelGroup.type = ['string', 'null'];
    const file = join(scratch, 'broken.3.0.json');
    writeFileSync(file, JSON.stringify(broken));
    expect(lint(file).status).not.toBe(0);
  }, 120_000);

  it('spells nullability, const, examples and bounds the 3.0 way', () => {
    const schemas: Record<string, Json> = { Base: { type: 'object', properties: { a: { type: 'string' } } } };
    const resolve = (ref: string) => schemas[ref.split('/').pop() ?? ''];
    expect(schemaTo30({ type: ['string', 'null'], const: 'x', examples: ['x', 'y'] })).toEqual({
      type: 'string',
      nullable: true,
      enum: ['x'],
      example: 'x',
    });
    expect(schemaTo30({ anyOf: [{ $ref: '#/components/schemas/Base' }, { type: 'null' }] }, resolve)).toEqual({
      allOf: [{ $ref: '#/components/schemas/Base' }],
      nullable: true,
      type: 'object',
    });
    expect(schemaTo30({ type: 'number', exclusiveMinimum: 0 })).toEqual({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
    });
    // Different types and null: the null gets a typed branch of its own.
    expect(schemaTo30({ anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'string', nullable: true, enum: [null] }],
    });
    // A $ref's constraints move into an allOf; a description beside it is dropped (3.0 ignores it).
    expect(schemaTo30({ $ref: '#/x', type: 'array', items: { type: 'string' } })).toEqual({
      type: 'array',
      items: { type: 'string' },
      allOf: [{ $ref: '#/x' }],
    });
    expect(schemaTo30({ $ref: '#/x', description: 'd' })).toEqual({ $ref: '#/x' });
  });

  it('gives 3.0 generators what they need: one type per property, typed parameters, named enums, marked errors', () => {
    const source = {
      openapi: '3.1.0',
      info: { title: 't', version: '1', license: { name: 'MIT', identifier: 'MIT' } },
      paths: {
        '/x': {
          delete: {
            parameters: [
              {
                name: 'keep',
                in: 'query',
                schema: { anyOf: [{ type: 'string', enum: ['true', 'false'] }, { type: 'boolean' }] },
              },
            ],
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/R' } } },
              },
              '524': { description: 'timeout' },
            },
          },
        },
      },
      components: {
        schemas: {
          Base: {
            type: 'object',
            required: ['usage', 'id'],
            properties: { id: { type: 'string' }, usage: { type: 'object', properties: { a: { type: 'integer' } } } },
          },
          R: {
            allOf: [
              { $ref: '#/components/schemas/Base' },
              { type: 'object', properties: { usage: { type: 'object', properties: { a: {}, b: {} } } } },
            ],
          },
          Tier: {
            type: 'string',
            anyOf: [
              { type: 'string', enum: ['a-b', '1:1'], 'x-enum-varnames': ['AB', 'Value1_1'] },
              { type: 'string' },
            ],
          },
        },
      },
    };
    const out = toOpenApi30(source);
    expect(out.info.license).toEqual({ name: 'MIT', url: 'https://spdx.org/licenses/MIT.html' });
    expect(out.paths['/x'].delete.parameters[0].schema).toEqual({ type: 'boolean' });
    expect(out.paths['/x'].delete.responses['524']['x-ms-error-response']).toBe(true);
    expect(out.paths['/x'].delete.responses['200']['x-ms-error-response']).toBeUndefined();
    // R redeclares Base's usage: Base is inlined without it (AutoRest: "duplicate property").
    expect(out.components.schemas.R.allOf[0]).toEqual({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string' } },
    });
    expect(out.components.schemas.Base.properties.usage).toBeDefined();
    expect(out.components.schemas.Tier.anyOf[0]['x-ms-enum']).toEqual({
      name: 'TierKnown',
      modelAsString: true,
      values: [
        { value: 'a-b', name: 'AB' },
        { value: '1:1', name: 'Value1_1' },
      ],
    });
    expect(source.components.schemas.R.allOf[0]).toEqual({ $ref: '#/components/schemas/Base' });
  });
});
