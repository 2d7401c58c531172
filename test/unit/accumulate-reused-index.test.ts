// Issue 19, items 4 and 5: streamed pieces must all arrive in the merged result.
// - Tool calls: Gemini (through OpenRouter) sends every tool call at `index: 0`, each with a new
//   `id`; a new non-empty id at an index that holds another id starts a new call. The same class
//   in the other accumulators: a Messages `content_block_start`, or a Responses `output_item.added`,
//   at an index that already holds another block or item.
// - Audio (`modalities: ['text', 'audio']`): `delta.audio.transcript` and `.data` come in pieces,
//   and are joined.
import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunkLike } from '../../src/streams/chat';
import { MessagesAccumulator, type MessagesStreamEventLike } from '../../src/streams/messages';
import { ResponsesAccumulator, type ResponsesStreamEventLike } from '../../src/streams/responses';
import { accumulateChunks } from './support/accumulate';

const chunk = (delta: Record<string, unknown>): ChatCompletionChunkLike =>
  ({ id: 'gen-1', created: 1, model: 'google/gemini', choices: [{ index: 0, delta }] }) as ChatCompletionChunkLike;
const messageOf = (deltas: Record<string, unknown>[]) =>
  accumulateChunks(deltas.map(chunk)).choices[0]?.message as unknown as {
    tool_calls?: { id: string; function: { name: string; arguments: string } }[];
    audio?: Record<string, unknown>;
  };

describe('chat tool calls that reuse index 0 with a new id', () => {
  it('fifteen calls, all at index 0, stay fifteen calls with parseable arguments', () => {
    const deltas = Array.from({ length: 15 }, (_, n) => [
      { tool_calls: [{ index: 0, id: `call_${n}`, type: 'function', function: { name: 'lookup', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: `{"n":` } }] },
      { tool_calls: [{ index: 0, function: { arguments: `${n}}` } }] },
    ]).flat();
    const calls = messageOf(deltas).tool_calls ?? [];
    expect(calls.map((call) => call.id)).toEqual(Array.from({ length: 15 }, (_, n) => `call_${n}`));
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual(
      Array.from({ length: 15 }, (_, n) => ({ n })),
    );
  });

  it('two whole calls at index 0 in one chunk are two calls', () => {
    const calls =
      messageOf([
        {
          tool_calls: [
            { index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
            { index: 0, id: 'b', type: 'function', function: { name: 'g', arguments: '{"x":1}' } },
          ],
        },
      ]).tool_calls ?? [];
    expect(calls.map((call) => [call.id, call.function.name, call.function.arguments])).toEqual([
      ['a', 'f', '{}'],
      ['b', 'g', '{"x":1}'],
    ]);
  });

  it('the same id repeated, or an empty id, continues the call', () => {
    const calls =
      messageOf([
        { tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'f', arguments: '{"x"' } }] },
        { tool_calls: [{ index: 0, id: 'a', function: { arguments: ':1' } }] },
        { tool_calls: [{ index: 0, id: '', function: { arguments: '}' } }] },
      ]).tool_calls ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.function.arguments).toBe('{"x":1}');
  });

  it('calls at distinct indexes keep their index order', () => {
    const calls =
      messageOf([
        { tool_calls: [{ index: 1, id: 'second', type: 'function', function: { name: 'g', arguments: '{}' } }] },
        { tool_calls: [{ index: 0, id: 'first', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      ]).tool_calls ?? [];
    expect(calls.map((call) => call.id)).toEqual(['first', 'second']);
  });
});

describe('chat audio in pieces', () => {
  it('joins the transcript and the data, keeps the id and the expiry', () => {
    const audio = messageOf([
      { audio: { id: 'audio_1', transcript: 'Hel' } },
      { audio: { transcript: 'lo', data: 'UklG' } },
      { audio: { data: 'RiQA', expires_at: 1700000000 } },
      { audio: { transcript: '!', data: 'AAA=' } },
    ]).audio;
    expect(audio).toEqual({ id: 'audio_1', transcript: 'Hello!', data: 'UklGRiQAAAA=', expires_at: 1700000000 });
  });

  it('a reasoning detail`s `data` (sent whole, encrypted) is still not joined', () => {
    const message = messageOf([
      { reasoning_details: [{ type: 'reasoning.encrypted', data: 'first', index: 0 }] },
      { reasoning_details: [{ type: 'reasoning.encrypted', data: 'whole', index: 0 }] },
    ]) as unknown as { reasoning_details: { data: string }[] };
    expect(message.reasoning_details[0]?.data).toBe('whole');
  });
});

describe('Messages: a content block started again at an index that holds one', () => {
  it('becomes a new block; the deltas after it go to the new block', () => {
    const accumulator = new MessagesAccumulator();
    const events: MessagesStreamEventLike[] = [
      { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'm' } },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_a', name: 'f', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":1}' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_b', name: 'g', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"b":2}' } },
      { type: 'content_block_stop', index: 0 },
    ] as unknown as MessagesStreamEventLike[];
    for (const event of events) accumulator.add(event);
    const content = (accumulator.result() as unknown as { content: { id: string; input: unknown }[] }).content;
    expect(content.map((block) => [block.id, block.input])).toEqual([
      ['toolu_a', { a: 1 }],
      ['toolu_b', { b: 2 }],
    ]);
  });
});

describe('Responses: an output item added at an output_index that holds another item', () => {
  it('becomes a new item; its deltas (by item_id) go to it', () => {
    const accumulator = new ResponsesAccumulator();
    const call = (id: string) => ({ type: 'function_call', id, call_id: id, name: 'f', arguments: '' });
    const events = [
      { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: call('fc_a') },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_a', delta: '{"a":1}' },
      { type: 'response.output_item.added', output_index: 0, item: call('fc_b') },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_b', delta: '{"b":2}' },
    ] as unknown as ResponsesStreamEventLike[];
    for (const event of events) accumulator.add(event);
    const output = (accumulator.result() as unknown as { output: { id: string; arguments: string }[] }).output;
    expect(output.map((item) => [item.id, item.arguments])).toEqual([
      ['fc_a', '{"a":1}'],
      ['fc_b', '{"b":2}'],
    ]);
  });

  it('`output_item.done` for the same item replaces it in place', () => {
    const accumulator = new ResponsesAccumulator();
    const events = [
      { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'm1', content: [] } },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { type: 'message', id: 'm1', content: [{ type: 'output_text', text: 'hi' }] },
      },
    ] as unknown as ResponsesStreamEventLike[];
    for (const event of events) accumulator.add(event);
    const output = (accumulator.result() as unknown as { output: { id: string }[] }).output;
    expect(output).toHaveLength(1);
  });
});
