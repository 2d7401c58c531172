import {
  getModel,
  getModelParameters,
  listEmbeddingModels,
  listModelEndpoints,
  listModels,
  listUserModels,
} from '../../generated/sdk.gen';
import type {
  GetModelParametersData,
  GetModelParametersResponse,
  GetModelResponse,
  ListModelEndpointsResponse,
  ListModelsData,
  ListModelsResponse,
} from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient } from '../core/http';
import type { RequestOptions } from '../core/options';
import { modelPath } from './path-params';

export class Models {
  constructor(private readonly http: HttpClient) {}

  /**
   * List all models and their properties.
   *
   * Lists the models available through OpenRouter with their pricing, context length,
   * architecture and supported parameters. `category` and `supported_parameters` filter the
   * list; `use_rss` returns an RSS feed instead of JSON.
   */
  list(query?: ListModelsData['query'], options?: RequestOptions): APIPromise<ListModelsResponse> {
    return this.http.call(listModels, { query }, options);
  }

  /**
   * List all embeddings models.
   *
   * Returns a list of all available embeddings models and their properties
   */
  listEmbeddings(options?: RequestOptions): APIPromise<ListModelsResponse> {
    return this.http.call(listEmbeddingModels, {}, options);
  }

  /**
   * List models filtered by user provider preferences.
   *
   * Lists the models available to the key's user, after their provider preferences and privacy
   * settings (for example Zero Data Retention) are applied.
   */
  listForUser(options?: RequestOptions): APIPromise<ListModelsResponse> {
    return this.http.call(listUserModels, {}, options);
  }

  /**
   * Get a model by its slug.
   *
   * Gets one model by its id `author/slug`; the slug may carry a variant suffix such as `:free`.
   * Answers 404 when the model does not exist.
   *
   * @param model a model id such as `openai/gpt-4o` or `openai/gpt-4o:free`
   */
  get(model: string, options?: RequestOptions): APIPromise<GetModelResponse> {
    return this.http.call(getModel, () => ({ path: modelPath(model) }), options);
  }

  /**
   * List all endpoints for a model.
   *
   * Retrieves all available endpoints for a specific model, identified by the author and slug parameters.
   *
   * @param model a model id such as `openai/gpt-4o`
   */
  endpoints(model: string, options?: RequestOptions): APIPromise<ListModelEndpointsResponse> {
    return this.http.call(listModelEndpoints, () => ({ path: modelPath(model) }), options);
  }

  /**
   * Get a model's supported parameters and data about which are most popular.
   *
   * Gets the request parameters a model supports, optionally for one provider, and how popular
   * each is among requests to it.
   *
   * @param model a model id such as `openai/gpt-4o`
   */
  parameters(
    model: string,
    query?: GetModelParametersData['query'],
    options?: RequestOptions,
  ): APIPromise<GetModelParametersResponse> {
    return this.http.call(getModelParameters, () => ({ path: modelPath(model), query }), options);
  }
}
