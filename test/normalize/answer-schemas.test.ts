import { describe, expect, it } from 'vitest';
import type { Doc } from './support';

// Loaded like the other steps (see support.ts): plain ESM without type declarations.
const { splitAnswerSchemas, scopeAnswerSchemas } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/steps/answer-schemas.mjs', import.meta.url).href
)) as {
  splitAnswerSchemas: (doc: Doc, names?: Record<string, string>, problems?: Doc) => [string, string][];
  scopeAnswerSchemas: (doc: Doc) => [string, string][];
};

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

describe('scopeAnswerSchemas', () => {
  /** GET /models and GET /embedding-models answer the same List; /embedding-models is scoped. */
  function scoped(): Doc {
    const answer = (extra: Doc = {}) => ({
      responses: { '200': { content: { 'application/json': { schema: ref('List'), ...extra } } } },
    });
    return {
      paths: {
        '/models': { get: answer() },
        '/embedding-models': {
          get: answer({ 'x-scoped': { prefix: 'Embedding', replace: { Price: 'LoosePrice' } } }),
        },
      },
      components: {
        schemas: {
          List: { type: 'object', properties: { data: { type: 'array', items: ref('Model') }, note: ref('Note') } },
          Model: { type: 'object', properties: { pricing: ref('Pricing'), id: { type: 'string' } } },
          Pricing: { type: 'object', properties: { prompt: ref('Price') } },
          Price: { type: 'string' },
          LoosePrice: { oneOf: [{ type: 'number' }, { type: 'string' }] },
          Note: { type: 'string' },
        },
      },
    };
  }

  it('copies the components between the scoped answer and the replaced one; other answers keep them', () => {
    const d = scoped();
    const made = scopeAnswerSchemas(d);
    const s = d.components.schemas;
    expect(made.sort()).toEqual([
      ['List', 'EmbeddingList'],
      ['Model', 'EmbeddingModel'],
      ['Pricing', 'EmbeddingPricing'],
    ]);
    expect(d.paths['/embedding-models'].get.responses['200'].content['application/json']).toEqual({
      schema: ref('EmbeddingList'),
    });
    expect(d.paths['/models'].get.responses['200'].content['application/json'].schema).toEqual(ref('List'));
    expect(s.EmbeddingPricing.properties.prompt).toEqual(ref('LoosePrice'));
    expect(s.EmbeddingList.properties.note).toEqual(ref('Note'));
    expect(s.Pricing.properties.prompt).toEqual(ref('Price'));
    expect(s.Model.properties.pricing).toEqual(ref('Pricing'));
  });

  it('refuses a replacement that is not a schema, and a copy name that is taken', () => {
    const d = scoped();
    d.paths['/embedding-models'].get.responses['200'].content['application/json']['x-scoped'].replace = {
      Price: 'Nope',
    };
    expect(() => scopeAnswerSchemas(d)).toThrow(/both must be schemas/);
    const e = scoped();
    e.components.schemas.EmbeddingModel = { type: 'object' };
    expect(() => scopeAnswerSchemas(e)).toThrow(/EmbeddingModel, which is already a schema/);
  });
});
