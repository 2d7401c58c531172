import { describe, expect, it } from 'vitest';
import type { Doc } from './support';

const { identifierNames, pascalIdentifier } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/steps/identifier-names.mjs', import.meta.url).href
)) as { identifierNames: (doc: Doc) => Record<string, string>; pascalIdentifier: (name: string) => string };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('pascalIdentifier', () => {
  it.each([
    ['ChatCompletionRequest', 'ChatCompletionRequest'],
    ['BYOKKey', 'ByokKey'],
    ['OpenAIResponsesUsage', 'OpenAiResponsesUsage'],
    ['Legacy_ChatContentVideo', 'LegacyChatContentVideo'],
    ['AdvisorServerTool_OpenRouter', 'AdvisorServerToolOpenRouter'],
    ['Preview_20250311_WebSearchServerTool', 'Preview20250311WebSearchServerTool'],
    ['JSONSchemaConfig', 'JsonSchemaConfig'],
  ])('%s -> %s', (name, identifier) => {
    expect(pascalIdentifier(name)).toBe(identifier);
  });
});

describe('identifierNames', () => {
  it('renames components and every reference: $ref, discriminator mapping, x-sse-data', () => {
    const doc: Doc = {
      paths: {
        '/a': {
          post: {
            responses: {
              '200': {
                content: {
                  'application/json': { schema: ref('BYOKKey') },
                  'text/event-stream': { schema: { type: 'string' }, 'x-sse-data': ref('Stream_Event') },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          BYOKKey: { type: 'object', properties: { kind: ref('Stream_Event') } },
          Stream_Event: {
            oneOf: [ref('BYOKKey')],
            discriminator: { propertyName: 'type', mapping: { key: '#/components/schemas/BYOKKey' } },
          },
          Fine: { type: 'string' },
        },
      },
    };
    expect(identifierNames(doc)).toEqual({ BYOKKey: 'ByokKey', Stream_Event: 'StreamEvent' });
    expect(Object.keys(doc.components.schemas)).toEqual(['ByokKey', 'StreamEvent', 'Fine']);
    const media = doc.paths['/a'].post.responses['200'].content;
    expect(media['application/json'].schema).toEqual(ref('ByokKey'));
    expect(media['text/event-stream']['x-sse-data']).toEqual(ref('StreamEvent'));
    expect(doc.components.schemas.ByokKey.properties.kind).toEqual(ref('StreamEvent'));
    expect(doc.components.schemas.StreamEvent.discriminator.mapping.key).toBe('#/components/schemas/ByokKey');
  });

  it('refuses two names that would become one identifier, even by case only, naming both', () => {
    const doc: Doc = { paths: {}, components: { schemas: { BYOKKey: {}, ByokKey: {} } } };
    expect(() => identifierNames(doc)).toThrow(/"BYOKKey" and "ByokKey" would both be named ByokKey/);
  });

  it('changes nothing when every name is already an identifier', () => {
    const doc: Doc = { paths: {}, components: { schemas: { A: {}, B: { items: ref('A') } } } };
    expect(identifierNames(doc)).toEqual({});
    expect(doc.components.schemas.B.items).toEqual(ref('A'));
  });
});
