// The chat overloads: `stream: true` changes the result to a stream of chunks; the request is open.
import { describe, expectTypeOf, test } from 'vitest';
import type {
  APIPromise,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionRequest,
  ChatCompletionStream,
  OpenRouter,
  Stream,
} from '../../src';

declare const client: OpenRouter;
declare const flag: boolean;
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('chat.completions.create overloads', () => {
  test('stream: true resolves to ChatCompletionStream, an AsyncIterable of ChatCompletionChunk', () => {
    const result = client.chat.completions.create({ model: 'openai/gpt-4o', messages, stream: true });
    expectTypeOf(result).toEqualTypeOf<APIPromise<ChatCompletionStream>>();
    expectTypeOf<Awaited<typeof result>>().toEqualTypeOf<ChatCompletionStream>();
    expectTypeOf<ChatCompletionStream>().toExtend<AsyncIterable<ChatCompletionChunk>>();
    expectTypeOf<ChatCompletionStream>().toExtend<Stream<ChatCompletionChunk>>();
    expectTypeOf<ChatCompletionStream['finalCompletion']>().returns.resolves.toEqualTypeOf<ChatCompletion>();
  });

  test('iterating the stream gives ChatCompletionChunk', async () => {
    for await (const chunk of await client.chat.completions.create({ messages, stream: true })) {
      expectTypeOf(chunk).toEqualTypeOf<ChatCompletionChunk>();
    }
  });

  test('stream: false or no stream resolves to ChatCompletion', () => {
    expectTypeOf(client.chat.completions.create({ messages, stream: false })).resolves.toEqualTypeOf<ChatCompletion>();
    expectTypeOf(client.chat.completions.create({ messages })).resolves.toEqualTypeOf<ChatCompletion>();
    expectTypeOf(
      client.chat.completions.create({ messages, stream: undefined }),
    ).resolves.toEqualTypeOf<ChatCompletion>();
  });

  test('stream: boolean resolves to the union', () => {
    expectTypeOf(client.chat.completions.create({ messages, stream: flag })).resolves.toEqualTypeOf<
      ChatCompletion | ChatCompletionStream
    >();
    const params: ChatCompletionCreateParams = { messages, stream: flag };
    expectTypeOf(client.chat.completions.create(params)).resolves.toEqualTypeOf<
      ChatCompletion | ChatCompletionStream
    >();
  });

  test('the non-streaming result is the 200 body of createChatCompletion', () => {
    type Ok = import('../../generated/types.gen').CreateChatCompletionResponses[200];
    expectTypeOf(client.chat.completions.create({ messages })).resolves.toEqualTypeOf<Ok>();
  });

  test('the request is closed: a typo or a wrong type does not compile', () => {
    // @ts-expect-error temprature is not a field of the chat request
    client.chat.completions.create({ messages, temprature: 0.2 });
    // @ts-expect-error plugins is a list of plugin objects, not a string
    client.chat.completions.create({ messages, plugins: 'nonsense' });
    const request: ChatCompletionRequest = { messages, plugins: [{ id: 'web' }] };
    expectTypeOf(request).toExtend<ChatCompletionRequest>();
  });

  test('known fields keep their types', () => {
    // @ts-expect-error temperature is a number
    client.chat.completions.create({ messages, temperature: 'hot' });
    // @ts-expect-error stream is a boolean
    client.chat.completions.create({ messages, stream: 'yes' });
  });

  test('messages is required', () => {
    // @ts-expect-error messages is missing
    client.chat.completions.create({ model: 'openai/gpt-4o' });
    // @ts-expect-error messages is missing (streaming)
    client.chat.completions.create({ model: 'openai/gpt-4o', stream: true });
  });

  test('the model is a string', () => {
    // @ts-expect-error model id as a number
    client.chat.completions.create({ model: 42, messages });
  });
});
