import { GeneratedResources } from '../generated/resources.gen';
import { HttpClient } from './core/http';
import type { ClientOptions } from './core/options';
import { type RequestFunction, requestFunction } from './core/request';
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
  readonly #options: ClientOptions;

  constructor(options: ClientOptions = {}) {
    const http = new HttpClient(options);
    super(http);
    this.#options = options;
    this.baseURL = http.baseURL;
    this.chat = new Chat(http);
    this.responses = new Responses(http);
    this.messages = new Messages(http);
    this.images = new Images(http);
    this.embeddings = new Embeddings(http);
    this.request = requestFunction(http);
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
    return new OpenRouter({ ...this.#options, ...options, defaultHeaders });
  }
}
