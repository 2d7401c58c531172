import { describe, expect, it } from 'vitest';
import { type Doc, withOperation } from './support';
import { invalidExamples } from './support-steps';

const { removeInvalidExamples } = await invalidExamples();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const Key = {
  type: 'object',
  required: ['label'],
  properties: { label: { type: 'string' }, limit: { type: ['number', 'null'] } },
};

describe('removeInvalidExamples', () => {
  it('removes a component example that contradicts its schema, and names it with the reason', () => {
    const doc: Doc = {
      components: {
        schemas: {
          Key: { ...Key, example: { limit: 1 } },
          Good: { ...Key, example: { label: 'a', limit: null } },
        },
      },
    };
    expect(removeInvalidExamples(doc)).toEqual([
      "components.schemas.Key.example: (root) must have required property 'label'",
    ]);
    expect(doc.components.schemas.Key).not.toHaveProperty('example');
    expect(doc.components.schemas.Good.example).toEqual({ label: 'a', limit: null });
  });

  it('checks through $ref, including references between components', () => {
    const doc: Doc = {
      components: {
        schemas: {
          Key,
          KeyList: { type: 'array', items: ref('Key'), example: [{ label: 'a' }, { label: 2 }] },
        },
      },
    };
    expect(removeInvalidExamples(doc)).toEqual(['components.schemas.KeyList.example: /1/label must be string']);
  });

  it("removes parameter examples, its schema's and its own, that contradict the parameter's schema", () => {
    const doc: Doc = withOperation({
      parameters: [
        { name: 'offset', in: 'query', schema: { type: 'integer', example: 'ten' } },
        { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 1.5 },
        { name: 'page', in: 'query', schema: { type: 'integer' }, example: 2 },
      ],
    });
    expect(removeInvalidExamples(doc)).toEqual([
      'GET /things parameters[0] (offset) schema.example: (root) must be integer',
      'GET /things parameters[1] (limit) example: (root) must be integer',
    ]);
    const [offset, limit, page] = doc.paths['/things'].get.parameters;
    expect(offset.schema).not.toHaveProperty('example');
    expect(limit).not.toHaveProperty('example');
    expect(page.example).toBe(2);
  });

  it('removes request and response media examples, and leaves valid ones', () => {
    const doc: Doc = {
      ...withOperation(
        {
          requestBody: { content: { 'application/json': { schema: ref('Key'), example: { label: 3 } } } },
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: ref('Key'), example: {} } } },
            '400': {
              description: 'bad',
              content: { 'application/json': { schema: { type: 'object' }, example: { error: 'x' } } },
            },
          },
        },
        'post',
        '/keys',
      ),
      components: { schemas: { Key } },
    };
    expect(removeInvalidExamples(doc)).toEqual([
      'POST /keys request application/json example: /label must be string',
      "POST /keys 200 application/json example: (root) must have required property 'label'",
    ]);
    const op = doc.paths['/keys'].post;
    expect(op.requestBody.content['application/json']).not.toHaveProperty('example');
    expect(op.responses['200'].content['application/json']).not.toHaveProperty('example');
    expect(op.responses['400'].content['application/json'].example).toEqual({ error: 'x' });
  });

  it('skips `text/event-stream` examples (an SSE text, not an instance of the schema)', () => {
    const doc: Doc = withOperation({
      responses: {
        '200': {
          description: 'ok',
          content: { 'text/event-stream': { schema: { type: 'object' }, example: 'data: {}\n\n' } },
        },
      },
    });
    expect(removeInvalidExamples(doc)).toEqual([]);
    expect(doc.paths['/things'].get.responses['200'].content['text/event-stream'].example).toBe('data: {}\n\n');
  });

  it('keeps an example whose schema cannot be compiled (nothing proves it wrong)', () => {
    const doc: Doc = {
      components: { schemas: { Broken: { type: 'object', properties: { a: ref('Missing') }, example: { a: 1 } } } },
    };
    expect(removeInvalidExamples(doc)).toEqual([]);
    expect(doc.components.schemas.Broken.example).toEqual({ a: 1 });
  });
});
