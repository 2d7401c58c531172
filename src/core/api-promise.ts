// What every API method returns: await it for the data, or call `.withResponse()` for the raw Response too.

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

  /** The parsed data together with the HTTP response (status, headers such as rate-limit ones). */
  withResponse(): Promise<{ data: T; response: Response }> {
    return this.#source;
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
