// How chat deltas merge: arrays of indexed parts by `index`, and keys that are not safe as
// object keys (`__proto__`) kept as data.
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunkLike } from '../../src/streams/chat';
import { accumulateChunks } from './support/accumulate';

function chunkWith(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): ChatCompletionChunkLike {
  return { id: 'g', created: 1, model: 'm', choices: [{ index: 0, delta }], ...extra } as ChatCompletionChunkLike;
}

function messageOf(deltas: Record<string, unknown>[]) {
  return accumulateChunks(deltas.map((delta) => chunkWith(delta))).choices[0]?.message as unknown as Record<
    string,
    unknown
  >;
}

describe('reasoning_details merged per index', () => {
  it('Anthropic: text appended, the signature of a later fragment kept, an empty signature ignored', () => {
    const message = messageOf([
      {
        reasoning_details: [
          { type: 'reasoning.text', text: '', signature: '', format: 'anthropic-claude-v1', index: 0 },
        ],
      },
      { reasoning_details: [{ type: 'reasoning.text', text: 'Think', format: 'anthropic-claude-v1', index: 0 }] },
      { reasoning_details: [{ type: 'reasoning.text', text: 'ing.', format: 'anthropic-claude-v1', index: 0 }] },
      { reasoning_details: [{ type: 'reasoning.text', signature: 'SIG==', format: 'anthropic-claude-v1', index: 0 }] },
      { reasoning_details: [] },
    ]);
    expect(message.reasoning_details).toEqual([
      { type: 'reasoning.text', text: 'Thinking.', signature: 'SIG==', format: 'anthropic-claude-v1', index: 0 },
    ]);
  });

  it('Gemini: a text detail and an encrypted one (data kept whole, id kept) stay two entries, in index order', () => {
    const message = messageOf([
      { reasoning_details: [{ type: 'reasoning.text', text: 'Plan', format: 'google-gemini-v1', index: 0 }] },
      {
        reasoning_details: [
          { type: 'reasoning.encrypted', data: 'QUJD', id: 'tool_1', format: 'google-gemini-v1', index: 1 },
        ],
      },
      { reasoning_details: [{ type: 'reasoning.text', text: ' it.', format: 'google-gemini-v1', index: 0 }] },
      { reasoning_details: [{ type: 'reasoning.encrypted', data: '', index: 1 }] },
    ]);
    expect(message.reasoning_details).toEqual([
      { type: 'reasoning.text', text: 'Plan it.', format: 'google-gemini-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'QUJD', id: 'tool_1', format: 'google-gemini-v1', index: 1 },
    ]);
  });

  it('OpenAI encrypted reasoning and xAI summaries: data kept, summary appended', () => {
    const message = messageOf([
      { reasoning_details: [{ type: 'reasoning.summary', summary: 'First,', format: 'xai-responses-v1', index: 0 }] },
      { reasoning_details: [{ type: 'reasoning.summary', summary: ' then.', format: 'xai-responses-v1', index: 0 }] },
      {
        reasoning_details: [
          { type: 'reasoning.encrypted', data: 'gAAAA', id: 'rs_1', format: 'openai-responses-v1', index: 1 },
        ],
      },
    ]);
    expect(message.reasoning_details).toEqual([
      { type: 'reasoning.summary', summary: 'First, then.', format: 'xai-responses-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'gAAAA', id: 'rs_1', format: 'openai-responses-v1', index: 1 },
    ]);
  });

  it('details without an index are kept as separate entries, after the indexed ones', () => {
    const message = messageOf([
      { reasoning_details: [{ type: 'reasoning.text', text: 'a', index: 0 }] },
      { reasoning_details: [{ type: 'reasoning.encrypted', data: 'x' }] },
      { reasoning_details: [{ type: 'reasoning.encrypted', data: 'y' }] },
    ]);
    expect(message.reasoning_details).toEqual([
      { type: 'reasoning.text', text: 'a', index: 0 },
      { type: 'reasoning.encrypted', data: 'x' },
      { type: 'reasoning.encrypted', data: 'y' },
    ]);
  });

  it('any other array of indexed parts merges the same way; arrays without indexes are concatenated', () => {
    const message = messageOf([
      {
        images: [{ index: 0, type: 'image_url', image_url: { url: 'data:a' } }],
        annotations: [{ type: 'url_citation', url: 'u1' }],
      },
      {
        images: [{ index: 1, type: 'image_url', image_url: { url: 'data:b' } }],
        annotations: [{ type: 'url_citation', url: 'u2' }],
      },
    ]);
    expect(message.images).toEqual([
      { index: 0, type: 'image_url', image_url: { url: 'data:a' } },
      { index: 1, type: 'image_url', image_url: { url: 'data:b' } },
    ]);
    expect(message.annotations).toEqual([
      { type: 'url_citation', url: 'u1' },
      { type: 'url_citation', url: 'u2' },
    ]);
  });
});

describe('keys that are not safe as object keys', () => {
  it('a `__proto__` delta key keeps its content, pollutes no prototype, and deep-equals the JSON.parse result', () => {
    const chunks = [
      '{"id":"g","created":1,"model":"m","__proto__":{"polluted":true},"choices":[{"index":0,"delta":{"content":"a","__proto__":{"x":1},"reasoning_details":[{"index":0,"type":"reasoning.text","text":"t","__proto__":{"y":2}}]}}]}',
      '{"id":"g","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"b","__proto__":{"z":3}}}]}',
    ].map((text) => JSON.parse(text) as ChatCompletionChunkLike);
    const completion = accumulateChunks(chunks);
    const expected = JSON.parse(
      '{"id":"g","object":"chat.completion","created":1,"model":"m","__proto__":{"polluted":true},"choices":[{"index":0,"message":{"role":"assistant","content":"ab","__proto__":{"x":1,"z":3},"reasoning_details":[{"index":0,"type":"reasoning.text","text":"t","__proto__":{"y":2}}]},"finish_reason":null}]}',
    );
    expect(completion).toEqual(expected);
    const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(Object.hasOwn(message, '__proto__')).toBe(true);
    expect(Object.hasOwn(completion, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(JSON.parse(JSON.stringify(completion))).toEqual(expected);
  });

  it('keys such as constructor, hasOwnProperty and toString are ordinary data', () => {
    const message = messageOf([
      { constructor: 'c1', hasOwnProperty: 'h', toString: { a: 1 } },
      { constructor: 'c2', toString: { b: 2 } },
    ]);
    expect(message).toEqual({
      role: 'assistant',
      content: null,
      constructor: 'c2',
      hasOwnProperty: 'h',
      toString: { a: 1, b: 2 },
    });
  });
});
