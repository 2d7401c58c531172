// The tool loop behind `chat.completions.runTools`: ask the model, run the tools it calls (those of
// one message in parallel), send their results back, and repeat until it answers without tools or
// the round limit is reached. Independent of the resource: it is given the `create` to call.

import type { APIPromise } from '../core/api-promise';
import { APIUserAbortError, OpenRouterError } from '../core/errors';
import { checkSignal, type RequestOptions } from '../core/options';
import { ToolRoundLimitError } from './errors';
import { contentText } from './structured-output';

// Structural shapes of what the loop reads and writes; the generated chat types fit them.
interface ToolCallShape {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}
interface AssistantMessageShape {
  role: 'assistant';
  content?: unknown;
  tool_calls?: ToolCallShape[];
}
interface CompletionShape {
  choices: Array<{ message: AssistantMessageShape; finish_reason?: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost?: number } | undefined;
}
interface StreamShape<Chunk, Completion> extends AsyncIterable<Chunk> {
  finalCompletion(): Promise<Completion>;
}

/** What a tool's `function` receives besides its arguments. */
export interface ToolCallContext {
  /** Aborted when the loop is aborted: pass it on to long work (fetches, ...). */
  signal: AbortSignal;
  /** The call being run (its id, name and raw `arguments`). */
  toolCall: ToolCallShape;
  /** The conversation so far (read-only view). */
  messages: readonly unknown[];
}

/**
 * A tool `runTools` runs. Without `parse`, `function` receives the raw `arguments` string (as in
 * openai-node); with it, what `parse` returns. `tool()` makes tools with a schema-based `parse`.
 */
export interface RunnableTool<Args = unknown> {
  type: 'function';
  function: {
    name: string;
    description?: string | undefined;
    parameters?: Record<string, unknown> | undefined;
    strict?: boolean | null | undefined;
    /** Parses `arguments`; a throw is sent back to the model as the tool's answer (and recorded). */
    parse?: ((rawArguments: string) => Args | Promise<Args>) | undefined;
    function: (args: Args, context: ToolCallContext) => unknown;
  };
}

/** One `RunnableTool` per element of `Args`, so each tool's `function` is typed by its own `parse`. */
export type RunnableTools<Args extends readonly unknown[]> = { [Index in keyof Args]: RunnableTool<Args[Index]> };

export interface RunToolsOptions extends RequestOptions {
  /** The most model requests the loop makes. Default 10. */
  maxRounds?: number | undefined;
}

/** A tool call that did not produce a result: its error was sent to the model as the tool's answer. */
export interface ToolCallError {
  round: number;
  toolCallId: string;
  name: string;
  /** `unknown_tool`: no tool has that name; `invalid_arguments`: `parse` threw; `tool_threw`: `function` threw. */
  kind: 'unknown_tool' | 'invalid_arguments' | 'tool_threw';
  error: unknown;
}

export interface TotalUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Sum of the rounds' `cost` (USD), when the API reported it. */
  cost?: number;
}

interface RunnerEvents<Message, Completion, Chunk> {
  /** Every message added to the conversation: the model's, then the tools' answers. */
  message: (message: Message) => void;
  /** Every completion (one per round). */
  completion: (completion: Completion) => void;
  /** Every chunk, with `stream: true`. */
  chunk: (chunk: Chunk) => void;
  toolCallError: (error: ToolCallError) => void;
  /** The loop ended with the model's final answer. */
  end: () => void;
  /** The loop failed (a request error, an abort, the round limit). */
  error: (error: unknown) => void;
}

export const DEFAULT_MAX_ROUNDS = 10;

/** Makes one round's request: `create` of the chat resource. */
export type CreateCompletion<Completion, Chunk> = (
  body: Record<string, unknown>,
  options: RequestOptions,
) => APIPromise<Completion | StreamShape<Chunk, Completion>>;

/**
 * A running tool loop. It starts at once; read its result with `done()`, `finalContent()`,
 * `finalMessage()`, `finalChatCompletion()` or `totalUsage()`, or follow it with `on(event, ...)`.
 * The loop's error rejects those promises and is emitted as `error`; when nobody listens for either,
 * it surfaces as an unhandled rejection rather than disappearing.
 */
export class ChatCompletionRunner<
  Message = unknown,
  Completion extends CompletionShape = CompletionShape,
  Chunk = unknown,
> {
  /** The conversation: the request's messages, then each round's assistant message and tool answers. */
  readonly messages: Message[];
  /** Every completion received, one per round. */
  readonly completions: Completion[] = [];
  /** Tool calls whose errors were sent back to the model instead of a result. */
  readonly toolCallErrors: ToolCallError[] = [];

  readonly #controller = new AbortController();
  readonly #listeners = new Map<keyof RunnerEvents<Message, Completion, Chunk>, Set<(...args: never[]) => void>>();
  readonly #done: Promise<void>;
  #observed = false;

  constructor(
    create: CreateCompletion<Completion, Chunk>,
    body: Record<string, unknown> & { messages: readonly Message[]; tools: readonly unknown[] },
    options: RunToolsOptions = {},
  ) {
    const { maxRounds = DEFAULT_MAX_ROUNDS, signal: givenSignal, ...requestOptions } = options;
    const signal = checkSignal(givenSignal);
    if (!Number.isInteger(maxRounds) || maxRounds < 1) {
      throw new OpenRouterError(`runTools: maxRounds must be a whole number >= 1, got ${String(maxRounds)}.`);
    }
    const tools = checkTools(body.tools);
    if (!Array.isArray(body.messages)) throw new OpenRouterError('runTools: messages must be an array.');
    this.messages = [...body.messages];
    const abort = () => this.#controller.abort();
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    // Started after the constructor returns, so listeners added right away see every event.
    this.#done = Promise.resolve().then(() => this.#run(create, body, tools, maxRounds, requestOptions));
    this.#done.then(
      () => {
        signal?.removeEventListener('abort', abort);
        this.#emit('end');
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', abort);
        const listened = (this.#listeners.get('error')?.size ?? 0) > 0;
        this.#emit('error', error);
        if (!listened && !this.#observed) throw error;
      },
    );
  }

  /** Stops the loop: the request in flight is cancelled, and tool results still pending are ignored. */
  abort(): void {
    this.#controller.abort();
  }

  on<Event extends keyof RunnerEvents<Message, Completion, Chunk>>(
    event: Event,
    listener: RunnerEvents<Message, Completion, Chunk>[Event],
  ): this {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener as (...args: never[]) => void);
    this.#listeners.set(event, listeners);
    return this;
  }

  off<Event extends keyof RunnerEvents<Message, Completion, Chunk>>(
    event: Event,
    listener: RunnerEvents<Message, Completion, Chunk>[Event],
  ): this {
    this.#listeners.get(event)?.delete(listener as (...args: never[]) => void);
    return this;
  }

  /** Resolves when the model has given its final answer. */
  done(): Promise<void> {
    this.#observed = true;
    return this.#done;
  }

  /** The loop's end, for subclasses: unlike `done()`, it does not count as someone observing the result. */
  protected settled(): Promise<void> {
    return this.#done;
  }

  /** The last completion (the one with the final answer). */
  async finalChatCompletion(): Promise<Completion> {
    await this.done();
    return this.completions[this.completions.length - 1] as Completion;
  }

  /** The model's final message. */
  async finalMessage(): Promise<Completion['choices'][number]['message']> {
    return firstChoice(await this.finalChatCompletion()).message;
  }

  /** The text of the model's final message (text parts joined; `null` when it has none). */
  async finalContent(): Promise<string | null> {
    return contentText((await this.finalMessage()).content) ?? null;
  }

  /** The usage of every round, summed. */
  async totalUsage(): Promise<TotalUsage> {
    await this.done();
    return sumUsage(this.completions);
  }

  protected emitChunk(chunk: Chunk): void {
    this.#emit('chunk', chunk);
  }

  #emit<Event extends keyof RunnerEvents<Message, Completion, Chunk>>(
    event: Event,
    ...args: Parameters<RunnerEvents<Message, Completion, Chunk>[Event]>
  ): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...values: unknown[]) => void)(...args);
  }

  #addMessage(message: Message): void {
    this.messages.push(message);
    this.#emit('message', message);
  }

  async #run(
    create: CreateCompletion<Completion, Chunk>,
    body: Record<string, unknown>,
    tools: Map<string, RunnableTool<unknown>>,
    maxRounds: number,
    requestOptions: RequestOptions,
  ): Promise<void> {
    const apiTools = [...tools.values()].map(toApiTool);
    const { signal } = this.#controller;
    for (let round = 1; round <= maxRounds; round++) {
      if (signal.aborted) throw new APIUserAbortError();
      // A forced tool_choice ('required' or a named tool) holds for the first round only: keeping it
      // would make the model call tools forever.
      const toolChoice = round === 1 || body.tool_choice === undefined ? {} : { tool_choice: 'auto' };
      const request = { ...body, ...toolChoice, messages: [...this.messages], tools: apiTools };
      const completion = await this.#request(create, request, { ...requestOptions, signal });
      this.completions.push(completion);
      this.#emit('completion', completion);
      const { message } = firstChoice(completion);
      this.#addMessage(message as Message);
      const calls = message.tool_calls ?? [];
      if (calls.length === 0) return;
      const answers = await abortable(Promise.all(calls.map((call) => this.#runToolCall(call, tools, round))), signal);
      for (const answer of answers) this.#addMessage(answer as Message);
      if (round === maxRounds) throw new ToolRoundLimitError(round, [...this.messages]);
    }
  }

  async #request(
    create: CreateCompletion<Completion, Chunk>,
    request: Record<string, unknown>,
    options: RequestOptions,
  ): Promise<Completion> {
    const result = await create(request, options);
    if (!isStream<Chunk, Completion>(result)) return result;
    for await (const chunk of result) this.emitChunk(chunk);
    return result.finalCompletion();
  }

  async #runToolCall(
    call: ToolCallShape,
    tools: Map<string, RunnableTool<unknown>>,
    round: number,
  ): Promise<{ role: 'tool'; tool_call_id: string; content: string }> {
    const answer = (content: string) => ({ role: 'tool' as const, tool_call_id: call.id, content });
    const failed = (kind: ToolCallError['kind'], error: unknown, content: string) => {
      const record: ToolCallError = { round, toolCallId: call.id, name: call.function.name, kind, error };
      this.toolCallErrors.push(record);
      this.#emit('toolCallError', record);
      return answer(content);
    };
    const runnable = tools.get(call.function.name);
    if (runnable === undefined) {
      const known = [...tools.keys()].map((name) => JSON.stringify(name)).join(', ');
      const error = new OpenRouterError(`No tool is named ${JSON.stringify(call.function.name)}.`);
      return failed(
        'unknown_tool',
        error,
        `Error: no tool is named ${JSON.stringify(call.function.name)}; the tools are ${known}.`,
      );
    }
    const { parse, function: run } = runnable.function;
    let args: unknown;
    try {
      args = parse === undefined ? call.function.arguments : await parse(call.function.arguments);
    } catch (error) {
      return failed('invalid_arguments', error, `Error: invalid arguments: ${messageOf(error)}`);
    }
    try {
      const context: ToolCallContext = { signal: this.#controller.signal, toolCall: call, messages: this.messages };
      return answer(toContent(await run(args, context)));
    } catch (error) {
      return failed('tool_threw', error, `Error: ${messageOf(error)}`);
    }
  }
}

/** The runner of `runTools({ ..., stream: true })`: also an async iterable of every round's chunks. */
export class ChatCompletionStreamingRunner<
    Message = unknown,
    Completion extends CompletionShape = CompletionShape,
    Chunk = unknown,
  >
  extends ChatCompletionRunner<Message, Completion, Chunk>
  implements AsyncIterable<Chunk>
{
  readonly #buffered: Chunk[] = [];
  #wake: (() => void) | undefined;
  #finished = false;
  #iterated = false;

  constructor(
    create: CreateCompletion<Completion, Chunk>,
    body: Record<string, unknown> & { messages: readonly Message[]; tools: readonly unknown[] },
    options?: RunToolsOptions,
  ) {
    super(create, body, options);
    const settle = () => {
      this.#finished = true;
      this.#wake?.();
    };
    this.settled().then(settle, settle);
  }

  protected override emitChunk(chunk: Chunk): void {
    this.#buffered.push(chunk);
    this.#wake?.();
    super.emitChunk(chunk);
  }

  /** Every chunk of every round, in order; rethrows the loop's error. Leaving early aborts the loop. */
  async *[Symbol.asyncIterator](): AsyncIterator<Chunk> {
    if (this.#iterated) throw new OpenRouterError('runTools: the stream of chunks can be iterated once.');
    this.#iterated = true;
    let completed = false;
    try {
      for (;;) {
        const chunk = this.#buffered.shift();
        if (chunk !== undefined) {
          yield chunk;
          continue;
        }
        if (this.#finished) break;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
      await this.done();
      completed = true;
    } finally {
      if (!completed) this.abort();
    }
  }
}

function checkTools(tools: unknown): Map<string, RunnableTool<unknown>> {
  if (!Array.isArray(tools) || tools.length === 0) {
    throw new OpenRouterError(
      'runTools: tools must be a non-empty array of { type: "function", function: { name, function } }.',
    );
  }
  const byName = new Map<string, RunnableTool<unknown>>();
  for (const [index, tool] of tools.entries()) {
    const fn = (tool as Partial<RunnableTool<unknown>> | null)?.function;
    if (typeof fn?.name !== 'string' || fn.name === '') {
      throw new OpenRouterError(`runTools: tools[${index}] has no function.name.`);
    }
    if (typeof fn.function !== 'function') {
      throw new OpenRouterError(`runTools: tool "${fn.name}" has no function to run (function.function).`);
    }
    if (fn.parse !== undefined && typeof fn.parse !== 'function') {
      throw new OpenRouterError(`runTools: tool "${fn.name}": parse must be a function.`);
    }
    if (byName.has(fn.name)) throw new OpenRouterError(`runTools: two tools are named "${fn.name}".`);
    byName.set(fn.name, tool as RunnableTool<unknown>);
  }
  return byName;
}

/** The `tools[]` entry the API gets: the definition without `function` and `parse`. */
function toApiTool({ function: fn }: RunnableTool<unknown>) {
  return {
    type: 'function' as const,
    function: {
      name: fn.name,
      ...(fn.description !== undefined && { description: fn.description }),
      ...(fn.parameters !== undefined && { parameters: fn.parameters }),
      ...(fn.strict !== undefined && fn.strict !== null && { strict: fn.strict }),
    },
  };
}

function firstChoice<Completion extends CompletionShape>(completion: Completion): Completion['choices'][number] {
  const choice = completion.choices[0];
  if (choice === undefined) throw new OpenRouterError('runTools: the completion has no choices.');
  return choice;
}

function isStream<Chunk, Completion>(value: unknown): value is StreamShape<Chunk, Completion> {
  return typeof (value as { finalCompletion?: unknown } | null)?.finalCompletion === 'function';
}

/** `promise`, or an `APIUserAbortError` as soon as `signal` aborts (the promise's result is then ignored). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new APIUserAbortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A tool's result as message content: strings as they are, anything else as JSON (`undefined` as `null`). */
function toContent(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result ?? null) ?? 'null';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sumUsage(completions: readonly CompletionShape[]): TotalUsage {
  const total: TotalUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  for (const { usage } of completions) {
    if (usage === undefined) continue;
    total.prompt_tokens += usage.prompt_tokens;
    total.completion_tokens += usage.completion_tokens;
    total.total_tokens += usage.total_tokens;
    if (typeof usage.cost === 'number') total.cost = (total.cost ?? 0) + usage.cost;
  }
  return total;
}
