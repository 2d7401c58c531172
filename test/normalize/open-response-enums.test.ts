import { describe, expect, it } from 'vitest';
import type { Doc } from './support';

// Loaded like the other steps (see support.ts): plain ESM without type declarations.
const { openResponseEnums } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/steps/open-response-enums.mjs', import.meta.url).href
)) as { openResponseEnums: (doc: Doc) => string[] };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A document with one GET answering `answer`, one POST taking `request`, and these components. */
function doc(schemas: Doc, answer: Doc = ref('Answer'), request: Doc = ref('Request')): Doc {
  return {
    paths: {
      '/a': {
        get: { responses: { '200': { content: { 'application/json': { schema: answer } } } } },
        post: {
          requestBody: { content: { 'application/json': { schema: request } } },
          responses: { '204': { description: 'none' } },
        },
      },
    },
    components: { schemas },
  };
}

describe('openResponseEnums', () => {
  it('marks string enums reached from a response open, through $ref, properties and items', () => {
    const d = doc({
      Answer: {
        type: 'object',
        properties: { status: ref('Status'), tags: { type: 'array', items: { enum: ['x', 'y'] } } },
      },
      Status: { type: 'string', enum: ['queued', 'done'] },
      Request: { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'] } } },
    });
    const marked = openResponseEnums(d);
    expect(d.components.schemas.Status['x-open-enum']).toBe(true);
    expect(d.components.schemas.Answer.properties.tags.items['x-open-enum']).toBe(true);
    expect(marked.sort()).toEqual(['Answer.properties.tags.items', 'Status']);
  });

  it('leaves request-only enums closed, so a typo there is still caught', () => {
    const d = doc({
      Answer: { type: 'object' },
      Request: { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'] } } },
    });
    openResponseEnums(d);
    expect(d.components.schemas.Request.properties.mode['x-open-enum']).toBeUndefined();
  });

  it('leaves the tags of discriminated unions exact, and single values (consts) alone', () => {
    const d = doc({
      Answer: {
        oneOf: [ref('Cat'), ref('Dog')],
        discriminator: {
          propertyName: 'kind',
          mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
        },
      },
      Cat: {
        type: 'object',
        properties: { kind: { type: 'string', enum: ['cat', 'kitten'] }, mood: { enum: ['calm', 'wild'] } },
      },
      Dog: { type: 'object', properties: { kind: { type: 'string', enum: ['dog'] } } },
      Request: { type: 'object' },
    });
    openResponseEnums(d);
    expect(d.components.schemas.Cat.properties.kind['x-open-enum']).toBeUndefined();
    expect(d.components.schemas.Dog.properties.kind['x-open-enum']).toBeUndefined();
    expect(d.components.schemas.Cat.properties.mood['x-open-enum']).toBe(true);
  });

  it('reaches stream events through x-sse-data, and ignores enums that only appear in examples', () => {
    const d = doc(
      { Event: { type: 'object', properties: { phase: { enum: ['start', 'end'] } } }, Request: {} },
      { type: 'string' },
    );
    d.paths['/a'].get.responses['200'].content['text/event-stream'] = {
      schema: { type: 'string' },
      'x-sse-data': ref('Event'),
    };
    d.paths['/a'].get.responses['200'].content['application/json'].example = { enum: ['p', 'q'] };
    expect(openResponseEnums(d)).toEqual(['Event.properties.phase']);
  });

  it('keeps enums of non-strings and nullable ones right: numbers untouched, null not counted as a value', () => {
    const d = doc({
      Answer: {
        type: 'object',
        properties: {
          code: { enum: [1, 2] },
          tier: { type: ['string', 'null'], enum: ['a', 'b', null] },
          one: { enum: ['x', null] },
        },
      },
      Request: {},
    });
    openResponseEnums(d);
    const p = d.components.schemas.Answer.properties;
    expect(p.code['x-open-enum']).toBeUndefined();
    expect(p.tier['x-open-enum']).toBe(true);
    expect(p.one['x-open-enum']).toBeUndefined();
  });
});
