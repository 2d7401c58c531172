import { createAuthCode, exchangeAuthCode } from '../../generated/sdk.gen';
import type {
  CreateAuthCodeRequest,
  CreateAuthCodeResponse,
  ExchangeAuthCodeRequest,
  ExchangeAuthCodeResponse,
} from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient } from '../core/http';
import type { RequestOptions } from '../core/options';
import { checkedBody } from './path-params';

/** The OAuth PKCE flow; see `helpers` for the verifier, the challenge and the authorization URL. */
export class OAuth {
  constructor(private readonly http: HttpClient) {}

  /**
   * Create authorization code.
   *
   * Create an authorization code for the PKCE flow to generate a user-controlled API key
   */
  createAuthCode(body: CreateAuthCodeRequest, options?: RequestOptions): APIPromise<CreateAuthCodeResponse> {
    return this.http.call(createAuthCode, () => ({ body: checkedBody(body, 'oauth.createAuthCode') }), options);
  }

  /**
   * Exchange authorization code for API key.
   *
   * Exchange an authorization code from the PKCE flow for a user-controlled API key
   *
   * Needs no API key: pass the `code` from the callback URL and the `code_verifier` you made the
   * challenge from.
   */
  exchangeAuthCode(body: ExchangeAuthCodeRequest, options?: RequestOptions): APIPromise<ExchangeAuthCodeResponse> {
    return this.http.call(exchangeAuthCode, () => ({ body: checkedBody(body, 'oauth.exchangeAuthCode') }), options);
  }
}
