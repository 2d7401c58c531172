// What every API method returns: await it for the data, or call `.withResponse()` for the raw Response too.
import { answerTexts, generationIdOf, requestIdOf } from '../internal/call-ids';

/** What `.withResponse()` resolves to. */
export interface WithResponse<T> {
  data: T;
  /** The HTTP response (status, headers such as rate-limit ones); its body has been read. */
  response: Response;
  /** The server's request id (`x-request-id`, else `cf-ray`), for support requests. */
  requestId: string | undefined;
  /** The generation id (`gen-...`), for `client.generations.get()`; a stream's is known once its first chunk is read. */
  generationId: string | undefined;
}

/**
 * A Promise of the parsed data that can also give the raw `Response`.
 *
 * The base promise it extends always resolves (to a placeholder nobody sees): `then`, `catch` and
 * `finally` read from the source instead, and only once someone asks. So a failed call rejects
 * exactly the promises the caller actually holds, and using only `.withResponse()` or only `await`
 * leaves no unhandled rejection behind.
 */
export class APIPromise<T> extends Promise<T> {
  // Without this, `.then` would build its result with `new APIPromise(executor)`, which this
  // constructor does not accept. Derived promises are plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #source: Promise<{ data: T; response: Response }>;
  #data: Promise<T> | undefined;

  constructor(source: Promise<{ data: T; response: Response }>) {
    super((resolve) => resolve(undefined as T));
    this.#source = source;
  }

  /** The parsed data together with the HTTP response, the request id and the generation id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#source.then(({ data, response }) => ({
      data,
      response,
      requestId: requestIdOf(response),
      // Read when asked: a stream's id comes with its first chunk.
      get generationId() {
        return generationIdOf(data, response);
      },
    }));
  }

  /**
   * The HTTP response with its body unread, to read or forward as it is (the status and headers of
   * the answer; for a JSON answer, the same bytes the client parsed). A failed call still rejects
   * with its `APIError`.
   */
  asResponse(): Promise<Response> {
    return this.#source.then(({ response }) => {
      const text = answerTexts.get(response);
      return text === undefined || !response.bodyUsed ? response : new Response(text, response);
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: being awaitable is the point of this class.
  override then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#dataPromise().then(onfulfilled, onrejected);
  }

  override catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<T | TResult> {
    return this.#dataPromise().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#dataPromise().finally(onfinally);
  }

  /** Created on first use and shared, so awaiting twice does not unwrap the data twice. */
  #dataPromise(): Promise<T> {
    this.#data ??= this.#source.then(({ data }) => data);
    return this.#data;
  }
}
