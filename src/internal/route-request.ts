// client.request('GET /generation', { query: { id } }): any operation of the description by its
// `METHOD /path`, typed through the openapi-typescript `paths` view (path parameters, query, body,
// answer), sent through the same request path, transport, retries and errors as the resource methods.
import type { paths } from '../../generated/openapi-paths';
import type { APIPromise } from '../core/api-promise';
import { OpenRouterError } from '../core/errors';
import type { RequestOptions } from '../core/options';
import { pathParam } from './args';
import type { HttpClient, Operation } from './http';

type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** Every `METHOD /path` of the description, such as `'GET /generation'`. */
export type Route = {
  [P in keyof paths]: {
    [M in HttpMethod]: [NonNullable<paths[P][M]>] extends [never] ? never : `${Uppercase<M>} ${P & string}`;
  }[HttpMethod];
}[keyof paths];

/** The openapi-typescript operation of a route. */
export type RouteOperation<R extends Route> = R extends `${infer M} ${infer P extends keyof paths}`
  ? NonNullable<paths[P][Lowercase<M> & keyof paths[P]]>
  : never;

type Parameters<Op> = Op extends { parameters: infer Ps } ? Ps : Record<string, never>;
type Part<Ps, K extends string> = K extends keyof Ps
  ? [NonNullable<Ps[K]>] extends [never]
    ? unknown
    : undefined extends Ps[K]
      ? { [_ in K]?: NonNullable<Ps[K]> }
      : { [_ in K]: Ps[K] }
  : unknown;
type BodyOf<Op> = Op extends { requestBody?: infer B }
  ? [NonNullable<B>] extends [never]
    ? unknown
    : NonNullable<B> extends { content: infer C }
      ? undefined extends B
        ? { body?: C[keyof C] | FormData }
        : { body: C[keyof C] | FormData }
      : unknown
  : unknown;

/** The second argument of `request(route, args)`: `path`, `query` and `body` as the route takes them. */
export type RouteArgs<R extends Route> = Part<Parameters<RouteOperation<R>>, 'path'> &
  Part<Parameters<RouteOperation<R>>, 'query'> &
  BodyOf<RouteOperation<R>>;

type OkStatus = 200 | 201 | 202 | 204;
type OkContent<Op> = Op extends { responses: infer Rs }
  ? { [S in keyof Rs & OkStatus]: Rs[S] extends { content: infer C } ? C : never }[keyof Rs & OkStatus]
  : never;
/** What `request(route)` resolves to: the JSON body of the 2xx answer, or the `Response` for bytes. */
export type RouteResult<R extends Route> =
  OkContent<RouteOperation<R>> extends { 'application/json': infer Json } ? Json : Response;

export type RequestFunction = <R extends Route>(
  route: R,
  ...rest: object extends RouteArgs<R>
    ? [args?: RouteArgs<R>, options?: RequestOptions]
    : [args: RouteArgs<R>, options?: RequestOptions]
) => APIPromise<RouteResult<R>>;

interface LooseArgs {
  path?: Record<string, unknown>;
  query?: object;
  body?: unknown;
}

/** Stands in for an unknown route, whose `parts` throw before anything is sent. */
const UNKNOWN: Operation = { method: 'GET', url: '' };

/** `GET /generation` -> its operation: built on the first request(). */
function routeTable(operations: Record<string, Operation>): () => Map<string, Operation> {
  let routes: Map<string, Operation> | undefined;
  return () => {
    routes ??= new Map(
      Object.values(operations).map((operation) => [`${operation.method} ${operation.url}`, operation]),
    );
    return routes;
  };
}

/** `client.request` over `operations` (generated/operations.gen.ts, handed in by the client). */
export function requestFunction(http: HttpClient, operations: Record<string, Operation>): RequestFunction {
  const byRoute = routeTable(operations);
  return ((route: string, args?: LooseArgs, options?: RequestOptions) => {
    const entry = byRoute().get(route);
    // Checked inside the call, so a bad argument rejects the promise like any other failure.
    const parts = () => {
      if (entry === undefined) {
        throw new OpenRouterError(
          `client.request(): ${JSON.stringify(route)} is not an operation of the description; give "METHOD /path" as the description spells it, for example "GET /models".`,
        );
      }
      if (args !== undefined && (typeof args !== 'object' || args === null)) {
        throw new OpenRouterError(`client.request(): the arguments must be an object { path, query, body }.`);
      }
      const body = args?.body as { stream?: unknown } | undefined;
      if (typeof body === 'object' && body !== null && body.stream === true) {
        throw new OpenRouterError(
          'client.request() reads JSON answers; for `stream: true` use the resource method (client.chat.completions.create, client.responses.create, ...).',
        );
      }
      const path: Record<string, string> = {};
      for (const [name, value] of Object.entries(args?.path ?? {})) path[name] = pathParam(value, name, route);
      return { path, query: args?.query, body: args?.body };
    };
    // An unknown route fails in `parts`, before the operation is read.
    return http.request(entry ?? UNKNOWN, parts, options);
  }) as RequestFunction;
}
