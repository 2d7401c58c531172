import { listProviders } from '../../generated/sdk.gen';
import type { ListProvidersResponse } from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient } from '../core/http';
import type { RequestOptions } from '../core/options';

export class Providers {
  constructor(private readonly http: HttpClient) {}

  /**
   * List all providers.
   *
   * Lists the inference providers OpenRouter routes to, with links to their policies.
   */
  list(options?: RequestOptions): APIPromise<ListProvidersResponse> {
    return this.http.call(listProviders, {}, options);
  }
}
