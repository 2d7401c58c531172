import { HttpClient } from './core/http';
import type { ClientOptions } from './core/options';
import { Chat } from './resources/chat';
import { Endpoints } from './resources/endpoints';
import { Keys } from './resources/keys';
import { Models } from './resources/models';
import { OAuth } from './resources/oauth';
import { Providers } from './resources/providers';

/**
 * The OpenRouter API client.
 *
 * ```ts
 * const client = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });
 * const { data } = await client.models.list();
 * ```
 */
export class OpenRouter {
  readonly models: Models;
  readonly endpoints: Endpoints;
  readonly providers: Providers;
  readonly keys: Keys;
  readonly oauth: OAuth;
  readonly chat: Chat;
  /** The base URL requests go to. */
  readonly baseURL: string;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions = {}) {
    const http = new HttpClient(options);
    this.#options = options;
    this.baseURL = http.baseURL;
    this.models = new Models(http);
    this.endpoints = new Endpoints(http);
    this.providers = new Providers(http);
    this.keys = new Keys(http);
    this.oauth = new OAuth(http);
    this.chat = new Chat(http);
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
