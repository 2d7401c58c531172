import { describe, expect, it } from 'vitest';
import { type Doc, withOperation } from './support';
import { unusedComponents } from './support-steps';

const { removeUnusedComponents } = await unusedComponents();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `GET /things` answering with `schema`, beside the given component schemas. */
function answering(schema: Doc, components: Record<string, Doc>): Doc {
  return {
    ...withOperation({
      responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
    }),
    components: { schemas: components },
  };
}

const namesOf = (doc: Doc) => Object.keys(doc.components.schemas).sort();

describe('removeUnusedComponents', () => {
  it('keeps what an operation reaches through $ref, transitively, and removes the rest, returning their names', () => {
    const doc = answering(ref('List'), {
      List: { type: 'object', properties: { data: { type: 'array', items: ref('Item') } } },
      Item: { allOf: [ref('Base'), { properties: { price: { anyOf: [{ type: 'null' }, ref('Price')] } } }] },
      Base: { type: 'object' },
      Price: { type: 'string' },
      Orphan: { type: 'object', properties: { item: ref('Item') } },
      StreamWrapper: { type: 'object' },
    });
    expect(removeUnusedComponents(doc).sort()).toEqual(['Orphan', 'StreamWrapper']);
    expect(namesOf(doc)).toEqual(['Base', 'Item', 'List', 'Price']);
  });

  it("reaches the components a discriminator's mapping names", () => {
    const doc = answering(
      {
        oneOf: [ref('Text')],
        discriminator: {
          propertyName: 'type',
          mapping: { text: '#/components/schemas/Text', image: '#/components/schemas/Image' },
        },
      },
      { Text: { type: 'object' }, Image: { type: 'object' }, Audio: { type: 'object' } },
    );
    expect(removeUnusedComponents(doc)).toEqual(['Audio']);
    expect(namesOf(doc)).toEqual(['Image', 'Text']);
  });

  it("reaches the event schema a stream's `x-sse-data` links", () => {
    const doc: Doc = {
      ...withOperation(
        {
          responses: {
            '200': {
              description: 'ok',
              content: { 'text/event-stream': { 'x-sse-data': ref('ChatChunk'), schema: { type: 'string' } } },
            },
          },
        },
        'post',
        '/chat',
      ),
      components: { schemas: { ChatChunk: { type: 'object' }, ChatStreamingResponse: { type: 'object' } } },
    };
    expect(removeUnusedComponents(doc)).toEqual(['ChatStreamingResponse']);
    expect(namesOf(doc)).toEqual(['ChatChunk']);
  });

  it('ends on reference cycles, and removes a cycle nothing reaches', () => {
    const doc = answering(ref('Node'), {
      Node: { type: 'object', properties: { children: { type: 'array', items: ref('Node') }, peer: ref('Peer') } },
      Peer: { type: 'object', properties: { back: ref('Node') } },
      A: { properties: { b: ref('B') } },
      B: { properties: { a: ref('A') } },
    });
    expect(removeUnusedComponents(doc).sort()).toEqual(['A', 'B']);
    expect(namesOf(doc)).toEqual(['Node', 'Peer']);
  });

  it('keeps the `keep` names and what they reach, though no operation does', () => {
    const doc = answering(ref('Used'), {
      Used: { type: 'string' },
      Public: { type: 'object', properties: { part: ref('Part') } },
      Part: { type: 'string' },
      Unused: { type: 'string' },
    });
    expect(removeUnusedComponents(doc, ['Public'])).toEqual(['Unused']);
    expect(namesOf(doc)).toEqual(['Part', 'Public', 'Used']);
  });
});
