// Builds the final `Message` of a streamed Anthropic-compatible Messages call (`POST /messages`)
// from its events. The shapes below are structural stand-ins naming only what is read: the
// generated event and message types bind `MessagesStream<Event, Message>`. Fields not named here
// are kept.

import { OpenRouterError } from '../core/errors';
import {
  DeferredMerge,
  Stream,
  type StreamOptions,
  type StreamProtocol,
  typedErrorEvent,
  type UnknownStreamEvent,
} from '../core/stream';
import { type Fields, isFields } from '../internal/fields';
import { TextBuilder } from '../internal/text-builder';

/**
 * Anthropic Messages: `event: error` with `{ type: 'error', error: { type, message } }`; the error's
 * `type` (`overloaded_error`, ...) stands in for a code. The end is `message_stop`.
 */
export const messagesProtocol: StreamProtocol = {
  errorIn: typedErrorEvent,
  isLast: (item) => isFields(item) && item.type === 'message_stop',
};

/** Any Messages stream event: what the accumulator needs is the `type`. */
export interface MessagesStreamEventLike {
  type: string;
}

/** The message `message_start` carries and `finalMessage()` returns, completed. */
export interface MessageLike {
  id?: string;
  type?: string;
  role?: string;
  content: unknown[];
  stop_reason?: string | null;
  usage?: unknown;
}

/** Blocks whose `input` arrives as `input_json_delta` pieces of JSON text. */
const JSON_INPUT_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

/**
 * Merges Messages events, one `add` at a time:
 * - `message_start`: the message, its content emptied of nothing (usually `[]`).
 * - `content_block_start`: the block at `index`; `content_block_delta`: `text_delta` appends
 *   `text`, `thinking_delta` appends `thinking`, `signature_delta` sets `signature`,
 *   `citations_delta` adds to `citations`, `input_json_delta` appends to the block's JSON input,
 *   parsed into `input` by `result()` (an empty input keeps the block's start `input`).
 * - `message_delta`: its `delta` fields (`stop_reason`, `stop_sequence`, ...) set on the message
 *   and its `usage` merged into the message's (a `null` does not erase a count).
 * - `content_block_stop`, `message_stop`, `ping`, unknown events and unknown delta types: ignored.
 */
export class MessagesAccumulator<TMessage = MessageLike> {
  private message: Fields | undefined;
  private readonly blocks: (Fields | undefined)[] = [];
  private readonly inputs = new Map<number, TextBuilder>();
  /**
   * Where the block of each event `index` is in `blocks`: the last one started there. A block
   * started at an index that already holds a started block is a new block after the others, not a
   * replacement (the class of Gemini's tool calls that all come at index 0). A block has a `type`
   * once started; one that deltas made before its start has none.
   */
  private readonly positionByIndex = new Map<number, number>();

  add(event: MessagesStreamEventLike): void {
    if (!isFields(event)) return;
    switch (event.type) {
      case 'message_start':
        if (isFields(event.message)) this.start(event.message);
        return;
      case 'content_block_start':
        if (typeof event.index === 'number' && isFields(event.content_block)) {
          const block = { ...event.content_block };
          let position = this.positionByIndex.get(event.index);
          if (position === undefined || this.blocks[position]?.type !== undefined) {
            position = this.blocks.length;
            this.positionByIndex.set(event.index, position);
          }
          this.blocks[position] = block;
          if (JSON_INPUT_BLOCKS.has(block.type as string)) this.inputs.set(position, new TextBuilder());
        }
        return;
      case 'content_block_delta':
        if (typeof event.index === 'number' && isFields(event.delta))
          this.addDelta(this.positionOf(event.index), event.delta);
        return;
      case 'message_delta':
        this.addMessageDelta(event);
        return;
    }
  }

  /** The message so far, as a new object. */
  result(): TMessage {
    const { message } = this;
    if (message === undefined) {
      throw new OpenRouterError('No message_start event was received: there is no message to build.');
    }
    const content: unknown[] = [];
    this.blocks.forEach((block, index) => {
      if (block !== undefined) content.push(this.blockResult(block, index));
    });
    return { ...message, content, ...(isFields(message.usage) ? { usage: { ...message.usage } } : {}) } as TMessage;
  }

  private start(message: Fields): void {
    this.message = { ...message };
    this.blocks.length = 0;
    this.inputs.clear();
    this.positionByIndex.clear();
    // Blocks already in the start message (normally none) come first, as they are.
    if (Array.isArray(message.content)) {
      message.content.forEach((block, index) => {
        if (!isFields(block)) return;
        this.blocks[index] = { ...block };
        this.positionByIndex.set(index, index);
      });
    }
  }

  /** The position in `blocks` of the block an event's `index` means (a new one for an index not seen yet). */
  private positionOf(index: number): number {
    let position = this.positionByIndex.get(index);
    if (position === undefined) {
      position = this.blocks.length;
      this.positionByIndex.set(index, position);
    }
    return position;
  }

  private addDelta(index: number, delta: Fields): void {
    let block = this.blocks[index];
    if (block === undefined) {
      // A delta without its block start: the block is what the deltas bring.
      block = {};
      this.blocks[index] = block;
    }
    switch (delta.type) {
      case 'text_delta':
        if (typeof delta.text === 'string') append(block, 'text', delta.text);
        return;
      case 'thinking_delta':
        if (typeof delta.thinking === 'string') append(block, 'thinking', delta.thinking);
        return;
      case 'signature_delta':
        if (typeof delta.signature === 'string') block.signature = delta.signature;
        return;
      case 'citations_delta':
        if (delta.citation !== undefined) {
          if (!Array.isArray(block.citations)) block.citations = [];
          (block.citations as unknown[]).push(delta.citation);
        }
        return;
      case 'input_json_delta': {
        if (typeof delta.partial_json !== 'string') return;
        let input = this.inputs.get(index);
        if (input === undefined) {
          input = new TextBuilder();
          this.inputs.set(index, input);
        }
        input.append(delta.partial_json);
        return;
      }
    }
  }

  private addMessageDelta(event: Fields): void {
    const { message } = this;
    if (message === undefined) return;
    if (isFields(event.delta)) {
      for (const key of Object.keys(event.delta)) {
        const value = event.delta[key];
        if ((value !== null && value !== undefined) || !Object.hasOwn(message, key)) message[key] = value;
      }
    }
    if (isFields(event.usage)) {
      const usage: Fields = isFields(message.usage) ? { ...message.usage } : {};
      for (const key of Object.keys(event.usage)) {
        const value = event.usage[key];
        if ((value !== null && value !== undefined) || !Object.hasOwn(usage, key)) usage[key] = value;
      }
      message.usage = usage;
    }
  }

  private blockResult(block: Fields, index: number): Fields {
    const result: Fields = {};
    for (const key of Object.keys(block)) {
      const value = block[key];
      result[key] = value instanceof TextBuilder ? value.toString() : Array.isArray(value) ? [...value] : value;
    }
    const json = this.inputs.get(index)?.toString() ?? '';
    if (json.trim() !== '') {
      try {
        result.input = JSON.parse(json);
      } catch (cause) {
        throw new OpenRouterError(
          `The ${String(block.type)} block at index ${index} has an input that is not valid JSON (the stream may have been cut): ${json.slice(0, 200)}`,
          { cause },
        );
      }
    }
    return result;
  }
}

function append(target: Fields, key: string, piece: string): void {
  const previous = target[key];
  if (previous instanceof TextBuilder) {
    previous.append(piece);
    return;
  }
  const text = new TextBuilder();
  if (typeof previous === 'string') text.append(previous);
  text.append(piece);
  target[key] = text;
}

/**
 * The stream of a Messages call: its events (of types the SDK does not know yet too, typed
 * `UnknownStreamEvent`), and `finalMessage()`. `TEvent` and `TMessage` are the generated Messages
 * stream event union and message type. Iteration ends after `message_stop`.
 */
export class MessagesStream<
  TEvent extends MessagesStreamEventLike = MessagesStreamEventLike,
  TMessage = MessageLike,
> extends Stream<TEvent | UnknownStreamEvent> {
  private readonly merged = new DeferredMerge<MessagesStreamEventLike, TMessage>(new MessagesAccumulator<TMessage>());

  constructor(response: Response, controller: AbortController, userSignal?: AbortSignal, options: StreamOptions = {}) {
    super(response, controller, userSignal, { protocol: messagesProtocol, ...options });
  }

  protected override onChunk(event: TEvent | UnknownStreamEvent): void {
    this.merged.keep(event as MessagesStreamEventLike);
  }

  /**
   * Reads the rest of the stream (if any) and returns the message, as the non-streamed call
   * returns it. Throws after a loop that exited early, rethrows the stream's error (an `error`
   * event, a lost connection), and throws if a tool's input is not valid JSON.
   */
  async finalMessage(): Promise<TMessage> {
    await this.consumeRest();
    return this.merged.result();
  }
}
