import { describe, expect, it } from 'vitest';
import { type Doc, withOperation } from './support';
import { eventStreams } from './support-steps';

const { describeEventStreams, sseExample } = await eventStreams();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `POST /chat` answering 200 with `content`, and the given component schemas. */
function streaming(content: Doc, components: Record<string, Doc> = {}): Doc {
  return {
    ...withOperation({ responses: { '200': { description: 'ok', content } } }, 'post', '/chat'),
    components: { schemas: components },
  };
}

const contentOf = (doc: Doc) => doc.paths['/chat'].post.responses['200'].content;

describe('describeEventStreams', () => {
  it('turns a referenced `{ data }` stream wrapper into a string schema with `x-sse-data` and an SSE example', () => {
    const doc = streaming(
      {
        'application/json': { schema: ref('ChatResponse') },
        'text/event-stream': {
          schema: ref('ChatStreamingResponse'),
          example: { data: { id: 'c1', choices: [] } },
          'x-speakeasy-sse-sentinel': '[DONE]',
        },
      },
      {
        ChatStreamingResponse: { type: 'object', required: ['data'], properties: { data: ref('ChatChunk') } },
        ChatChunk: { type: 'object' },
        ChatResponse: { type: 'object' },
      },
    );
    describeEventStreams(doc);
    expect(contentOf(doc)['text/event-stream']).toEqual({
      'x-sse-data': ref('ChatChunk'),
      schema: {
        type: 'string',
        description:
          'Server-Sent Events: each `data:` line is a ChatChunk as JSON; `:` lines are keep-alive comments; `data: [DONE]` ends the stream.',
      },
      example: 'data: {"id":"c1","choices":[]}\n\ndata: [DONE]\n\n',
    });
    expect(contentOf(doc)['application/json']).toEqual({ schema: ref('ChatResponse') });
  });

  it('says an `event:` line names the type when the wrapper has `event`, and puts it in the example', () => {
    const doc = streaming({
      'text/event-stream': {
        schema: {
          type: 'object',
          properties: { event: { type: 'string' }, data: ref('MessagesEvent') },
        },
        example: { event: 'content_block_delta', data: { index: 0 } },
      },
    });
    describeEventStreams(doc);
    const media = contentOf(doc)['text/event-stream'];
    expect(media['x-sse-data']).toEqual(ref('MessagesEvent'));
    expect(media.schema.description).toBe(
      'Server-Sent Events: each `data:` line is a MessagesEvent as JSON, after an `event:` line naming its type; `:` lines are keep-alive comments.',
    );
    expect(media.example).toBe('event: content_block_delta\ndata: {"index":0}\n\n');
  });

  it('takes the example from the wrapper schema when the media type has none, and links an inline event schema', () => {
    const doc = streaming(
      { 'text/event-stream': { schema: ref('Wrapper') } },
      {
        Wrapper: {
          type: 'object',
          properties: { data: { type: 'object', properties: { n: { type: 'integer' } } } },
          example: { data: { n: 1 } },
        },
      },
    );
    describeEventStreams(doc);
    const media = contentOf(doc)['text/event-stream'];
    expect(media['x-sse-data']).toEqual({ type: 'object', properties: { n: { type: 'integer' } } });
    expect(media.schema.description).toMatch(/each `data:` line is an? event as JSON/);
    expect(media.example).toBe('data: {"n":1}\n\n');
  });

  it('gives no example when there is none with `data`', () => {
    const doc = streaming({
      'text/event-stream': { schema: { type: 'object', properties: { data: ref('Chunk') } }, example: { other: 1 } },
    });
    describeEventStreams(doc);
    expect(contentOf(doc)['text/event-stream']).not.toHaveProperty('example');
  });

  it('removes a stream the description says is not used (a plain string schema), and keeps the JSON answer', () => {
    const doc = streaming({
      'application/json': { schema: ref('EmbeddingsResponse') },
      'text/event-stream': {
        example: 'data: [DONE]',
        schema: { type: 'string', description: 'Not used for embeddings - embeddings do not support streaming' },
        'x-speakeasy-sse-sentinel': '[DONE]',
      },
    });
    describeEventStreams(doc);
    expect(contentOf(doc)).toEqual({ 'application/json': { schema: ref('EmbeddingsResponse') } });
  });

  it('leaves a stream already described by `x-sse-data` alone', () => {
    const described = {
      'text/event-stream': {
        'x-sse-data': ref('ChatChunk'),
        schema: { type: 'string', description: 'Server-Sent Events' },
        example: 'data: {}\n\n',
      },
    };
    const doc = streaming(structuredClone(described));
    describeEventStreams(doc);
    expect(contentOf(doc)).toEqual(described);
  });
});

describe('sseExample', () => {
  it('writes `data:` then a blank line, with the sentinel as a last event when given', () => {
    expect(sseExample({ data: { a: 1 } })).toBe('data: {"a":1}\n\n');
    expect(sseExample({ data: { a: 1 } }, '[DONE]')).toBe('data: {"a":1}\n\ndata: [DONE]\n\n');
  });

  it('writes the `event:` line first when the example names one', () => {
    expect(sseExample({ event: 'ping', data: {} })).toBe('event: ping\ndata: {}\n\n');
  });
});
