import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document of any shape
type Doc = any;
// Through a variable: the step is plain JavaScript without a declaration file.
const stepFile = '../../scripts/normalize/steps/doc-links.mjs';
const { absoluteDocLinks } = (await import(stepFile)) as { absoluteDocLinks: (doc: Doc) => Doc };

const LINK = '[Management key](/docs/guides/overview/auth/management-api-keys) required.';
const ABSOLUTE = '[Management key](https://openrouter.ai/docs/guides/overview/auth/management-api-keys) required.';

describe('absoluteDocLinks', () => {
  it("makes a description's site-relative link absolute, in operations, parameters and schemas", () => {
    const doc = {
      paths: {
        '/activity': {
          get: {
            summary: `See ${LINK}`,
            description: `Returns activity. ${LINK}`,
            parameters: [{ name: 'date', in: 'query', description: LINK }],
          },
        },
      },
      components: { schemas: { Key: { type: 'object', properties: { hash: { type: 'string', description: LINK } } } } },
    };
    const fixed = absoluteDocLinks(doc);
    expect(fixed.paths['/activity'].get.summary).toBe(`See ${ABSOLUTE}`);
    expect(fixed.paths['/activity'].get.description).toBe(`Returns activity. ${ABSOLUTE}`);
    expect(fixed.paths['/activity'].get.parameters[0]?.description).toBe(ABSOLUTE);
    expect(fixed.components.schemas.Key.properties.hash.description).toBe(ABSOLUTE);
  });

  it('leaves absolute, protocol-relative and in-page links alone', () => {
    const text = '[a](https://x.example/p) [b](//cdn.example/x) [c](#section) [d](docs/relative)';
    expect(absoluteDocLinks({ info: { description: text } }).info.description).toBe(text);
  });

  it('leaves examples, defaults and a property named description (a schema, not text) alone', () => {
    const doc = {
      components: {
        schemas: {
          Preset: {
            type: 'object',
            properties: { description: { type: 'string', example: LINK, default: LINK } },
            example: { description: LINK },
          },
        },
      },
    };
    expect(absoluteDocLinks(structuredClone(doc))).toEqual(doc);
  });
});
