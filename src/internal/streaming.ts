// What the hand-written streaming methods share: a request body with `stream: true` selects the
// stream overload; anything else is answered with one JSON body.
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/options';
import { checkedBody } from './args';
import type { HttpClient, StreamFactory } from './http';
import type { Operation } from './operation';

/** A request that asks for a stream of events. */
export type Streaming<Body> = Body & { stream: true };
/** A request answered with one body (`stream` absent or false). */
export type NonStreaming<Body> = Body & { stream?: false | null | undefined };

/** Sends `body` to `operation`: as a stream made by `toStream` when it says `stream: true`, else for JSON. */
export function createMaybeStreaming<Result, StreamType>(
  http: HttpClient,
  operation: Operation,
  method: string,
  body: { stream?: boolean | null | undefined },
  options: RequestOptions | undefined,
  toStream: StreamFactory<StreamType>,
): APIPromise<Result | StreamType> {
  // Checked inside the call, so a bad body rejects the returned promise rather than throwing.
  const args = () => ({ body: checkedBody(body, method) });
  if (typeof body === 'object' && body !== null && body.stream === true) {
    return http.stream(operation, args, options, toStream);
  }
  return http.call<Result>(operation, args, options);
}
