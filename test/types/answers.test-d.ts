// Answers typed as the live API sends them (issue 20): tight where every recorded answer is narrow,
// open where the API adds kinds, partial in stream deltas, and shaped by the request where it
// decides (embeddings' encoding_format).
import { describe, expectTypeOf, test } from 'vitest';
import type {
  Annotation,
  Base64EmbeddingsResponse,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessage,
  ChatMessage,
  CreateEmbeddingsResponse,
  FloatEmbeddingsResponse,
  ListModelsResponse,
  OpenResponsesResult,
  OpenRouter,
  PublicEndpoint,
  ToolCallDelta,
} from '../../src';
import type { createEmbeddings } from '../../src/standalone';

declare const client: OpenRouter;
declare const completion: ChatCompletion;
declare const chunk: ChatCompletionChunk;
declare const annotation: Annotation;
declare const result: OpenResponsesResult;
declare const format: 'float' | 'base64';
declare const models: ListModelsResponse;

describe('the chat answer', () => {
  test('message.content is string | null, always present', () => {
    const message = completion.choices[0]?.message;
    expectTypeOf<ChatCompletionMessage['content']>().toEqualTypeOf<string | null>();
    expectTypeOf(completion.choices).items.toHaveProperty('message').toEqualTypeOf<ChatCompletionMessage>();
    if (message) expectTypeOf(message.content).toEqualTypeOf<string | null>();
  });

  test('a message round-trips into the next request without a cast', () => {
    expectTypeOf<ChatCompletionMessage>().toExtend<ChatMessage>();
    const message = completion.choices[0]!.message;
    client.chat.completions.create({ messages: [{ role: 'user', content: 'Hi' }, message] });
  });

  test('the request message still takes content parts (the answer copy narrowed, not the request)', () => {
    const parts: ChatMessage = { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] };
    expectTypeOf(parts).toExtend<ChatMessage>();
    // @ts-expect-error an answer's content is never an array of parts
    const notAnAnswer: ChatCompletionMessage = { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] };
    expectTypeOf(notAnAnswer).not.toBeAny();
  });

  test('the accumulated stream result has the tight answer type', async () => {
    const stream = await client.chat.completions.create({ messages: [], stream: true });
    const final = await stream.finalCompletion();
    expectTypeOf(final.choices[0]!.message.content).toEqualTypeOf<string | null>();
  });
});

describe('open unions: known tags narrow, unknown ones reach the default', () => {
  test('url_citation narrows to its member', () => {
    if (annotation.type === 'url_citation') {
      expectTypeOf(annotation.url_citation.url).toEqualTypeOf<string>();
      expectTypeOf(annotation.url_citation.title).toEqualTypeOf<string | undefined>();
    }
    if (annotation.type === 'file') expectTypeOf(annotation.file).not.toBeNever();
  });

  test('a switch default gets the unknown member, its tag a string', () => {
    switch (annotation.type) {
      case 'url_citation':
        expectTypeOf(annotation.url_citation.url).toEqualTypeOf<string>();
        break;
      case 'file':
        expectTypeOf(annotation.file.hash).toEqualTypeOf<string | undefined>();
        break;
      default:
        expectTypeOf(annotation.type).toEqualTypeOf<string>();
        expectTypeOf(annotation).not.toBeNever();
        // Its other fields are there at runtime; read them as a record.
        expectTypeOf(annotation).toExtend<Record<string, unknown>>();
    }
  });

  // KNOWN LIMIT (TypeScript has no "string except these"): the unknown member's other fields are
  // typed `never` so that known tags narrow, and that index signature also covers its tag, so the
  // member is read (from an answer), not written: a literal of a new kind does not compile. The
  // expect-error directive below fails the day that changes.
  test('an unknown member is read from answers, not written as a literal', () => {
    // @ts-expect-error see KNOWN LIMIT above
    const note: Annotation = { type: 'zz_new_note' };
    expectTypeOf(note).not.toBeAny();
  });

  test('Responses output items: known types narrow, an unknown one reaches the default', () => {
    for (const item of result.output ?? []) {
      switch (item.type) {
        case 'message':
          expectTypeOf(item.content).toBeArray();
          break;
        case 'function_call':
          expectTypeOf(item.arguments).toEqualTypeOf<string>();
          expectTypeOf(item.name).toEqualTypeOf<string>();
          break;
        default:
          expectTypeOf(item.type).toExtend<string>();
          expectTypeOf(item).not.toBeNever();
      }
    }
  });
});

describe('stream deltas are partial', () => {
  test('every delta field may be absent or null', () => {
    const delta = chunk.choices[0]!.delta;
    expectTypeOf(delta.content).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(delta.role).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(delta.tool_calls).toEqualTypeOf<ToolCallDelta[] | null | undefined>();
    expectTypeOf(delta.annotations).toEqualTypeOf<Annotation[] | null | undefined>();
  });

  test('a tool-call delta: type any string or null, function and arguments optional', () => {
    const piece: ToolCallDelta = { index: 0, type: '' };
    const last: ToolCallDelta = { index: 0, function: { name: null } };
    const nulls: ToolCallDelta = { index: 1, id: null, type: null, function: null };
    expectTypeOf([piece, last, nulls]).items.toEqualTypeOf<ToolCallDelta>();
    expectTypeOf<NonNullable<ToolCallDelta['function']>['arguments']>().toEqualTypeOf<string | null | undefined>();
  });

  test('provider-shaped chunks are values of the chunk type', () => {
    const legacy: ChatCompletionChunk = {
      id: 'gen-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          delta: { role: '', content: null, tool_calls: [{ index: 0, type: '', function: { name: 'f' } }] },
          logprobs: { tokens: ['a'], token_logprobs: [-0.1] },
        },
      ],
    };
    expectTypeOf(legacy).toEqualTypeOf<ChatCompletionChunk>();
  });

  test('chunk logprobs may be a provider number', () => {
    const logprobs = chunk.choices[0]!.logprobs;
    expectTypeOf<number>().toExtend<typeof logprobs>();
    expectTypeOf<null>().toExtend<typeof logprobs>();
  });
});

describe('embeddings: the request decides the embedding type', () => {
  test('number[] by default and for float, string for base64', () => {
    expectTypeOf(
      client.embeddings.create({ input: 'hi', model: 'm' }),
    ).resolves.toEqualTypeOf<FloatEmbeddingsResponse>();
    expectTypeOf<FloatEmbeddingsResponse['data'][number]['embedding']>().toEqualTypeOf<number[]>();
    expectTypeOf(
      client.embeddings.create({ input: 'hi', model: 'm', encoding_format: 'float' }),
    ).resolves.toEqualTypeOf<FloatEmbeddingsResponse>();
    expectTypeOf(
      client.embeddings.create({ input: 'hi', model: 'm', encoding_format: 'base64' }),
    ).resolves.toEqualTypeOf<Base64EmbeddingsResponse>();
    expectTypeOf<Base64EmbeddingsResponse['data'][number]['embedding']>().toEqualTypeOf<string>();
  });

  test('a format known only at runtime gives the union, and the standalone function agrees', () => {
    expectTypeOf(
      client.embeddings.create({ input: 'hi', model: 'm', encoding_format: format }),
    ).resolves.toEqualTypeOf<CreateEmbeddingsResponse>();
    expectTypeOf<ReturnType<typeof createEmbeddings>>().not.toBeAny();
  });
});

describe('prices are decimal strings', () => {
  test('model and endpoint prices are strings (numbers only in the embedding-model lists)', () => {
    expectTypeOf<ListModelsResponse['data'][number]['pricing']['prompt']>().toEqualTypeOf<string>();
    expectTypeOf<PublicEndpoint['pricing']['completion']>().toEqualTypeOf<string>();
    expectTypeOf(Number.parseFloat(models.data[0]!.pricing.prompt)).toEqualTypeOf<number>();
    type EmbeddingModels = Awaited<ReturnType<OpenRouter['models']['listEmbeddings']>>;
    expectTypeOf<EmbeddingModels['data'][number]['pricing']['prompt']>().toEqualTypeOf<number | string>();
  });
});
