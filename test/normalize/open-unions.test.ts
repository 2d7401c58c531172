import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Doc } from './support';

// Loaded like the other steps (see support.ts): plain ESM without type declarations.
const { openUnions } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/steps/open-unions.mjs', import.meta.url).href
)) as { openUnions: (doc: Doc) => { at: string; property: string; tags: string[] }[] };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const tagged = (tag: string, extra: Doc = {}) => ({
  type: 'object',
  required: ['type', ...Object.keys(extra)],
  properties: { type: { type: 'string', const: tag }, ...extra },
});

/** GET /a answers Answer, POST /a takes Request. */
function doc(schemas: Doc): Doc {
  return {
    paths: {
      '/a': {
        get: { responses: { '200': { content: { 'application/json': { schema: ref('Answer') } } } } },
        post: { requestBody: { content: { 'application/json': { schema: ref('Request') } } }, responses: {} },
      },
    },
    components: { schemas },
  };
}

function validator(d: Doc, name: string) {
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: 'doc', components: d.components });
  return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
}

describe('openUnions', () => {
  const schemas = (): Doc => ({
    Answer: { type: 'object', properties: { items: { type: 'array', items: ref('Item') } } },
    Item: {
      oneOf: [ref('Text'), ref('Image')],
      discriminator: { propertyName: 'type', mapping: { text: '#/components/schemas/Text' } },
    },
    Text: tagged('text', { text: { type: 'string' } }),
    Image: { allOf: [{ type: 'object' }, tagged('image', { url: { type: 'string' } })] },
    Request: { type: 'object', properties: { mode: { oneOf: [tagged('a'), tagged('b')] } } },
  });

  it('adds a member for unknown tags to a tagged union reached from an answer, through $ref and allOf', () => {
    const d = doc(schemas());
    const opened = openUnions(d);
    expect(opened).toEqual([{ at: 'Item', property: 'type', tags: ['text', 'image'] }]);
    const unknown = d.components.schemas.Item.oneOf[2];
    expect(unknown.properties.type).toEqual({ type: 'string', not: { enum: ['image', 'text'] } });
    expect(unknown['x-unknown-member']).toBe('type');
    expect(d.components.schemas.Item.discriminator.propertyName).toBe('type');
  });

  it('accepts an unknown tag with any fields, still rejects a known tag with a wrong shape', () => {
    const d = doc(schemas());
    const before = validator(doc(schemas()), 'Item');
    openUnions(d);
    const validate = validator(d, 'Item');
    const unknownKind = { type: 'video', seconds: 3 };
    expect(before(unknownKind)).toBe(false);
    expect(validate(unknownKind)).toBe(true);
    expect(validate({ type: 'text', text: 'hi' })).toBe(true);
    expect(validate({ type: 'text', text: 5 })).toBe(false);
    expect(validate({ type: 'image' })).toBe(false);
    expect(validate({ kind: 'x' })).toBe(false);
  });

  it('leaves request-only unions closed, and unions without one distinct tag per member', () => {
    const s = schemas();
    s.Answer.properties.loose = { anyOf: [tagged('x'), { type: 'object' }] };
    s.Answer.properties.twice = { oneOf: [tagged('x'), tagged('x', { y: { type: 'string' } })] };
    const d = doc(s);
    openUnions(d);
    expect(d.components.schemas.Request.properties.mode.oneOf).toHaveLength(2);
    expect(d.components.schemas.Answer.properties.loose.anyOf).toHaveLength(2);
    expect(d.components.schemas.Answer.properties.twice.oneOf).toHaveLength(2);
  });

  it('uses the discriminator property, ignores a null member, and runs once', () => {
    const s = schemas();
    s.Answer.properties.kind = {
      anyOf: [
        { type: 'object', properties: { kind: { enum: ['p'] } } },
        { type: 'object', properties: { kind: { enum: ['q'] } } },
        { type: 'null' },
      ],
      discriminator: { propertyName: 'kind' },
    };
    const d = doc(s);
    openUnions(d);
    expect(openUnions(d)).toEqual([]);
    const members = d.components.schemas.Answer.properties.kind.anyOf;
    expect(members).toHaveLength(4);
    expect(members[3].properties.kind.not.enum).toEqual(['p', 'q']);
  });
});
