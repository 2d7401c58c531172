import * as operations from '../generated/operations.gen';
import { GeneratedResources } from '../generated/resources.gen';
import type { ClientOptions } from './core/options';
import { UsageLedger } from './core/usage-ledger';
import { HttpClient } from './internal/http';
import { type RequestFunction, requestFunction } from './internal/route-request';
import { type GenerationSource, type WaitForGenerationOptions, waitForGeneration } from './lib/generation-wait';
import { Chat } from './resources/chat';
import { Embeddings } from './resources/embeddings';
import { Images } from './resources/images';
import { Messages } from './resources/messages';
import { Responses } from './resources/responses';

/**
 * The OpenRouter API client: one method per operation of the API (the generated resources, plus
 * the hand-written streaming ones added here), and `request()` for any `METHOD /path`.
 *
 * ```ts
 * const client = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
 * const { data } = await client.models.list();
 * ```
 */
export class OpenRouter extends GeneratedResources {
  readonly chat: Chat;
  readonly responses: Responses;
  readonly messages: Messages;
  readonly images: Images;
  readonly embeddings: Embeddings;
  /** The base URL requests go to. */
  readonly baseURL: string;
  /**
   * Calls any operation of the description by its `METHOD /path`, typed through the `paths` view:
   * `client.request('GET /generation', { query: { id } })`. Same transport, retries and errors as
   * the methods; binary answers resolve to the `Response`.
   */
  readonly request: RequestFunction;
  /**
   * What this client's calls cost: `usage.totals()` sums the `usage` of every answer and finished
   * stream (cost and BYOK cost as exact decimal strings, tokens); `usage.reset()` starts again.
   */
  readonly usage: UsageLedger;
  readonly #options: ClientOptions;
  readonly #http: HttpClient;

  constructor(options: ClientOptions = {}, /** @internal */ usage?: UsageLedger) {
    const http = new HttpClient(options, usage ?? new UsageLedger(options?.onUsage, options?.spendLimit));
    super(http);
    this.#options = options;
    this.baseURL = http.baseURL;
    this.chat = new Chat(http);
    this.responses = new Responses(http);
    this.messages = new Messages(http);
    this.images = new Images(http);
    this.embeddings = new Embeddings(http);
    this.request = requestFunction(http, operations);
    this.usage = http.usage as UsageLedger;
    this.#http = http;
  }

  /**
   * The stats of a generation just made (`GET /generation`), waiting for them: that answers 404 for
   * a few seconds after a generation ends, so the 404 is asked again until `waitTimeout` (default 30 s).
   * Takes the `gen-...` id, a completion (or any answer with an `id`), or a stream this client made
   * that has been read.
   *
   * ```ts
   * const completion = await client.chat.completions.create({ model, messages });
   * const { data } = await client.waitForGeneration(completion);
   * ```
   */
  waitForGeneration(source: GenerationSource, options?: WaitForGenerationOptions) {
    return waitForGeneration(this.#http, source, options);
  }

  /**
   * A new client with these options over this one's: `defaultHeaders` are merged (a `null` removes
   * one), every other option given replaces this client's. This client is unchanged.
   *
   * ```ts
   * const patient = client.withOptions({ timeout: 120_000, maxRetries: 5 });
   * ```
   */
  withOptions(options: ClientOptions): OpenRouter {
    const defaultHeaders =
      this.#options.defaultHeaders && options.defaultHeaders
        ? { ...this.#options.defaultHeaders, ...options.defaultHeaders }
        : (options.defaultHeaders ?? this.#options.defaultHeaders);
    // The usage record (and its spend cap) goes on, unless the new options set their own.
    const ownUsage = options.onUsage !== undefined || options.spendLimit !== undefined;
    return new OpenRouter({ ...this.#options, ...options, defaultHeaders }, ownUsage ? undefined : this.usage);
  }
}
