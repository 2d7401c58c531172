// The API reference shows the generated types' doc comments: each must be the description's own
// text. For every named schema of openapi/openapi.yaml and each of its properties that has a
// `description`, that text (whitespace flattened) is in a doc comment of generated/types.gen.ts.
// KNOWN_GAPS are the generator's (@hey-api/openapi-ts) current misses, listed so a new one fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from './packed';

const KNOWN_GAPS: Record<string, string> = {
  // A schema that is a composition (allOf/anyOf) plus properties: the type gets no comment.
  ReasoningConfig: 'composition with properties: no comment on the type',
  ReasoningDetail: 'composition with properties: no comment on the type',
  ToolDefinition: 'composition with properties: no comment on the type',
  // `*/` inside a description is emitted as `*` ("anthropic/*" becomes "anthropic*").
  'AutoBetaRouterPlugin.allowed_models': '"*/" emitted as "*"',
  'AutoBetaRouterPlugin.excluded_models': '"*/" emitted as "*"',
  'AutoRouterPlugin.allowed_models': '"*/" emitted as "*"',
  'AutoRouterPlugin.excluded_models': '"*/" emitted as "*"',
  'CreateRerankRequest.documents': '"*/" emitted as "*"',
};

interface Schema {
  description?: unknown;
  properties?: Record<string, { description?: unknown } | undefined>;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const doc = parse(readFileSync(join(root, 'openapi', 'openapi.yaml'), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};
const generated = readFileSync(join(root, 'generated', 'types.gen.ts'), 'utf8');
const comments = [...generated.matchAll(/\/\*\*([\s\S]*?)\*\//g)]
  .map(([, body = '']) =>
    flat(
      body
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join(' '),
    ),
  )
  .join('\n');

const described: [where: string, text: string][] = Object.entries(doc.components.schemas).flatMap(([name, schema]) => [
  ...(typeof schema.description === 'string' ? [[name, schema.description] as [string, string]] : []),
  ...Object.entries(schema.properties ?? {}).flatMap(([property, sub]) =>
    typeof sub?.description === 'string' ? [[`${name}.${property}`, sub.description] as [string, string]] : [],
  ),
]);

describe('doc comments of the generated types come from the description', () => {
  it('covers the schemas and properties that have a description', () => {
    expect(described.length).toBeGreaterThan(1000);
    const missing = described
      .filter(([where, text]) => !(where in KNOWN_GAPS) && !comments.includes(flat(text)))
      .map(([where, text]) => `${where}: ${flat(text).slice(0, 100)}`);
    expect(missing).toEqual([]);
  });

  it('the known gaps are still gaps (remove an entry once the generator gets it right)', () => {
    const fixed = described.filter(([where, text]) => where in KNOWN_GAPS && comments.includes(flat(text)));
    expect(fixed.map(([where]) => where)).toEqual([]);
    const describedNames = new Set(described.map(([where]) => where));
    expect(Object.keys(KNOWN_GAPS).filter((where) => !describedNames.has(where))).toEqual([]);
  });
});
