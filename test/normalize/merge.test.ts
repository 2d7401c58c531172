import { describe, expect, it } from 'vitest';
import { type Doc, merge, schemas } from './support';

const { Merger } = await merge();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullableRef = (name: string) => ({ anyOf: [ref(name), { type: 'null' }] });

/** Merges the pages in order (most authoritative first), as the pipeline does. */
function mergePages(...pages: Doc[]) {
  const merger = new Merger();
  pages.forEach((page, i) => {
    merger.add(page, `page-${i + 1}`);
  });
  return merger;
}

describe('Merger: components', () => {
  it('takes a component described by one page as it is', () => {
    const A = { type: 'object', properties: { a: { type: 'string' } } };
    const merger = mergePages(schemas({ A }));
    expect(merger.doc.components.schemas).toEqual({ A });
    expect(merger.conflicts).toEqual([]);
  });

  it('unions the properties two pages give one component, merging the shared ones', () => {
    const merger = mergePages(
      schemas({
        A: { type: 'object', properties: { a: { type: 'string', description: 'first' }, b: { type: 'integer' } } },
      }),
      schemas({ A: { type: 'object', properties: { a: { type: 'string', format: 'uri' }, c: { type: 'boolean' } } } }),
    );
    expect(merger.doc.components.schemas.A).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', description: 'first', format: 'uri' },
        b: { type: 'integer' },
        c: { type: 'boolean' },
      },
    });
    expect(merger.conflicts).toEqual([]);
  });

  it("unions enums: the first page's values in its order, then the values only later pages have", () => {
    const merger = mergePages(
      schemas({ ProviderName: { type: 'string', enum: ['OpenAI', 'Anthropic', 'Google'] } }),
      schemas({ ProviderName: { type: 'string', enum: ['Mistral', 'Google', 'OpenAI', 'DeepSeek'] } }),
    );
    expect(merger.doc.components.schemas.ProviderName.enum).toEqual([
      'OpenAI',
      'Anthropic',
      'Google',
      'Mistral',
      'DeepSeek',
    ]);
    expect(merger.conflicts).toEqual([]);
  });

  it('unions nullability: a field any page says may be null is typed so', () => {
    const merger = mergePages(
      schemas({ A: { type: 'object', properties: { x: { type: 'integer' }, y: { type: ['integer', 'null'] } } } }),
      schemas({ A: { type: 'object', properties: { x: { type: ['integer', 'null'] }, y: { type: 'integer' } } } }),
    );
    expect(merger.doc.components.schemas.A.properties).toEqual({
      x: { type: ['integer', 'null'] },
      y: { type: ['integer', 'null'] },
    });
    expect(merger.conflicts).toEqual([]);
  });

  it('keeps the wording of the more authoritative page without calling it a contradiction', () => {
    const merger = mergePages(
      schemas({ A: { type: 'string', description: 'first', title: 'A', example: 'a' } }),
      schemas({ A: { type: 'string', description: 'second', title: 'B', example: 'b' } }),
    );
    expect(merger.doc.components.schemas.A).toEqual({ type: 'string', description: 'first', title: 'A', example: 'a' });
    expect(merger.conflicts).toEqual([]);
  });

  it('merges an inline description into the component a reference names; the reference stays', () => {
    const merger = mergePages(
      schemas({
        Model: { type: 'object', properties: { pricing: ref('Pricing') } },
        Pricing: { type: 'object', properties: { prompt: { type: 'string' } } },
      }),
      schemas({
        Model: {
          type: 'object',
          properties: {
            pricing: { type: 'object', description: 'Prices in USD', properties: { completion: { type: 'string' } } },
          },
        },
      }),
    );
    expect(merger.doc.components.schemas).toEqual({
      Model: {
        type: 'object',
        properties: { pricing: { $ref: '#/components/schemas/Pricing', description: 'Prices in USD' } },
      },
      Pricing: { type: 'object', properties: { prompt: { type: 'string' }, completion: { type: 'string' } } },
    });
    expect(merger.conflicts).toEqual([]);
  });

  it('makes the reference nullable when the inline description admits null (not the component)', () => {
    const merger = mergePages(
      schemas({
        Endpoint: {
          type: 'object',
          properties: { quantization: { type: ['string', 'null'], description: 'Model quantization' } },
        },
      }),
      schemas({
        Endpoint: { type: 'object', properties: { quantization: ref('Quantization') } },
        Quantization: { type: 'string', enum: ['fp16'] },
      }),
    );
    const { Endpoint, Quantization } = merger.doc.components.schemas;
    expect(Endpoint.properties.quantization).toEqual({
      description: 'Model quantization',
      ...nullableRef('Quantization'),
    });
    expect(Quantization).toEqual({ type: 'string', enum: ['fp16'] });
    expect(merger.conflicts).toEqual([]);
  });

  it('sees `$ref` and `anyOf: [$ref, null]` as one shape: nullable if either page says so', () => {
    const merger = mergePages(
      schemas({ A: { type: 'object', properties: { x: ref('X'), y: { description: 'the y', ...nullableRef('Y') } } } }),
      schemas({ A: { type: 'object', properties: { x: { description: 'the x', ...nullableRef('X') }, y: ref('Y') } } }),
    );
    expect(merger.doc.components.schemas.A.properties).toEqual({
      x: { description: 'the x', anyOf: [ref('X'), { type: 'null' }] },
      y: { description: 'the y', anyOf: [ref('Y'), { type: 'null' }] },
    });
    expect(merger.conflicts).toEqual([]);
  });

  it('simplifies `allOf: [$ref, restatement]`: annotations stay by the $ref, structure goes into the component', () => {
    const merger = mergePages(
      schemas({
        ModelArchitecture: { type: 'object', properties: { modality: { type: 'string' } }, required: ['modality'] },
        Model: {
          type: 'object',
          properties: {
            architecture: {
              allOf: [
                ref('ModelArchitecture'),
                {
                  description: 'Model architecture information',
                  example: { modality: 'text->text' },
                  properties: { tokenizer: { type: 'string' } },
                },
              ],
            },
          },
        },
      }),
    );
    expect(merger.doc.components.schemas).toEqual({
      ModelArchitecture: {
        type: 'object',
        properties: { modality: { type: 'string' }, tokenizer: { type: 'string' } },
        required: ['modality'],
      },
      Model: {
        type: 'object',
        properties: {
          architecture: {
            $ref: '#/components/schemas/ModelArchitecture',
            description: 'Model architecture information',
          },
        },
      },
    });
  });

  it('simplifies restatements in operations too', () => {
    const merger = mergePages({
      paths: {
        '/m': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': { schema: { allOf: [ref('M'), { description: 'The model', required: ['id'] }] } },
                },
              },
            },
          },
        },
      },
      components: { schemas: { M: { type: 'object', properties: { id: { type: 'string' } } } } },
    });
    expect(merger.doc.paths['/m'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/M',
      description: 'The model',
    });
    expect(merger.doc.components.schemas.M).toEqual({
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
    });
  });

  it('records each contradiction in `conflicts`: the first page wins, both values and pages are named', () => {
    const merger = mergePages(
      schemas({
        A: {
          type: 'object',
          properties: { created: { type: 'integer' }, n: { type: 'number', minimum: 0 } },
          required: ['created', 'n'],
        },
      }),
      schemas({
        A: {
          type: 'object',
          properties: { created: { type: 'number' }, n: { type: 'number', minimum: 1 } },
          required: ['created'],
        },
      }),
    );
    expect(merger.doc.components.schemas.A).toEqual({
      type: 'object',
      properties: { created: { type: 'integer' }, n: { type: 'number', minimum: 0 } },
      required: ['created', 'n'],
    });
    expect(merger.conflicts).toEqual([
      {
        at: 'components.schemas.A.properties.created.type',
        kept: 'integer',
        dropped: 'number',
        keptFrom: 'page-1',
        droppedFrom: 'page-2',
      },
      {
        at: 'components.schemas.A.properties.n.minimum',
        kept: 0,
        dropped: 1,
        keptFrom: 'page-1',
        droppedFrom: 'page-2',
      },
      {
        at: 'components.schemas.A.required',
        kept: ['created', 'n'],
        dropped: ['created'],
        keptFrom: 'page-1',
        droppedFrom: 'page-2',
      },
    ]);
  });

  it('does not count `required` in another order as a contradiction', () => {
    const merger = mergePages(schemas({ A: { required: ['a', 'b'] } }), schemas({ A: { required: ['b', 'a'] } }));
    expect(merger.doc.components.schemas.A.required).toEqual(['a', 'b']);
    expect(merger.conflicts).toEqual([]);
  });

  it('records references to two different components, and a union against an inline one, as contradictions', () => {
    const merger = mergePages(
      schemas({ A: { type: 'object', properties: { x: ref('X'), y: ref('Y') } } }),
      schemas({
        A: { type: 'object', properties: { x: ref('Z'), y: { oneOf: [{ type: 'string' }, { type: 'number' }] } } },
      }),
    );
    expect(merger.doc.components.schemas.A.properties).toEqual({ x: ref('X'), y: ref('Y') });
    expect(merger.conflicts.map((c) => [c.at, c.kept, c.dropped])).toEqual([
      ['components.schemas.A.properties.x', ref('X'), ref('Z')],
      ['components.schemas.A.properties.y', ref('Y'), { oneOf: [{ type: 'string' }, { type: 'number' }] }],
    ]);
  });

  it('accepts a plain type a union already has among its branches, and records one it lacks', () => {
    const union = { oneOf: [{ type: 'number' }, { type: 'string' }] };
    const merger = mergePages(
      schemas({ Price: structuredClone(union), Other: structuredClone(union) }),
      schemas({ Price: { type: 'string', description: 'price' }, Other: { type: 'boolean' } }),
    );
    expect(merger.doc.components.schemas.Price).toEqual({ ...union, description: 'price' });
    expect(merger.doc.components.schemas.Other).toEqual(union);
    expect(merger.conflicts).toEqual([
      {
        at: 'components.schemas.Other.type',
        kept: union.oneOf,
        dropped: 'boolean',
        keptFrom: 'page-1',
        droppedFrom: 'page-2',
      },
    ]);
  });

  it('keeps conflicts as they were when met, whatever later changes the merged document', () => {
    const merger = mergePages(schemas({ A: { required: ['a', 'b', 'c'] } }), schemas({ A: { required: ['a'] } }));
    expect(merger.conflicts).toHaveLength(1);
    // An overlay removing required entries works on the merged document, in place.
    merger.doc.components.schemas.A.required.splice(1, 2);
    expect(merger.conflicts[0]?.kept).toEqual(['a', 'b', 'c']);
    expect(merger.conflicts[0]?.dropped).toEqual(['a']);
  });

  it('mergeSchema called directly names no page for what it keeps', () => {
    const merger = new Merger();
    merger.page = 'page-9';
    expect(merger.mergeSchema({ type: 'string' }, { type: 'integer' }, 'somewhere')).toEqual({ type: 'string' });
    expect(merger.conflicts).toEqual([
      { at: 'somewhere.type', kept: 'string', dropped: 'integer', keptFrom: 'an earlier page', droppedFrom: 'page-9' },
    ]);
  });
});

describe('Merger: operations', () => {
  const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };

  it('merges parameters by in and name: the first page wins, the later one adds what it lacks', () => {
    const merger = mergePages(
      { paths: { '/m/{slug}': { get: { operationId: 'getModel', parameters: [slug] } } } },
      {
        paths: {
          '/m/{slug}': {
            get: {
              operationId: 'getModel',
              parameters: [
                {
                  name: 'slug',
                  in: 'path',
                  required: true,
                  description: 'The model slug',
                  schema: { type: 'string', example: 'gpt-4' },
                },
                { name: 'slug', in: 'query', schema: { type: 'string' } },
                { name: 'category', in: 'query', schema: { type: 'string' } },
              ],
            },
          },
        },
      },
    );
    expect(merger.doc.paths['/m/{slug}'].get.parameters).toEqual([
      {
        name: 'slug',
        in: 'path',
        required: true,
        description: 'The model slug',
        schema: { type: 'string', example: 'gpt-4' },
      },
      { name: 'slug', in: 'query', schema: { type: 'string' } },
      { name: 'category', in: 'query', schema: { type: 'string' } },
    ]);
    expect(merger.conflicts).toEqual([]);
  });

  it('merges responses by status, and the schemas of a shared status and media type', () => {
    const json = (schema: Doc) => ({ 'application/json': { schema } });
    const merger = mergePages(
      {
        paths: {
          '/k': {
            get: {
              responses: {
                '200': { description: 'OK', content: json({ type: 'object', properties: { a: { type: 'string' } } }) },
                '500': { description: 'Server error', content: json(ref('ErrorResponse')) },
              },
            },
          },
        },
      },
      {
        paths: {
          '/k': {
            get: {
              responses: {
                '200': {
                  description: 'Success',
                  content: json({ type: 'object', properties: { b: { type: 'string' } } }),
                },
                '404': { description: 'Not found', content: json(ref('ErrorResponse')) },
              },
            },
          },
        },
      },
    );
    expect(merger.doc.paths['/k'].get.responses).toEqual({
      '200': {
        description: 'OK',
        content: json({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } }),
      },
      '500': { description: 'Server error', content: json(ref('ErrorResponse')) },
      '404': { description: 'Not found', content: json(ref('ErrorResponse')) },
    });
  });

  it('records differing operation fields (not tags), keeps the first request body, and adds what is missing', () => {
    const merger = mergePages(
      {
        paths: {
          '/e': {
            get: {
              summary: 'List all endpoints for a model',
              tags: ['Endpoints'],
              requestBody: { content: { 'application/json': { schema: ref('A') } } },
            },
          },
        },
      },
      {
        paths: {
          '/e': {
            get: {
              summary: 'List endpoints for a model',
              description: 'More words',
              tags: ['Models'],
              requestBody: { content: { 'application/json': { schema: ref('B') } } },
            },
            post: { summary: 'New' },
          },
        },
      },
    );
    expect(merger.doc.paths['/e']).toEqual({
      get: {
        summary: 'List all endpoints for a model',
        tags: ['Endpoints'],
        requestBody: { content: { 'application/json': { schema: ref('A') } } },
        description: 'More words',
      },
      post: { summary: 'New' },
    });
    expect(merger.conflicts).toEqual([
      {
        at: 'GET /e summary',
        kept: 'List all endpoints for a model',
        dropped: 'List endpoints for a model',
        keptFrom: 'page-1',
        droppedFrom: 'page-2',
      },
    ]);
  });

  it('does not change the pages it merges', () => {
    const page = schemas({
      A: { type: 'object', properties: { a: { allOf: [ref('B'), { properties: { x: { type: 'string' } } }] } } },
    });
    const before = structuredClone(page);
    mergePages(page, schemas({ A: { type: 'object', properties: { b: { type: 'string' } } } }));
    expect(page).toEqual(before);
  });
});
