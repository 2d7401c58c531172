// Merges streamed `chat.completion.chunk`s into the `chat.completion` a non-streaming request
// would have returned. The shapes below are structural stand-ins: the generated chunk type must
// be assignable to `ChatCompletionChunkLike`. Fields not named here are kept, at every level.

import { OpenRouterError } from '../core/errors';
import { DeferredMerge, defaultProtocol, Stream, type StreamOptions, type StreamProtocol } from '../core/stream';
import { type Fields, isFields } from '../internal/fields';
import { TextBuilder } from '../internal/text-builder';

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

/** Chat completions: a chunk with a top-level `error` object; the end is `[DONE]` (or the body's end). */
export const chatProtocol: StreamProtocol = defaultProtocol;

/**
 * An array whose items are merged by their `index` (`tool_calls`, `reasoning_details`, ...). A new
 * non-empty `id` at an index that holds another id starts a new item there: Gemini sends every
 * tool call at `index: 0`, each with its own id, and merging them glued their arguments together.
 */
class IndexedParts {
  /** Every item, in arrival order (`sorted()` orders them by index, arrival breaking ties). */
  private readonly entries: { index: number; part: Fields }[] = [];
  /** The item each index adds to now: the last one started there. */
  private readonly current = new Map<number, Fields>();
  /** Items without an `index` get keys of their own, after every real index. */
  private unindexed = 0;

  constructor(private readonly positionStandsForIndex: boolean) {}

  add(items: readonly unknown[]): void {
    for (let position = 0; position < items.length; position++) {
      const item = items[position];
      if (!isFields(item)) continue;
      let index: number;
      if (typeof item.index === 'number') index = item.index;
      // Some providers omit `index` when they send whole tool calls: their position stands in for it.
      else if (this.positionStandsForIndex) index = position;
      else index = Number.MAX_SAFE_INTEGER - 1_000_000 + this.unindexed++;
      let part = this.current.get(index);
      if (part === undefined || startsAnother(part, item)) {
        part = fields();
        this.current.set(index, part);
        this.entries.push({ index, part });
      }
      mergeFields(part, item);
    }
  }

  sorted(): Fields[] {
    return [...this.entries].sort((a, b) => a.index - b.index).map((entry) => entry.part);
  }
}

/** True when `item` brings an id, and `part` already has a different one: it is another item. */
function startsAnother(part: Fields, item: Fields): boolean {
  return isPresent(item.id) && isPresent(part.id) && item.id !== part.id;
}

/** State objects without a prototype: a delta key such as `__proto__` is an ordinary key in them. */
function fields(): Fields {
  return Object.create(null) as Fields;
}

/** Text fields whose string pieces are concatenated, at any level (a delta, a tool call, a reasoning detail). */
const APPENDED = new Set(['content', 'reasoning', 'refusal', 'text', 'summary', 'arguments']);
/** Identifiers: the first present value stays (some providers repeat `id: ""` in later deltas). */
const IDENTIFIERS = new Set(['id', 'type', 'name']);
/** Values sent whole, once (a reasoning signature, encrypted data): a later empty or null value does not erase them. */
const SENT_WHOLE = new Set(['signature', 'data', 'format']);

/** Under `audio` (a spoken answer), `transcript` and `data` (base64 audio) also come in pieces. */
const AUDIO_PIECES = new Set(['transcript', 'data']);

/**
 * Merges one delta (or one part of an indexed array) into `target`, by the rules of
 * `ChatCompletionAccumulator`; `parentKey` is the key `target` sits under (`audio`, `function`, ...).
 */
function mergeFields(target: Fields, delta: Fields, parentKey?: string): void {
  const pieces = parentKey === 'audio' ? AUDIO_PIECES : undefined;
  for (const key in delta) {
    if (!hasOwn(delta, key)) continue;
    const value = delta[key];
    const previous = hasOwn(target, key) ? target[key] : undefined;
    if (APPENDED.has(key) || pieces?.has(key)) {
      if (typeof value === 'string') appendText(target, key, value, previous);
      else if (previous === undefined) target[key] = value === undefined ? null : value;
      else if (!(previous instanceof TextBuilder) && value !== null && value !== undefined) target[key] = value;
    } else if (IDENTIFIERS.has(key)) {
      if (!isPresent(previous) && (isPresent(value) || !hasOwn(target, key))) target[key] = value;
    } else if (SENT_WHOLE.has(key)) {
      if (isPresent(value) || !hasOwn(target, key)) target[key] = value;
    } else if (Array.isArray(value)) {
      mergeArray(target, key, value, previous);
    } else if (isFields(value)) {
      const nested = isFields(previous) && !isBuilt(previous) ? previous : fields();
      if (nested !== previous) target[key] = nested;
      mergeFields(nested, value, key);
    } else if ((value !== null && value !== undefined) || !hasOwn(target, key)) {
      target[key] = value;
    }
  }
}

function mergeArray(target: Fields, key: string, value: readonly unknown[], previous: unknown): void {
  if (previous instanceof IndexedParts) {
    previous.add(value);
  } else if (key === 'tool_calls' || value.some(hasNumericIndex)) {
    const parts = new IndexedParts(key === 'tool_calls');
    if (Array.isArray(previous)) parts.add(previous);
    parts.add(value);
    target[key] = parts;
  } else if (Array.isArray(previous)) {
    appendAll(previous, value);
  } else {
    target[key] = [...value];
  }
}

function isBuilt(value: unknown): boolean {
  return value instanceof TextBuilder || value instanceof IndexedParts;
}

function hasNumericIndex(item: unknown): boolean {
  return isFields(item) && typeof item.index === 'number';
}

function appendText(target: Fields, key: string, piece: string, previous: unknown): void {
  if (previous instanceof TextBuilder) {
    previous.append(piece);
    return;
  }
  const text = new TextBuilder();
  // A value that was there before the first string (`null`) is replaced by the text.
  text.append(piece);
  target[key] = text;
}

/**
 * The merged state as plain objects that deep-equal what `JSON.parse` gives for the same JSON:
 * texts as strings, indexed parts as arrays in `index` order, `__proto__` as an own property.
 */
function toPlain(value: unknown): unknown {
  if (value instanceof TextBuilder) return value.toString();
  if (value instanceof IndexedParts) {
    return value.sorted().map(toPlain);
  }
  if (Array.isArray(value)) return [...value];
  if (typeof value !== 'object' || value === null) return value;
  const plain: Fields = {};
  for (const key of Object.keys(value)) setOwn(plain, key, toPlain((value as Fields)[key]));
  return plain;
}

/** `plain[key] = value`, except that `__proto__` becomes an own property instead of the prototype. */
function setOwn(plain: Fields, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(plain, key, { value, enumerable: true, writable: true, configurable: true });
  else plain[key] = value;
}

interface ChoiceState {
  index: number;
  /** `finish_reason`, `logprobs` and unknown choice fields. */
  fields: Fields;
  /** Delta fields merged so far. */
  message: Fields;
}

/**
 * Builds the final completion from chunks, one `add` at a time; `result()` may be called at any
 * point for a snapshot. Merge rules, per choice `index`, at every level of a delta:
 * - `content`, `reasoning`, `refusal`, `text`, `summary`, `arguments`, and `audio.transcript` and
 *   `audio.data`: string pieces concatenated; `null` when none was a string (they only appear
 *   when some delta had them).
 * - arrays whose items carry an `index` (`tool_calls`, `reasoning_details`, any other): items
 *   merged by `index` with these same rules, in `index` order; a new `id` at an index that holds
 *   another id starts a new item after it (Gemini sends every tool call at index 0) (`tool_calls` items without an
 *   `index` use their position). Other arrays (`annotations`, ...) are concatenated.
 * - `id`, `type`, `name`: the first present value (not `""`, not `null`); `signature`, `data`,
 *   `format`: the last present value. So a reasoning detail keeps its text, the signature that
 *   came in a later fragment and its encrypted data, as the API merges them.
 * - nested objects (`function`, ...): merged with the same rules.
 * - `logprobs`: their `content` and `refusal` arrays concatenated.
 * - anything else (`finish_reason`, `role`, unknown fields, top-level fields): the last non-null
 *   value wins; `null` is kept only when nothing else came.
 * - `usage`: from the last chunk that has it.
 * Keys are kept whatever they are (`__proto__` included) and the result is plain JSON-like data.
 * A chunk's `error` is not interpreted here (`Stream` throws on it); fed in directly, it is kept
 * like any unknown field.
 */
export class ChatCompletionAccumulator<TCompletion = ChatCompletionLike> {
  private readonly topLevel: Fields = fields();
  private usage: unknown;
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
    if (isFields(chunk.usage)) this.usage = chunk.usage;
    const { choices } = chunk;
    if (Array.isArray(choices)) {
      for (let position = 0; position < choices.length; position++) {
        const choice: unknown = choices[position];
        if (isFields(choice)) this.addChoice(choice, position);
      }
    }
  }

  /** The completion so far, as a new object (later `add` calls do not change it). */
  result(): TCompletion {
    if (this.chunkCount === 0)
      throw new OpenRouterError('No chat completion chunk was received: there is nothing to merge.');
    const { id, created, model, ...rest } = toPlain(this.topLevel) as Fields;
    const choices = [...this.choices.values()].sort((a, b) => a.index - b.index).map(choiceResult);
    const completion: Fields = { id, object: 'chat.completion', created, model };
    for (const key of Object.keys(rest)) setOwn(completion, key, rest[key]);
    completion.choices = choices;
    if (this.usage !== undefined) completion.usage = this.usage;
    return completion as TCompletion;
  }

  private addChoice(choice: Fields, position: number): void {
    const index = typeof choice.index === 'number' ? choice.index : position;
    let state = this.choices.get(index);
    if (state === undefined) {
      state = { index, fields: fields(), message: fields() };
      this.choices.set(index, state);
    }
    for (const key in choice) {
      if (key === 'index' || key === 'delta' || !hasOwn(choice, key)) continue;
      if (key === 'logprobs') state.fields.logprobs = mergeLogprobs(state.fields.logprobs, choice.logprobs);
      else keepLastNonNull(state.fields, key, choice[key]);
    }
    if (isFields(choice.delta)) mergeFields(state.message, choice.delta);
  }
}

/**
 * A chat completion stream whose `finalCompletion()` merges its chunks, those already iterated
 * included; reading it with `for await` only keeps them for that (see `DeferredMerge`).
 * `TChunk` and `TCompletion` are the generated `ChatCompletionChunk` and `ChatCompletion`.
 */
export class ChatCompletionStream<
  TChunk extends ChatCompletionChunkLike = ChatCompletionChunkLike,
  TCompletion = ChatCompletionLike,
> extends Stream<TChunk> {
  private readonly merged = new DeferredMerge(new ChatCompletionAccumulator<TCompletion>());

  constructor(response: Response, controller: AbortController, userSignal?: AbortSignal, options: StreamOptions = {}) {
    super(response, controller, userSignal, { protocol: chatProtocol, ...options });
  }

  protected override onChunk(chunk: TChunk): void {
    this.merged.keep(chunk);
  }

  /**
   * Reads the rest of the stream (if any) and returns the merged completion. Works before, after
   * or instead of a `for await` loop over the stream, but not after one that exited early: the
   * request was cancelled then, and this throws. Rethrows the stream's error if it had one.
   */
  async finalCompletion(): Promise<TCompletion> {
    await this.consumeRest();
    return this.merged.result();
  }
}

function choiceResult(state: ChoiceState): ChatCompletionChoiceLike {
  const { role, content, tool_calls, ...rest } = toPlain(state.message) as Fields;
  const message: Fields = {
    role: typeof role === 'string' ? role : 'assistant',
    content: typeof content === 'string' ? content : null,
  };
  for (const key of Object.keys(rest)) setOwn(message, key, rest[key]);
  if (Array.isArray(tool_calls) && tool_calls.length > 0) message.tool_calls = tool_calls.map(toolCallResult);
  const { finish_reason, logprobs, ...choiceFields } = toPlain(state.fields) as Fields;
  const choice: Fields = {
    index: state.index,
    message,
    finish_reason: typeof finish_reason === 'string' ? finish_reason : null,
  };
  for (const key of Object.keys(choiceFields)) setOwn(choice, key, choiceFields[key]);
  if (logprobs !== undefined) choice.logprobs = copyArrays(logprobs);
  return choice as unknown as ChatCompletionChoiceLike;
}

/** A merged tool call with the fields a complete one always has. */
function toolCallResult(call: unknown): unknown {
  if (!isFields(call)) return call;
  const fn = isFields(call.function) ? call.function : {};
  const result: Fields = {};
  if (typeof call.index === 'number') result.index = call.index;
  result.id = typeof call.id === 'string' ? call.id : '';
  result.type = typeof call.type === 'string' ? call.type : 'function';
  const fnResult: Fields = {
    name: typeof fn.name === 'string' ? fn.name : '',
    arguments: typeof fn.arguments === 'string' ? fn.arguments : '',
  };
  for (const key of Object.keys(fn)) if (!(key in fnResult)) setOwn(fnResult, key, fn[key]);
  result.function = fnResult;
  for (const key of Object.keys(call)) if (!(key in result)) setOwn(result, key, call[key]);
  return result;
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

/** Copies the arrays we append to, so a `result()` snapshot does not change afterwards. */
function copyArrays<T>(value: T): T {
  if (!isFields(value)) return value;
  const copy: Fields = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    setOwn(copy, key, Array.isArray(field) ? [...field] : field);
  }
  return copy as T;
}

function keepLastNonNull(target: Fields, key: string, value: unknown): void {
  if ((value !== null && value !== undefined) || !hasOwn(target, key)) target[key] = value;
}

function isPresent(value: unknown): boolean {
  return typeof value === 'string' ? value !== '' : value !== null && value !== undefined;
}

/** `push(...items)` has an argument-count limit; a loop does not. */
function appendAll(target: unknown[], items: readonly unknown[]): void {
  for (const item of items) target.push(item);
}

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);
