import { describe, expect, it } from 'vitest';
import { objectEnums, schemas, withOperation } from './support';

const { fixObjectEnums } = await objectEnums();

describe('fixObjectEnums', () => {
  it('unwraps `enum: [{ value: Router }, ...]` (page 003, ModelGroup) into plain values', () => {
    const doc = schemas({
      ModelGroup: { type: 'string', enum: [{ value: 'Router' }, { value: 'Media' }, { value: 'Other' }] },
    });
    expect(fixObjectEnums(doc)).toEqual(
      schemas({ ModelGroup: { type: 'string', enum: ['Router', 'Media', 'Other'] } }),
    );
  });

  it('fixes enums nested in properties, items and unions, and in operation parameters and bodies', () => {
    const doc = {
      ...schemas({
        Endpoint: {
          type: 'object',
          properties: {
            status: { type: 'integer', enum: [{ value: 0 }, { value: -1 }] },
            modalities: { type: 'array', items: { type: 'string', enum: [{ value: 'text' }, { value: 'image' }] } },
            quantization: { anyOf: [{ type: 'string', enum: [{ value: 'fp16' }] }, { type: 'null' }] },
          },
        },
      }),
      ...withOperation({
        parameters: [{ name: 'category', in: 'query', schema: { type: 'string', enum: [{ value: 'programming' }] } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'string', enum: [{ value: 'ok' }] } } },
          },
        },
      }),
    };
    const fixed = fixObjectEnums(doc);
    const properties = fixed.components.schemas.Endpoint.properties;
    expect(properties.status.enum).toEqual([0, -1]);
    expect(properties.modalities.items.enum).toEqual(['text', 'image']);
    expect(properties.quantization.anyOf[0].enum).toEqual(['fp16']);
    expect(fixed.paths['/things'].get.parameters[0].schema.enum).toEqual(['programming']);
    expect(fixed.paths['/things'].get.responses['200'].content['application/json'].schema.enum).toEqual(['ok']);
  });

  it('keeps `null` as a value and unwraps `{ value: null }`', () => {
    const doc = schemas({ A: { enum: [{ value: 'a' }, { value: null }, null] } });
    expect(fixObjectEnums(doc).components.schemas.A.enum).toEqual(['a', null, null]);
  });

  it('leaves plain values, typed literal entries (for fixLiteralEnums) and other objects alone', () => {
    const A = { enum: ['a', 1, true] };
    const B = { enum: [{ type: 'stringLiteral', value: 'text' }] };
    const C = { enum: [{ name: 'x' }] };
    const doc = schemas({ A: structuredClone(A), B: structuredClone(B), C: structuredClone(C) });
    expect(fixObjectEnums(doc)).toEqual(schemas({ A, B, C }));
  });

  it('changes the document in place and returns it', () => {
    const doc = schemas({ A: { enum: [{ value: 'x' }] } });
    expect(fixObjectEnums(doc)).toBe(doc);
    expect(doc.components.schemas.A.enum).toEqual(['x']);
  });
});
