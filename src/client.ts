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

  constructor(options: ClientOptions = {}) {
    const http = new HttpClient(options);
    this.baseURL = http.baseURL;
    this.models = new Models(http);
    this.endpoints = new Endpoints(http);
    this.providers = new Providers(http);
    this.keys = new Keys(http);
    this.oauth = new OAuth(http);
    this.chat = new Chat(http);
  }
}
