import { describe, expect, it } from 'vitest';
import type { Doc } from './support';

// Loaded like the other steps (see support.ts): plain ESM without type declarations.
const { splitAnswerSchemas } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/steps/answer-schemas.mjs', import.meta.url).href
)) as { splitAnswerSchemas: (doc: Doc, names?: Record<string, string>, problems?: Doc) => [string, string][] };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** POST /chat takes Request and answers Answer; Message is shared by both. */
function doc(extra: Doc = {}): Doc {
  return {
    paths: {
      '/chat': {
        post: {
          requestBody: { content: { 'application/json': { schema: ref('Request') } } },
          responses: {
            '200': {
              content: {
                'application/json': { schema: ref('Answer') },
                'text/event-stream': { schema: { type: 'string' }, 'x-sse-data': ref('Chunk') },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Request: { type: 'object', properties: { messages: { type: 'array', items: ref('Message') } } },
        Answer: { type: 'object', properties: { choices: { type: 'array', items: ref('Choice') } } },
        Choice: { type: 'object', properties: { message: ref('Message') } },
        Chunk: { type: 'object', properties: { last: ref('Message') } },
        Message: {
          type: 'object',
          required: ['role'],
          properties: {
            role: { type: 'string' },
            content: { anyOf: [{ type: 'string' }, { type: 'array' }, { type: 'null' }] },
          },
          'x-answer': { required: ['content'], properties: { content: { type: ['string', 'null'] } } },
        },
        ...extra,
      },
    },
  };
}

const collect = () => {
  const list: { what: string }[] = [];
  return { list, add: (p: { what: string }) => list.push(p) };
};

describe('splitAnswerSchemas', () => {
  it('gives answers a narrowed copy and leaves requests on the original', () => {
    const d = doc();
    const splits = splitAnswerSchemas(d, { Message: 'AnswerMessage' });
    const s = d.components.schemas;
    expect(splits).toEqual([['Message', 'AnswerMessage']]);
    expect(s.Choice.properties.message).toEqual(ref('AnswerMessage'));
    expect(s.Chunk.properties.last).toEqual(ref('AnswerMessage'));
    expect(s.Request.properties.messages.items).toEqual(ref('Message'));
    expect(s.AnswerMessage.required).toEqual(['role', 'content']);
    expect(s.AnswerMessage.properties.content).toEqual({ type: ['string', 'null'] });
    expect(s.AnswerMessage.properties.role).toEqual({ type: 'string' });
    expect(s.Message.properties.content.anyOf).toHaveLength(3);
    expect(s.Message['x-answer']).toBeUndefined();
    expect(s.AnswerMessage['x-answer']).toBeUndefined();
  });

  it('rewrites an inline answer schema too', () => {
    const d = doc();
    d.paths['/chat'].post.responses['200'].content['application/json'].schema = {
      type: 'array',
      items: ref('Message'),
    };
    splitAnswerSchemas(d, { Message: 'AnswerMessage' });
    expect(d.paths['/chat'].post.responses['200'].content['application/json'].schema.items).toEqual(
      ref('AnswerMessage'),
    );
  });

  it('asks for a name instead of choosing one', () => {
    const problems = collect();
    splitAnswerSchemas(doc(), {}, problems);
    expect(problems.list.map((p) => p.what)).toEqual([
      'names.yaml answerSchemas needs a name for the answer copy of Message',
    ]);
  });

  it('reports a component shared by requests and answers on the way to a split one', () => {
    const d = doc({ Wrapper: { type: 'object', properties: { message: ref('Message') } } });
    d.components.schemas.Request.properties.wrapped = ref('Wrapper');
    d.components.schemas.Answer.properties.wrapped = ref('Wrapper');
    const problems = collect();
    splitAnswerSchemas(d, { Message: 'AnswerMessage' }, problems);
    expect(problems.list.map((p) => p.what)).toEqual([
      expect.stringContaining('Wrapper is reached from requests and answers'),
    ]);
    expect(d.components.schemas.Wrapper.properties.message).toEqual(ref('Message'));
  });

  it('narrows only properties the schema has, with the keywords it knows', () => {
    const d = doc();
    d.components.schemas.Message['x-answer'] = { properties: { text: { type: 'string' } } };
    expect(() => splitAnswerSchemas(d, { Message: 'AnswerMessage' })).toThrow(
      /narrows text, which the schema does not have/,
    );
    const e = doc();
    e.components.schemas.Message['x-answer'] = { type: 'string' };
    expect(() => splitAnswerSchemas(e, { Message: 'AnswerMessage' })).toThrow(/not type/);
  });

  it('does nothing without x-answer', () => {
    const d = doc();
    delete d.components.schemas.Message['x-answer'];
    const before = structuredClone(d);
    expect(splitAnswerSchemas(d, {})).toEqual([]);
    expect(d).toEqual(before);
  });
});
