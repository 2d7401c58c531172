// Builds the final `Response` of a streamed Responses API call (`POST /responses`) from its events.
// The shapes below are structural stand-ins naming only what is read: the generated event and
// response types bind `ResponsesStream<Event, Response>`. Fields not named here are kept.

import { OpenRouterError } from '../core/errors';
import {
  DeferredMerge,
  eventType,
  nestedError,
  Stream,
  type StreamErrorPayload,
  type StreamOptions,
  type StreamProtocol,
  type UnknownStreamEvent,
} from '../core/stream';
import { type Fields, isFields } from '../internal/fields';
import { TextBuilder } from '../internal/text-builder';

/** (A function, not a module-level Set: bundlers keep a `new Set` even where nothing uses it.) */
const isResponsesLast = (type: unknown): boolean =>
  type === 'response.completed' || type === 'response.failed' || type === 'response.incomplete';

/**
 * The Responses API: an `error` event carries `code`, `message` and `param` at its top level.
 * `response.failed` is not thrown: it ends the stream and carries the failed response, as the
 * non-streamed call returns it.
 */
export const responsesProtocol: StreamProtocol = {
  errorIn(item, event) {
    if (eventType(item, event) !== 'error' || !isFields(item)) return undefined;
    const nested = nestedError(item);
    if (nested !== undefined) return nested;
    const { type: _type, sequence_number: _sequence, ...payload } = item;
    return payload as StreamErrorPayload;
  },
  isLast: (item) => isFields(item) && isResponsesLast(item.type),
};

/** Any Responses stream event: what the accumulator needs is the `type`. */
export interface ResponsesStreamEventLike {
  type: string;
}

/** The response object `response.created` ... `response.completed` carry, and `finalResponse()` returns. */
export interface ResponseLike {
  id?: string;
  object?: string;
  status?: string | null;
  output?: unknown[];
}

/** Events whose `response` is the final one. */
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Merges Responses events, one `add` at a time.
 * - The `response` of `response.completed` (or `.incomplete`, `.failed`) is the result, as the
 *   non-streamed call returns it.
 * - When that response is absent or partial (no `output`, or an empty one while items were
 *   streamed), the result is the last response seen with the output built from the events:
 *   `response.output_item.added/done` (by `output_index`, else `item_id`),
 *   `response.content_part.added/done`, the `.delta`/`.done` events of `output_text`, `refusal`,
 *   `reasoning_text` (into `content[content_index]`), `reasoning_summary_part`/
 *   `reasoning_summary_text` (into `summary[summary_index]`), `function_call_arguments`
 *   (`arguments`), `custom_tool_call_input` (`input`), `code_interpreter_call_code` (`code`), and
 *   `response.output_text.annotation.added`. A `.done` event's full value replaces the deltas.
 * - Other events (`error` is thrown by the stream before it gets here) are ignored.
 */
export class ResponsesAccumulator<TResponse = ResponseLike> {
  private latest: Fields | undefined;
  private terminal: Fields | undefined;
  private readonly output: (Fields | undefined)[] = [];
  private readonly positionById = new Map<string, number>();
  /**
   * Where the item of each `output_index` is in `output`: the last one added there. An item added
   * at an index that holds another item (another id) is a new item after the others, not a
   * replacement (the class of Gemini's tool calls that all come at index 0).
   */
  private readonly positionByIndex = new Map<number, number>();

  add(event: ResponsesStreamEventLike): void {
    if (!isFields(event)) return;
    const type = event.type;
    if (typeof type !== 'string') return;
    if (type === 'response.created' || type === 'response.in_progress') {
      if (isFields(event.response)) this.latest = event.response;
      return;
    }
    if (TERMINAL.has(type)) {
      if (isFields(event.response)) this.terminal = event.response;
      return;
    }
    switch (type) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        this.setItem(event);
        break;
      case 'response.content_part.added':
      case 'response.content_part.done':
        this.setPart(event, 'content', event.content_index, event.part);
        break;
      case 'response.reasoning_summary_part.added':
      case 'response.reasoning_summary_part.done':
        this.setPart(event, 'summary', event.summary_index, event.part);
        break;
      case 'response.output_text.delta':
      case 'response.reasoning_text.delta':
        this.appendToPart(event, 'content', event.content_index, 'text', event.delta);
        break;
      case 'response.output_text.done':
      case 'response.reasoning_text.done':
        this.replaceInPart(event, 'content', event.content_index, 'text', event.text);
        break;
      case 'response.refusal.delta':
        this.appendToPart(event, 'content', event.content_index, 'refusal', event.delta);
        break;
      case 'response.refusal.done':
        this.replaceInPart(event, 'content', event.content_index, 'refusal', event.refusal);
        break;
      case 'response.reasoning_summary_text.delta':
        this.appendToPart(event, 'summary', event.summary_index, 'text', event.delta);
        break;
      case 'response.reasoning_summary_text.done':
        this.replaceInPart(event, 'summary', event.summary_index, 'text', event.text);
        break;
      case 'response.output_text.annotation.added':
        this.addAnnotation(event);
        break;
      case 'response.function_call_arguments.delta':
        this.appendToItem(event, 'arguments', event.delta);
        break;
      case 'response.function_call_arguments.done':
        this.replaceInItem(event, 'arguments', event.arguments);
        break;
      case 'response.custom_tool_call_input.delta':
        this.appendToItem(event, 'input', event.delta);
        break;
      case 'response.custom_tool_call_input.done':
        this.replaceInItem(event, 'input', event.input);
        break;
      case 'response.code_interpreter_call_code.delta':
        this.appendToItem(event, 'code', event.delta);
        break;
      case 'response.code_interpreter_call_code.done':
        this.replaceInItem(event, 'code', event.code);
        break;
    }
  }

  /** The response so far, as a new object. */
  result(): TResponse {
    const { terminal } = this;
    const built = this.builtOutput();
    if (
      terminal !== undefined &&
      Array.isArray(terminal.output) &&
      (terminal.output.length > 0 || built.length === 0)
    ) {
      return { ...terminal } as TResponse;
    }
    const base = terminal ?? this.latest;
    if (base === undefined && built.length === 0) {
      throw new OpenRouterError(
        'No Responses event with a response or an output item was received: there is nothing to merge.',
      );
    }
    return { ...base, output: built } as TResponse;
  }

  private builtOutput(): Fields[] {
    const items: Fields[] = [];
    for (const item of this.output) if (item !== undefined) items.push(plain(item) as Fields);
    return items;
  }

  private setItem(event: Fields): void {
    if (!isFields(event.item)) return;
    const item = copyItem(event.item);
    const index = typeof event.output_index === 'number' ? event.output_index : undefined;
    let position = index === undefined ? undefined : this.positionByIndex.get(index);
    const held = position === undefined ? undefined : this.output[position];
    if (position === undefined || (held !== undefined && isAnother(held.id, item.id))) {
      position = this.output.length;
      if (index !== undefined) this.positionByIndex.set(index, position);
    }
    this.output[position] = item;
    if (typeof item.id === 'string') this.positionById.set(item.id, position);
  }

  /** The item an event is about: by its `item_id` first (the more specific), else its `output_index`. */
  private itemOf(event: Fields): Fields | undefined {
    if (typeof event.item_id === 'string') {
      const position = this.positionById.get(event.item_id);
      if (position !== undefined) return this.output[position];
    }
    if (typeof event.output_index === 'number') {
      const position = this.positionByIndex.get(event.output_index);
      if (position !== undefined) return this.output[position];
    }
    return undefined;
  }

  private partsOf(event: Fields, list: 'content' | 'summary'): unknown[] | undefined {
    const item = this.itemOf(event);
    if (item === undefined) return undefined;
    if (!Array.isArray(item[list])) item[list] = [];
    return item[list] as unknown[];
  }

  private setPart(event: Fields, list: 'content' | 'summary', index: unknown, part: unknown): void {
    const parts = this.partsOf(event, list);
    if (parts === undefined || !isFields(part)) return;
    parts[typeof index === 'number' ? index : parts.length] = { ...part };
  }

  private partAt(event: Fields, list: 'content' | 'summary', index: unknown): Fields | undefined {
    const parts = this.partsOf(event, list);
    if (parts === undefined) return undefined;
    const position = typeof index === 'number' ? index : Math.max(parts.length - 1, 0);
    let part = parts[position];
    if (!isFields(part)) {
      // A delta without its `part.added` event: the part starts with what the deltas bring.
      part = {};
      parts[position] = part;
    }
    return part as Fields;
  }

  private appendToPart(event: Fields, list: 'content' | 'summary', index: unknown, key: string, piece: unknown): void {
    const part = this.partAt(event, list, index);
    if (part !== undefined && typeof piece === 'string') append(part, key, piece);
  }

  private replaceInPart(event: Fields, list: 'content' | 'summary', index: unknown, key: string, value: unknown): void {
    const part = this.partAt(event, list, index);
    if (part !== undefined && typeof value === 'string') part[key] = value;
  }

  private appendToItem(event: Fields, key: string, piece: unknown): void {
    const item = this.itemOf(event);
    if (item !== undefined && typeof piece === 'string') append(item, key, piece);
  }

  private replaceInItem(event: Fields, key: string, value: unknown): void {
    const item = this.itemOf(event);
    if (item !== undefined && typeof value === 'string') item[key] = value;
  }

  private addAnnotation(event: Fields): void {
    const part = this.partAt(event, 'content', event.content_index);
    if (part === undefined || event.annotation === undefined) return;
    if (!Array.isArray(part.annotations)) part.annotations = [];
    const annotations = part.annotations as unknown[];
    annotations[typeof event.annotation_index === 'number' ? event.annotation_index : annotations.length] =
      event.annotation;
  }
}

/** An item with its part lists copied, so later events can change them without touching the event. */
function copyItem(item: Fields): Fields {
  const copy: Fields = { ...item };
  for (const list of ['content', 'summary']) {
    const parts = copy[list];
    if (Array.isArray(parts)) copy[list] = parts.map((part) => (isFields(part) ? { ...part } : part));
  }
  return copy;
}

/** Appends to the text in `target[key]`; the text that was there (the `''` of an added item or part) comes first. */
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

/** A copy with the texts being built turned into strings (items, parts, one level of lists). */
function plain(value: unknown): unknown {
  if (value instanceof TextBuilder) return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (!isFields(value)) return value;
  const copy: Fields = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    copy[key] = field instanceof TextBuilder || Array.isArray(field) || isFields(field) ? plain(field) : field;
  }
  return copy;
}

/**
 * The stream of a Responses API call: its events (of types the SDK does not know yet too, typed
 * `UnknownStreamEvent`), and `finalResponse()`. `TEvent` and `TResponse` are the generated
 * Responses stream event union and `Response` type.
 */
export class ResponsesStream<
  TEvent extends ResponsesStreamEventLike = ResponsesStreamEventLike,
  TResponse = ResponseLike,
> extends Stream<TEvent | UnknownStreamEvent> {
  private readonly merged = new DeferredMerge<ResponsesStreamEventLike, TResponse>(
    new ResponsesAccumulator<TResponse>(),
  );

  constructor(response: Response, controller: AbortController, userSignal?: AbortSignal, options: StreamOptions = {}) {
    super(response, controller, userSignal, { protocol: responsesProtocol, ...options });
  }

  protected override onChunk(event: TEvent | UnknownStreamEvent): void {
    this.merged.keep(event as ResponsesStreamEventLike);
  }

  /**
   * Reads the rest of the stream (if any) and returns the final response, as the non-streamed
   * call returns it: for a stream that ended with `response.failed` or `response.incomplete`,
   * that response (look at its `status`). Throws after a loop that exited early, and rethrows the
   * stream's error (an `error` event, a lost connection).
   */
  async finalResponse(): Promise<TResponse> {
    await this.consumeRest();
    return this.merged.result();
  }
}

/** Two present ids that differ: the items are not the same one. */
function isAnother(held: unknown, incoming: unknown): boolean {
  return (
    typeof held === 'string' && held !== '' && typeof incoming === 'string' && incoming !== '' && held !== incoming
  );
}
