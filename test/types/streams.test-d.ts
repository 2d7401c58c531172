// The generic streams: bound to an event union, iterating narrows by `type`, unknown events come
// typed as UnknownStreamEvent (which never spoils the narrowing), and the accumulators return the
// bound result type.
import { describe, expectTypeOf, test } from 'vitest';
import type { Stream, UnknownEventType, UnknownStreamEvent } from '../../src/core/stream';
import type { ChatCompletionStream } from '../../src/streams/chat';
import type { ImagesStream } from '../../src/streams/images';
import type { MessagesStream } from '../../src/streams/messages';
import { ResponsesStream } from '../../src/streams/responses';

// Stand-ins for generated types, as the lead's bindings will provide them.
interface TextDelta {
  type: 'response.output_text.delta';
  item_id: string;
  output_index: number;
  content_index: number;
  delta: string;
  sequence_number: number;
}
interface Completed {
  type: 'response.completed';
  response: FinalResponse;
  sequence_number: number;
}
interface ErrorEvent {
  type: 'error';
  code: string | null;
  message: string;
}
type ResponsesEvent = TextDelta | Completed | ErrorEvent;
interface FinalResponse {
  id: string;
  object: 'response';
  status: 'completed' | 'failed' | 'incomplete' | 'in_progress';
  output: { type: string }[];
}

interface MessageStart {
  type: 'message_start';
  message: FinalMessage;
}
interface BlockDelta {
  type: 'content_block_delta';
  index: number;
  delta: { type: 'text_delta'; text: string } | { type: 'input_json_delta'; partial_json: string };
}
type MessagesEvent = MessageStart | BlockDelta | { type: 'message_stop' };
interface FinalMessage {
  id: string;
  type: 'message';
  content: unknown[];
  stop_reason: string | null;
}

declare const responses: ResponsesStream<ResponsesEvent, FinalResponse>;
declare const messages: MessagesStream<MessagesEvent, FinalMessage>;

describe('ResponsesStream<Event, Response>', () => {
  test('iterates the event union plus UnknownStreamEvent, narrowing by type', async () => {
    for await (const event of responses) {
      expectTypeOf(event).toEqualTypeOf<ResponsesEvent | UnknownStreamEvent>();
      if (event.type === 'response.output_text.delta') {
        expectTypeOf(event).toEqualTypeOf<TextDelta>();
        expectTypeOf(event.delta).toEqualTypeOf<string>();
      } else if (event.type === 'response.completed') {
        expectTypeOf(event.response).toEqualTypeOf<FinalResponse>();
      } else if (event.type === 'error') {
        expectTypeOf(event).toEqualTypeOf<ErrorEvent>();
      } else {
        expectTypeOf(event).toEqualTypeOf<UnknownStreamEvent>();
        expectTypeOf(event.type).toEqualTypeOf<UnknownEventType>();
        expectTypeOf(String(event.type)).toEqualTypeOf<string>();
      }
    }
  });

  test('a switch narrows each case too', async () => {
    for await (const event of responses) {
      switch (event.type) {
        case 'response.output_text.delta':
          expectTypeOf(event.delta).toEqualTypeOf<string>();
          break;
        case 'response.completed':
          expectTypeOf(event.response.status).toEqualTypeOf<FinalResponse['status']>();
          break;
        default:
          expectTypeOf(event).toEqualTypeOf<ErrorEvent | UnknownStreamEvent>();
      }
    }
  });

  test('a field of one event is not readable on another', async () => {
    for await (const event of responses) {
      if (event.type === 'response.completed') {
        // @ts-expect-error `delta` belongs to the delta events
        event.delta;
      }
    }
  });

  test('finalResponse() resolves to the bound Response type', () => {
    expectTypeOf(responses.finalResponse()).resolves.toEqualTypeOf<FinalResponse>();
  });

  test('fromReadableStream on the class gives that class; tee() gives two of the same', () => {
    // Bound the way the SDK binds generated types, by a subclass: the static gives that subclass.
    class BoundResponsesStream extends ResponsesStream<ResponsesEvent, FinalResponse> {}
    const rebuilt = BoundResponsesStream.fromReadableStream(new ReadableStream<Uint8Array>());
    expectTypeOf(rebuilt).toEqualTypeOf<BoundResponsesStream>();
    expectTypeOf(rebuilt.finalResponse()).resolves.toEqualTypeOf<FinalResponse>();
    expectTypeOf(responses.tee()).toEqualTypeOf<
      [ResponsesStream<ResponsesEvent, FinalResponse>, ResponsesStream<ResponsesEvent, FinalResponse>]
    >();
    expectTypeOf(responses.toReadableStream()).toEqualTypeOf<ReadableStream<Uint8Array>>();
  });

  test('the event type must have a string `type`', () => {
    // @ts-expect-error an event union without `type` cannot bind a ResponsesStream
    type _Bad = ResponsesStream<{ kind: 'x' }>;
  });
});

describe('MessagesStream<Event, Message>', () => {
  test('narrows events and nested deltas', async () => {
    for await (const event of messages) {
      if (event.type === 'content_block_delta') {
        expectTypeOf(event.index).toEqualTypeOf<number>();
        if (event.delta.type === 'text_delta') expectTypeOf(event.delta.text).toEqualTypeOf<string>();
      } else if (event.type === 'message_start') {
        expectTypeOf(event.message).toEqualTypeOf<FinalMessage>();
      }
    }
  });

  test('finalMessage() resolves to the bound Message type', () => {
    expectTypeOf(messages.finalMessage()).resolves.toEqualTypeOf<FinalMessage>();
  });
});

describe('the other streams', () => {
  test('ImagesStream iterates its union plus UnknownStreamEvent', async () => {
    type Partial = { type: 'image_generation.partial_image'; b64_json: string; partial_image_index: number };
    type Done = { type: 'image_generation.completed'; b64_json: string; created: number };
    const images = null as unknown as ImagesStream<Partial | Done>;
    for await (const event of images) {
      if (event.type === 'image_generation.partial_image')
        expectTypeOf(event.partial_image_index).toEqualTypeOf<number>();
    }
  });

  test('ChatCompletionStream<Chunk, Completion>: finalCompletion() gives the bound completion', () => {
    type Completion = { id: string; object: 'chat.completion'; choices: [] };
    const chat = null as unknown as ChatCompletionStream<
      { id: string; created: number; model: string; choices: [] },
      Completion
    >;
    expectTypeOf(chat.finalCompletion()).resolves.toEqualTypeOf<Completion>();
  });

  test('Stream<T> is an AsyncIterable<T>', () => {
    expectTypeOf<Stream<{ a: 1 }>>().toExtend<AsyncIterable<{ a: 1 }>>();
  });
});
