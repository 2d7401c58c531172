import { createKey, deleteKey, getCurrentKey, getKey, listKeys, updateKey } from '../../generated/sdk.gen';
import type {
  CreateKeyRequest,
  CreateKeyResponse,
  DeleteKeyResponse,
  GetCurrentKeyResponse,
  GetKeyResponse,
  ListKeysData,
  ListKeysResponse,
  UpdateKeyRequest,
  UpdateKeyResponse,
} from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient } from '../core/http';
import type { RequestOptions } from '../core/options';
import { checkedBody, keyHashPath } from './path-params';

/** API key management. All methods but `current()` need a provisioning key. */
export class Keys {
  constructor(private readonly http: HttpClient) {}

  /**
   * List API keys.
   *
   * Lists the API keys of the account (needs a provisioning key). Disabled keys are left out unless
   * `include_disabled` is true; `offset` pages through the list.
   */
  list(query?: ListKeysData['query'], options?: RequestOptions): APIPromise<ListKeysResponse> {
    return this.http.call(listKeys, { query }, options);
  }

  /**
   * Create a new API key.
   *
   * Creates an API key (needs a provisioning key). The key itself is in the answer's `key` and is
   * shown only this once; `data` describes it.
   */
  create(body: CreateKeyRequest, options?: RequestOptions): APIPromise<CreateKeyResponse> {
    return this.http.call(createKey, () => ({ body: checkedBody(body, 'keys.create') }), options);
  }

  /**
   * Get a single API key.
   *
   * Gets one API key by its hash (needs a provisioning key).
   */
  get(hash: string, options?: RequestOptions): APIPromise<GetKeyResponse> {
    return this.http.call(getKey, () => ({ path: keyHashPath(hash) }), options);
  }

  /**
   * Update an API key.
   *
   * Renames, disables or re-limits an API key by its hash (needs a provisioning key).
   */
  update(hash: string, body: UpdateKeyRequest, options?: RequestOptions): APIPromise<UpdateKeyResponse> {
    return this.http.call(
      updateKey,
      () => ({ path: keyHashPath(hash), body: checkedBody(body, 'keys.update') }),
      options,
    );
  }

  /**
   * Delete an API key.
   *
   * Deletes an API key by its hash (needs a provisioning key).
   */
  delete(hash: string, options?: RequestOptions): APIPromise<DeleteKeyResponse> {
    return this.http.call(deleteKey, () => ({ path: keyHashPath(hash) }), options);
  }

  /**
   * Get current API key.
   *
   * Get information on the API key associated with the current authentication session
   */
  current(options?: RequestOptions): APIPromise<GetCurrentKeyResponse> {
    return this.http.call(getCurrentKey, {}, options);
  }
}
