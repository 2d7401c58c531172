// Choosing among the providers that serve a model (GET /models/{author}/{slug}/endpoints): the
// cheapest, the quickest to answer, or the fastest to generate, after dropping the unsuitable ones.
import { OpenRouterError } from '../core/errors';
import { add, compare, type Decimal, multiply, ONE, subtract } from './decimal';
import { type PriceValue, readPrice } from './price-reading';

/** Percentiles over the last 30 minutes, as the endpoints list reports them. */
export interface PercentileStats {
  p50?: number | null;
  p75?: number | null;
  p90?: number | null;
  p99?: number | null;
}

/**
 * The endpoint fields these helpers read, typed loosely so that the SDK's generated endpoint type
 * (and plain JSON) is assignable. Other fields are carried through untouched.
 */
export interface EndpointLike {
  pricing?: { prompt?: PriceValue; completion?: PriceValue; discount?: PriceValue } | null;
  context_length?: number | null;
  /** 0 is healthy; negative values are degraded or down. */
  status?: number | null;
  supported_parameters?: readonly string[] | null;
  /** Seconds to the first token. */
  latency_last_30m?: PercentileStats | null;
  /** Tokens per second. */
  throughput_last_30m?: PercentileStats | null;
}

/**
 * What "best" means: `price` is the lowest prompt + completion price per token (after discount),
 * `latency` the lowest median latency, `throughput` the highest median throughput.
 */
export type EndpointCriterion = 'price' | 'latency' | 'throughput';

/**
 * Filters applied before sorting. An endpoint that does not report the field a filter needs is
 * dropped, since it cannot be shown to qualify.
 */
export interface EndpointFilter {
  /** Keep endpoints whose `context_length` is at least this. */
  minContextLength?: number;
  /** Keep endpoints whose `supported_parameters` list every one of these (for example `['tools']`). */
  requireParameters?: readonly string[];
  /** Keep endpoints whose `status` is at least this; `0` keeps only healthy ones. */
  excludeStatusBelow?: number;
}

// A sort key: `undefined` sorts last whatever the direction.
type Key = Decimal | number | undefined;

function pricePerToken(endpoint: EndpointLike): Decimal | undefined {
  const pricing = endpoint.pricing;
  if (typeof pricing !== 'object' || pricing === null) return undefined;
  const prompt = readPrice(pricing.prompt);
  const completion = readPrice(pricing.completion);
  if (prompt.kind !== 'price' || completion.kind !== 'price') return undefined;
  const sum = add(prompt.value, completion.value);
  const discount = readPrice(pricing.discount);
  if (discount.kind === 'absent') return sum;
  if (discount.kind !== 'price' || compare(discount.value, ONE) > 0) return undefined;
  return multiply(sum, subtract(ONE, discount.value));
}

function median(stats: PercentileStats | null | undefined): number | undefined {
  const p50 = stats?.p50;
  return typeof p50 === 'number' && Number.isFinite(p50) ? p50 : undefined;
}

const keyOf: Record<EndpointCriterion, (endpoint: EndpointLike) => Key> = {
  price: pricePerToken,
  latency: (endpoint) => median(endpoint.latency_last_30m),
  throughput: (endpoint) => median(endpoint.throughput_last_30m),
};

// Lower first, except throughput where higher is better.
const direction: Record<EndpointCriterion, 1 | -1> = { price: 1, latency: 1, throughput: -1 };

function compareKeys(a: Key, b: Key): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compare(a as Decimal, b as Decimal);
}

function assertCriterion(by: unknown): asserts by is EndpointCriterion {
  if (typeof by !== 'string' || !Object.hasOwn(keyOf, by)) {
    throw new OpenRouterError(
      `Invalid endpoint sort criterion ${JSON.stringify(by)}: expected "price", "latency" or "throughput".`,
    );
  }
}

function assertFilterNumber(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value))) {
    throw new OpenRouterError(`Invalid endpoint filter: ${name} is ${String(value)}; expected a number.`);
  }
}

function passesFilter(endpoint: EndpointLike, filter: EndpointFilter): boolean {
  const { minContextLength, requireParameters, excludeStatusBelow } = filter;
  if (minContextLength !== undefined) {
    const contextLength = endpoint.context_length;
    if (typeof contextLength !== 'number' || contextLength < minContextLength) return false;
  }
  if (excludeStatusBelow !== undefined) {
    const status = endpoint.status;
    if (typeof status !== 'number' || status < excludeStatusBelow) return false;
  }
  if (requireParameters !== undefined && requireParameters.length > 0) {
    const supported = endpoint.supported_parameters;
    if (!Array.isArray(supported)) return false;
    if (!requireParameters.every((parameter) => supported.includes(parameter))) return false;
  }
  return true;
}

/**
 * The endpoints that pass `options`, best first by `by`, as a new array (the input is not changed).
 * Endpoints without the figure `by` needs (no latency stats, a `"-1"` or missing price) come last;
 * ties keep their input order.
 *
 * @example sortEndpoints(response.data.endpoints, 'price', { requireParameters: ['tools'] })
 * @throws {OpenRouterError} when `by` is not a known criterion or a numeric option is not a number.
 */
export function sortEndpoints<E extends EndpointLike>(
  endpoints: readonly E[],
  by: EndpointCriterion,
  options: EndpointFilter = {},
): E[] {
  assertCriterion(by);
  if (!Array.isArray(endpoints)) {
    throw new OpenRouterError(`Cannot sort endpoints: expected an array, got ${String(endpoints)}.`);
  }
  assertFilterNumber(options.minContextLength, 'minContextLength');
  assertFilterNumber(options.excludeStatusBelow, 'excludeStatusBelow');
  const sign = direction[by];
  const key = keyOf[by];
  // Keys are computed once per endpoint; Array#sort is stable, which keeps ties in input order.
  return endpoints
    .filter((endpoint) => passesFilter(endpoint, options))
    .map((endpoint) => ({ endpoint, key: key(endpoint) }))
    .sort((a, b) =>
      a.key === undefined || b.key === undefined ? compareKeys(a.key, b.key) : sign * compareKeys(a.key, b.key),
    )
    .map(({ endpoint }) => endpoint);
}

/**
 * The best endpoint by `by` among those that pass `options`, or `undefined` when none pass. When no
 * endpoint reports the figure `by` needs, this is the first one that passes, in input order.
 *
 * @example pickEndpoint(response.data.endpoints, 'throughput', { excludeStatusBelow: 0 })?.provider_name
 */
export function pickEndpoint<E extends EndpointLike>(
  endpoints: readonly E[],
  by: EndpointCriterion,
  options: EndpointFilter = {},
): E | undefined {
  return sortEndpoints(endpoints, by, options)[0];
}
