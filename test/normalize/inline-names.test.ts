import { describe, expect, it } from 'vitest';
import { schemas } from './support';
import { inlineNames } from './support-steps';

const { hoistInlineSchemas, renameSchemas } = await inlineNames();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const parts = { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } } } };

function messages() {
  return schemas({
    UserMessage: {
      type: 'object',
      properties: {
        role: { type: 'string' },
        content: { description: 'What the user says', anyOf: [{ type: 'string' }, structuredClone(parts)] },
      },
    },
  });
}

describe('hoistInlineSchemas', () => {
  it('names the schema at a place; its description stays at the place, beside the $ref', () => {
    const doc = hoistInlineSchemas(messages(), { 'UserMessage.properties.content': 'UserMessageContent' });
    expect(doc.components.schemas).toEqual({
      UserMessage: {
        type: 'object',
        properties: {
          role: { type: 'string' },
          content: { description: 'What the user says', $ref: '#/components/schemas/UserMessageContent' },
        },
      },
      UserMessageContent: { anyOf: [{ type: 'string' }, parts] },
    });
  });

  it('applies the places in order, so a later one may point inside a schema an earlier one named', () => {
    const doc = hoistInlineSchemas(messages(), {
      'UserMessage.properties.content': 'UserMessageContent',
      'UserMessageContent.anyOf.1': 'UserMessageContentParts',
    });
    expect(doc.components.schemas.UserMessageContent).toEqual({
      anyOf: [{ type: 'string' }, ref('UserMessageContentParts')],
    });
    expect(doc.components.schemas.UserMessageContentParts).toEqual(parts);
  });

  it('leaves a place that already holds a bare $ref alone', () => {
    const doc = schemas({ A: { properties: { b: ref('B') } }, B: { type: 'string' } });
    const before = structuredClone(doc);
    expect(hoistInlineSchemas(doc, { 'A.properties.b': 'Renamed' })).toEqual(before);
  });

  it('accepts a name already given to an identical schema, and points the place at it', () => {
    const doc = schemas({
      A: { properties: { b: { type: 'string', minLength: 1 } } },
      Label: { type: 'string', minLength: 1 },
    });
    hoistInlineSchemas(doc, { 'A.properties.b': 'Label' });
    expect(doc.components.schemas.A.properties.b).toEqual(ref('Label'));
    expect(doc.components.schemas.Label).toEqual({ type: 'string', minLength: 1 });
  });

  it.each([
    ['Missing.properties.content'],
    ['UserMessage.properties.name'],
    ['UserMessage.properties.content.anyOf.5'],
    ['UserMessage.properties.role.type'],
    ['UserMessage'],
  ])('refuses a place that holds no schema: %s', (place) => {
    expect(() => hoistInlineSchemas(messages(), { [place]: 'Name' }, 'published 2026-08-22')).toThrow(
      new RegExp(
        `^published 2026-08-22: names\\.yaml publishedInline "${place.replaceAll('.', '\\.')}" points at nothing`,
      ),
    );
  });

  it('refuses a name another schema already has', () => {
    const doc = messages();
    doc.components.schemas.UserMessageContent = { type: 'string' };
    expect(() => hoistInlineSchemas(doc, { 'UserMessage.properties.content': 'UserMessageContent' })).toThrow(
      /^document: names\.yaml publishedInline "UserMessage\.properties\.content" -> UserMessageContent: the name is taken by another schema/,
    );
  });
});

describe('renameSchemas: discriminator mappings', () => {
  it("rewrites a discriminator's mapping values with the new names, and leaves unmapped ones", () => {
    const doc = schemas({
      Part: {
        oneOf: [ref('text_part'), ref('Image')],
        discriminator: {
          propertyName: 'type',
          mapping: { text: '#/components/schemas/text_part', image: '#/components/schemas/Image' },
        },
      },
      text_part: { type: 'object' },
      Image: { type: 'object' },
    });
    renameSchemas(doc, { text_part: 'TextPart' });
    expect(doc.components.schemas.Part).toEqual({
      oneOf: [ref('TextPart'), ref('Image')],
      discriminator: {
        propertyName: 'type',
        mapping: { text: '#/components/schemas/TextPart', image: '#/components/schemas/Image' },
      },
    });
    expect(Object.keys(doc.components.schemas)).toEqual(['Part', 'TextPart', 'Image']);
  });

  it('lets two places holding the same described schema share one name', () => {
    const content = { description: 'Text or parts', anyOf: [{ type: 'string' }, { type: 'array' }] };
    const doc = schemas({
      SystemMessage: { properties: { content: structuredClone(content) } },
      DeveloperMessage: { properties: { content: structuredClone(content) } },
    });
    hoistInlineSchemas(doc, {
      'SystemMessage.properties.content': 'MessageContent',
      'DeveloperMessage.properties.content': 'MessageContent',
    });
    expect(doc.components.schemas.DeveloperMessage.properties.content).toEqual({
      description: 'Text or parts',
      ...ref('MessageContent'),
    });
  });
});
