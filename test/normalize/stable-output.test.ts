import { describe, expect, it } from 'vitest';
import { type Doc, stableOutput } from './support';

const { stableOrder } = await stableOutput();

const keys = (value: Doc) => Object.keys(value);

function document(): Doc {
  return {
    'x-generator': 'test',
    components: {
      schemas: {
        Zeta: { type: 'string' },
        Alpha: {
          example: { name: 'a' },
          properties: {
            zoo: { type: 'string' },
            type: { type: 'string', enum: ['b', 'a'] },
            properties: { required: ['y', 'x'], type: 'object', description: 'a property named properties' },
            alpha: { description: 'first', $ref: '#/components/schemas/Zeta' },
          },
          'x-open-enum': false,
          required: ['zoo', 'alpha', 'type'],
          type: 'object',
          description: 'Alpha',
        },
      },
    },
    paths: {
      '/z': { get: { responses: {}, operationId: 'getZ' } },
      '/a': {
        post: {
          responses: {
            '404': { content: {}, description: 'Not found' },
            '200': {
              description: 'OK',
              content: {
                'text/plain': { schema: { type: 'string' } },
                'application/json': { schema: { type: 'object' } },
              },
            },
          },
          parameters: [
            { schema: { type: 'string' }, in: 'query', name: 'q' },
            { name: 'b', in: 'query' },
          ],
          summary: 'Make an a',
          operationId: 'createA',
          tags: ['A'],
        },
      },
    },
    info: { version: '1.0.0', title: 'API' },
    security: [{ bearer: [] }],
    servers: [{ url: 'https://example.com' }],
    openapi: '3.1.0',
  };
}

describe('stableOrder', () => {
  const ordered = stableOrder(document());

  it('puts document keys in reading order, unknown keys last', () => {
    expect(keys(ordered)).toEqual(['openapi', 'info', 'servers', 'security', 'paths', 'components', 'x-generator']);
    expect(keys(ordered.info)).toEqual(['title', 'version']);
  });

  it('puts operation and parameter keys in reading order, and keeps the parameters in theirs', () => {
    const post = ordered.paths['/a'].post;
    expect(keys(post)).toEqual(['tags', 'summary', 'operationId', 'parameters', 'responses']);
    expect(post.parameters.map((p: Doc) => p.name)).toEqual(['q', 'b']);
    expect(keys(post.parameters[0])).toEqual(['name', 'in', 'schema']);
    expect(keys(post.responses['404'])).toEqual(['description', 'content']);
  });

  it('puts schema keywords in reading order, extensions last', () => {
    expect(keys(ordered.components.schemas.Alpha)).toEqual([
      'description',
      'required',
      'type',
      'properties',
      'example',
      'x-open-enum',
    ]);
    expect(keys(ordered.components.schemas.Alpha.properties.alpha)).toEqual(['description', '$ref']);
  });

  it('sorts the maps keyed by name: paths, schemas, properties, responses, content', () => {
    expect(keys(ordered.paths)).toEqual(['/a', '/z']);
    expect(keys(ordered.components.schemas)).toEqual(['Alpha', 'Zeta']);
    expect(keys(ordered.components.schemas.Alpha.properties)).toEqual(['alpha', 'properties', 'type', 'zoo']);
    expect(keys(ordered.paths['/a'].post.responses)).toEqual(['200', '404']);
    expect(keys(ordered.paths['/a'].post.responses['200'].content)).toEqual(['application/json', 'text/plain']);
  });

  it('sees a property named "properties" as a schema, not as a map of properties', () => {
    const property = ordered.components.schemas.Alpha.properties.properties;
    expect(keys(property)).toEqual(['description', 'required', 'type']);
    expect(property.required).toEqual(['x', 'y']);
  });

  it('sorts `required` lists and keeps every other list (enum values) in its order', () => {
    expect(ordered.components.schemas.Alpha.required).toEqual(['alpha', 'type', 'zoo']);
    expect(ordered.components.schemas.Alpha.properties.type.enum).toEqual(['b', 'a']);
  });

  it('changes only the order: same content, and the input is left as it was', () => {
    const sortRequired = (value: Doc, key = ''): Doc => {
      if (Array.isArray(value)) return key === 'required' ? [...value].sort() : value.map((v) => sortRequired(v));
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortRequired(v, k)]));
    };
    const input = document();
    const output = stableOrder(input);
    expect(output).not.toBe(input);
    expect(JSON.stringify(input)).toBe(JSON.stringify(document()));
    expect(output).toEqual(sortRequired(document()));
  });

  it('is idempotent', () => {
    expect(JSON.stringify(stableOrder(ordered))).toBe(JSON.stringify(ordered));
  });

  it('gives the same output whatever order the input had', () => {
    const reversed = (value: Doc): Doc => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reversed(v)]),
      );
    };
    const shuffled = reversed(document());
    shuffled.components.schemas.Alpha.required.reverse();
    expect(JSON.stringify(stableOrder(shuffled))).toBe(JSON.stringify(ordered));
  });

  it('returns other values as they are', () => {
    expect(stableOrder('text')).toBe('text');
    expect(stableOrder(3)).toBe(3);
    expect(stableOrder(null)).toBe(null);
    expect(stableOrder([2, 1])).toEqual([2, 1]);
  });
});
