// Merges streamed `chat.completion.chunk`s into the `chat.completion` a non-streaming request
// would have returned. The shapes below are structural stand-ins: the generated chunk type must
// be assignable to `ChatCompletionChunkLike`. Fields not named here are kept, at every level.

import { OpenRouterError } from './errors';
import { Stream } from './stream';

export interface ChatCompletionUsageLike {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletionToolCallDeltaLike {
  index: number;
  id?: string | null;
  type?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

export interface ChatCompletionChunkDeltaLike {
  role?: string | null;
  content?: string | null;
  reasoning?: string | null;
  reasoning_details?: readonly unknown[] | null;
  refusal?: string | null;
  tool_calls?: readonly ChatCompletionToolCallDeltaLike[] | null;
}

export interface ChatCompletionChunkChoiceLike {
  index: number;
  delta: ChatCompletionChunkDeltaLike;
  finish_reason?: string | null;
  native_finish_reason?: string | null;
  logprobs?: unknown;
}

export interface ChatCompletionChunkLike {
  id: string;
  object?: string;
  created: number;
  model: string;
  provider?: string | null;
  system_fingerprint?: string | null;
  choices: readonly ChatCompletionChunkChoiceLike[];
  usage?: ChatCompletionUsageLike | null;
  error?: unknown;
}

export interface ChatCompletionToolCallLike {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionMessageLike {
  role: string;
  content: string | null;
  reasoning?: string | null;
  reasoning_details?: unknown[];
  refusal?: string | null;
  tool_calls?: ChatCompletionToolCallLike[];
}

export interface ChatCompletionChoiceLike {
  index: number;
  message: ChatCompletionMessageLike;
  finish_reason: string | null;
  native_finish_reason?: string | null;
  logprobs?: unknown;
}

export interface ChatCompletionLike {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  provider?: string | null;
  system_fingerprint?: string | null;
  choices: ChatCompletionChoiceLike[];
  usage?: ChatCompletionUsageLike;
}

type Fields = Record<string, unknown>;

/** Pieces joined at a time by `TextBuilder`. */
const TEXT_BATCH = 256;

/**
 * Text arriving in many small pieces (one token per chunk). `text += piece` per chunk would keep each
 * piece plus a rope node in V8, about 64 bytes per chunk whatever the piece's length: several times
 * the text itself, growing with every chunk of a long stream. Joining the pieces in batches keeps
 * little more than the text.
 */
class TextBuilder {
  private text = '';
  private pending: string[] = [];

  append(piece: string): void {
    this.pending.push(piece);
    if (this.pending.length >= TEXT_BATCH) this.flush();
  }

  toString(): string {
    this.flush();
    return this.text;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.text += this.pending.join('');
    this.pending = [];
  }
}

/** Appends `piece` to the text being built in `target[key]` (a `TextBuilder` once a string came). */
function appendText(target: Fields, key: string, piece: string): void {
  const previous = target[key];
  if (previous instanceof TextBuilder) {
    previous.append(piece);
  } else {
    const text = new TextBuilder();
    text.append(piece);
    target[key] = text;
  }
}

function textOf(value: unknown): string | null {
  return value instanceof TextBuilder ? value.toString() : null;
}

interface ToolCallState {
  fields: Fields;
  function: Fields;
}

interface ChoiceState {
  index: number;
  /** `finish_reason`, `logprobs` and unknown choice fields. */
  fields: Fields;
  /** Delta fields merged so far, `tool_calls` aside. */
  message: Fields;
  toolCalls: Map<number, ToolCallState>;
}

/**
 * Builds the final completion from chunks, one `add` at a time; `result()` may be called at any
 * point for a snapshot. Merge rules, per choice `index`:
 * - `content`, `reasoning`, `refusal`: string pieces concatenated; `null` when none was a string
 *   (`reasoning` and `refusal` only appear when some delta had them).
 * - arrays (`reasoning_details`, `annotations`, ...): concatenated.
 * - `tool_calls`: merged by their `index`; `id`, `type`, `function.name` from the first delta
 *   that has them, `function.arguments` concatenated.
 * - `logprobs`: their `content` and `refusal` arrays concatenated.
 * - anything else (`finish_reason`, `role`, unknown fields, top-level fields): the last non-null
 *   value wins; `null` is kept only when nothing else came.
 * - `usage`: from the last chunk that has it.
 * A chunk's `error` is not interpreted here (`Stream` throws on it); fed in directly, it is kept
 * like any unknown field.
 */
export class ChatCompletionAccumulator {
  private readonly topLevel: Fields = {};
  private usage: ChatCompletionUsageLike | undefined;
  private readonly choices = new Map<number, ChoiceState>();
  private chunkCount = 0;

  add(chunk: ChatCompletionChunkLike): void {
    if (!isFields(chunk)) {
      throw new OpenRouterError(`Expected a chat completion chunk (an object), got: ${String(chunk).slice(0, 200)}`);
    }
    this.chunkCount++;
    // This runs for every chunk of every stream: plain loops, and `for...in` with an own-property
    // check (the keys of Object.keys, without allocating an array per object).
    const { topLevel } = this;
    for (const key in chunk) {
      if (key === 'choices' || key === 'usage' || key === 'object' || !hasOwn(chunk, key)) continue;
      keepLastNonNull(topLevel, key, chunk[key]);
    }
    if (isFields(chunk.usage)) this.usage = chunk.usage as unknown as ChatCompletionUsageLike;
    const { choices } = chunk;
    if (Array.isArray(choices)) {
      for (let position = 0; position < choices.length; position++) {
        const choice: unknown = choices[position];
        if (isFields(choice)) this.addChoice(choice, position);
      }
    }
  }

  /** The completion so far, as a new object (later `add` calls do not change it). */
  result(): ChatCompletionLike {
    if (this.chunkCount === 0)
      throw new OpenRouterError('No chat completion chunk was received: there is nothing to merge.');
    const { id, created, model, ...rest } = this.topLevel;
    const choices = [...this.choices.values()].sort((a, b) => a.index - b.index).map(choiceResult);
    return {
      id: id as string,
      object: 'chat.completion',
      created: created as number,
      model: model as string,
      ...rest,
      choices,
      ...(this.usage === undefined ? {} : { usage: this.usage }),
    };
  }

  private addChoice(choice: Fields, position: number): void {
    const index = typeof choice.index === 'number' ? choice.index : position;
    let state = this.choices.get(index);
    if (state === undefined) {
      state = { index, fields: {}, message: {}, toolCalls: new Map() };
      this.choices.set(index, state);
    }
    for (const key in choice) {
      if (key === 'index' || key === 'delta' || !hasOwn(choice, key)) continue;
      if (key === 'logprobs') state.fields.logprobs = mergeLogprobs(state.fields.logprobs, choice.logprobs);
      else keepLastNonNull(state.fields, key, choice[key]);
    }
    if (isFields(choice.delta)) addDelta(state, choice.delta);
  }
}

/** Merges a whole sequence of chunks: see `ChatCompletionAccumulator` for the rules. */
export function accumulateChunks(chunks: Iterable<ChatCompletionChunkLike>): ChatCompletionLike {
  const accumulator = new ChatCompletionAccumulator();
  for (const chunk of chunks) accumulator.add(chunk);
  return accumulator.result();
}

/**
 * A chat completion stream that also merges its chunks as they go by (always: the cost is
 * keeping the text once more), so `finalCompletion()` counts the chunks already iterated.
 */
export class ChatCompletionStream<
  TChunk extends ChatCompletionChunkLike = ChatCompletionChunkLike,
> extends Stream<TChunk> {
  private readonly accumulator = new ChatCompletionAccumulator();

  protected override onChunk(chunk: TChunk): void {
    this.accumulator.add(chunk);
  }

  /**
   * Reads the rest of the stream (if any) and returns the merged completion. Works before, after
   * or instead of a `for await` loop over the stream, but not after one that exited early: the
   * request was cancelled then, and this throws. Rethrows the stream's error if it had one.
   */
  async finalCompletion(): Promise<ChatCompletionLike> {
    await this.consumeRest();
    return this.accumulator.result();
  }
}

function addDelta(state: ChoiceState, delta: Fields): void {
  const { message } = state;
  for (const key in delta) {
    if (!hasOwn(delta, key)) continue;
    const value = delta[key];
    if (key === 'tool_calls') {
      if (Array.isArray(value)) addToolCallDeltas(state.toolCalls, value);
    } else if (key === 'content' || key === 'reasoning' || key === 'refusal') {
      // Text fields: their string pieces are concatenated (the others keep their last non-null value).
      if (typeof value === 'string') appendText(message, key, value);
      else if (!(key in message)) message[key] = null;
    } else if (Array.isArray(value)) {
      const previous = message[key];
      if (Array.isArray(previous)) appendAll(previous, value);
      else message[key] = [...value];
    } else {
      keepLastNonNull(message, key, value);
    }
  }
}

function addToolCallDeltas(toolCalls: Map<number, ToolCallState>, deltas: unknown[]): void {
  deltas.forEach((delta, position) => {
    if (!isFields(delta)) return;
    // Some providers omit `index` when they send whole calls: their position stands in for it.
    const index = typeof delta.index === 'number' ? delta.index : position;
    let state = toolCalls.get(index);
    if (state === undefined) {
      state = { fields: {}, function: {} };
      toolCalls.set(index, state);
    }
    for (const key of Object.keys(delta)) {
      if (key === 'index') continue;
      if (key === 'function') {
        if (isFields(delta.function)) addFunctionDelta(state.function, delta.function);
      } else if (key === 'id' || key === 'type') {
        keepFirstPresent(state.fields, key, delta[key]);
      } else {
        keepLastNonNull(state.fields, key, delta[key]);
      }
    }
  });
}

function addFunctionDelta(merged: Fields, delta: Fields): void {
  for (const key of Object.keys(delta)) {
    const value = delta[key];
    if (key === 'arguments') {
      if (typeof value === 'string') appendText(merged, key, value);
    } else if (key === 'name') {
      keepFirstPresent(merged, key, value);
    } else {
      keepLastNonNull(merged, key, value);
    }
  }
}

function choiceResult(state: ChoiceState): ChatCompletionChoiceLike {
  const { role, content, ...rest } = state.message;
  const message: ChatCompletionMessageLike = {
    role: typeof role === 'string' ? role : 'assistant',
    content: textOf(content),
    ...copyArrays(rest),
  };
  if (state.toolCalls.size > 0) {
    message.tool_calls = [...state.toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => toolCallResult(call));
  }
  const { finish_reason, logprobs, ...fields } = state.fields;
  return {
    index: state.index,
    message,
    finish_reason: typeof finish_reason === 'string' ? finish_reason : null,
    ...fields,
    ...(logprobs === undefined ? {} : { logprobs: copyArrays(logprobs) }),
  };
}

function toolCallResult({ fields, function: fn }: ToolCallState): ChatCompletionToolCallLike {
  const { id, type, ...rest } = fields;
  const { name, arguments: args, ...fnRest } = fn;
  return {
    id: typeof id === 'string' ? id : '',
    type: (typeof type === 'string' ? type : 'function') as 'function',
    function: {
      name: typeof name === 'string' ? name : '',
      arguments: textOf(args) ?? '',
      ...fnRest,
    },
    ...rest,
  };
}

/** OpenAI-style logprobs arrive as `{ content: [...], refusal: [...] }` slices: their arrays add up. */
function mergeLogprobs(merged: unknown, next: unknown): unknown {
  if (next === null || next === undefined) return merged ?? next;
  if (!isFields(next)) return next;
  // The first slice is copied, so later ones can be appended to arrays we own.
  if (!isFields(merged)) return copyArrays(next);
  for (const key of Object.keys(next)) {
    const value = next[key];
    const before = merged[key];
    if (Array.isArray(value) && Array.isArray(before)) appendAll(before, value);
    else if (Array.isArray(value)) merged[key] = [...value];
    else keepLastNonNull(merged, key, value);
  }
  return merged;
}

/**
 * Copies the arrays we append to, so a `result()` snapshot does not change afterwards, and turns
 * text still being built (`reasoning`, `refusal`) into strings.
 */
function copyArrays<T>(value: T): T {
  if (!isFields(value)) return value;
  const copy: Fields = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    copy[key] = Array.isArray(field) ? [...field] : field instanceof TextBuilder ? field.toString() : field;
  }
  return copy as T;
}

function keepLastNonNull(target: Fields, key: string, value: unknown): void {
  if ((value !== null && value !== undefined) || !(key in target)) target[key] = value;
}

/** For identifiers: an empty string does not count as present (some providers repeat `id: ""`). */
function keepFirstPresent(target: Fields, key: string, value: unknown): void {
  if (isPresent(target[key])) return;
  if (isPresent(value) || !(key in target)) target[key] = value;
}

function isPresent(value: unknown): boolean {
  return typeof value === 'string' ? value !== '' : value !== null && value !== undefined;
}

/** `push(...items)` has an argument-count limit; a loop does not. */
function appendAll(target: unknown[], items: readonly unknown[]): void {
  for (const item of items) target.push(item);
}

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
