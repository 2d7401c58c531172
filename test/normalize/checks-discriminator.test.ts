import { describe, expect, it } from 'vitest';
import { checks, type Doc } from './support';

const { checkDocument } = await checks();

/** A normalized document whose one answer is a union with a discriminator mapping `mapping`. */
function withMapping(mapping: Record<string, string>): Doc {
  return {
    openapi: '3.1.0',
    paths: {
      '/parts': {
        get: {
          operationId: 'listParts',
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Part' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Part: {
          oneOf: [{ $ref: '#/components/schemas/TextPart' }],
          discriminator: { propertyName: 'type', mapping },
        },
        TextPart: { type: 'object' },
      },
    },
  };
}

describe('checkDocument: discriminator mappings', () => {
  it('accepts a mapping whose every value names a component', () => {
    expect(() => checkDocument(withMapping({ text: '#/components/schemas/TextPart' }))).not.toThrow();
  });

  it('reports a mapping value that resolves to nothing, with where and which value', () => {
    const doc = withMapping({ text: '#/components/schemas/TextPart', image: '#/components/schemas/ImagePart' });
    expect(() => checkDocument(doc)).toThrow(
      /^the normalized document is not right:\n- components\.schemas\.Part: discriminator mapping image -> #\/components\/schemas\/ImagePart resolves to nothing$/,
    );
  });

  it('reports a mapping in an operation schema too', () => {
    const doc = withMapping({ text: '#/components/schemas/TextPart' });
    doc.paths['/parts'].get.responses['200'].content['application/json'].schema = {
      oneOf: [{ $ref: '#/components/schemas/TextPart' }],
      discriminator: { propertyName: 'type', mapping: { old: '#/components/schemas/OldPart' } },
    };
    expect(() => checkDocument(doc)).toThrow(
      /paths\.\/parts\.get\.responses\.200\.content\.application\/json\.schema: discriminator mapping old -> #\/components\/schemas\/OldPart resolves to nothing/,
    );
  });
});
