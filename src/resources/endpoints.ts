import { listZdrEndpoints } from '../../generated/sdk.gen';
import type { ListZdrEndpointsResponse } from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient } from '../core/http';
import type { RequestOptions } from '../core/options';

export class Endpoints {
  constructor(private readonly http: HttpClient) {}

  /**
   * Preview the impact of ZDR on the available endpoints.
   *
   * Lists the endpoints that stay available when Zero Data Retention is enforced, to preview what
   * a ZDR-only account can use.
   */
  zdr(options?: RequestOptions): APIPromise<ListZdrEndpointsResponse> {
    return this.http.call(listZdrEndpoints, {}, options);
  }
}
