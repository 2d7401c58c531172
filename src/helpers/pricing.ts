// Turning the API's price strings into numbers, and a chat completion's `usage` into dollars.
// Sums are done exactly on decimals (see ./decimal) and rounded to a JavaScript number once, so
// 2315 tokens at "0.0000003" is 0.0006945, not 0.0006944999999999999.
import { OpenRouterError } from '../core/errors';
import { add, compare, type Decimal, decimalFromInteger, multiply, ONE, subtract, toNumber, ZERO } from './decimal';
import { type PriceValue, readPrice } from './price-reading';

export type { PriceValue } from './price-reading';

/**
 * The price fields this module reads, typed loosely so that the SDK's generated model and endpoint
 * pricing types (and plain JSON) are assignable. Prices are USD per token unless noted.
 */
export interface Pricing {
  prompt?: PriceValue;
  completion?: PriceValue;
  /** USD per request. */
  request?: PriceValue;
  /** USD per cached prompt token read. */
  input_cache_read?: PriceValue;
  /** USD per prompt token written to the cache. */
  input_cache_write?: PriceValue;
  /** USD per reasoning token, for the few models that price reasoning apart from completion. */
  internal_reasoning?: PriceValue;
  /** USD per audio input token. */
  audio?: PriceValue;
  /** Fraction taken off every price: 0.2 means 20% off. */
  discount?: PriceValue;
}

/** The `usage` object of a chat completion (or of the last chunk of a stream). */
export interface CompletionUsage {
  /** All prompt tokens, cached, cache-written and audio ones included. */
  prompt_tokens: number;
  /** All completion tokens, reasoning tokens included. */
  completion_tokens: number;
  total_tokens?: number | null;
  prompt_tokens_details?: {
    cached_tokens?: number | null;
    cache_write_tokens?: number | null;
    audio_tokens?: number | null;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number | null;
    image_tokens?: number | null;
  } | null;
  /** What OpenRouter charged, in credits (USD), when the response reports it. */
  cost?: number | null;
}

/** A cost split by what it was charged for, in USD, after any discount. */
export interface CompletionCost {
  /** The sum of the other fields (computed exactly, rounded once). */
  total: number;
  /** Uncached prompt tokens, plus audio tokens when the model prices audio apart. */
  prompt: number;
  /** Completion tokens, reasoning tokens included. */
  completion: number;
  /** The per-request fee. */
  request: number;
  /** Prompt tokens read from the cache. */
  cacheRead: number;
  /** Prompt tokens written to the cache. */
  cacheWrite: number;
}

/** Every key of `P`, its value as a number in USD or `undefined`. */
export type PricesAsNumbers<P> = { [K in keyof P]: number | undefined };

const COST_ERROR = 'Cannot compute the cost:';

/**
 * A price as a number in USD, or `undefined` when it is absent, empty, `"-1"` (variable: router
 * models) or not a decimal number. Numbers pass through unchanged, except negative and non-finite ones.
 *
 * @example parsePrice('0.000003') // 0.000003
 * @example parsePrice('-1') // undefined
 */
export function parsePrice(value: string | number | undefined | null): number | undefined {
  const reading = readPrice(value);
  if (reading.kind !== 'price') return undefined;
  return typeof value === 'number' ? value : toNumber(reading.value);
}

/**
 * Every field of a pricing object as a number (see {@link parsePrice}), unknown fields included,
 * so `pricesAsNumbers(model.pricing).prompt * 1e6` is the price per million tokens.
 *
 * @throws {OpenRouterError} when `pricing` is not an object.
 */
export function pricesAsNumbers<P extends object>(pricing: P): PricesAsNumbers<P> {
  if (typeof pricing !== 'object' || pricing === null) {
    throw new OpenRouterError(`Cannot read prices: expected a pricing object, got ${String(pricing)}.`);
  }
  const result: Record<string, number | undefined> = {};
  for (const [key, value] of Object.entries(pricing)) {
    result[key] = typeof value === 'string' || typeof value === 'number' ? parsePrice(value) : undefined;
  }
  return result as PricesAsNumbers<P>;
}

function tokenCount(value: unknown, name: string, required: boolean): number {
  if (!required && (value === undefined || value === null)) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new OpenRouterError(`${COST_ERROR} usage.${name} is ${String(value)}; expected a non-negative integer.`);
  }
  return value;
}

// The price of `field`, `undefined` when the pricing does not list it. Variable and malformed prices throw.
function priceOf(pricing: Pricing, field: keyof Pricing): Decimal | undefined {
  const raw = pricing[field];
  const reading = readPrice(raw);
  switch (reading.kind) {
    case 'absent':
      return undefined;
    case 'price':
      return reading.value;
    case 'variable':
      throw new OpenRouterError(
        `${COST_ERROR} pricing.${field} is ${JSON.stringify(raw)}, which means the price is variable (router models ` +
          'such as openrouter/auto are priced by the model they route to). Use usage.cost from the response, or the ' +
          'pricing of the model that answered.',
      );
    case 'invalid':
      throw new OpenRouterError(
        `${COST_ERROR} pricing.${field} is ${JSON.stringify(raw)}, which is not a decimal price in USD.`,
      );
  }
}

function requiredPrice(pricing: Pricing, field: 'prompt' | 'completion', tokens: number): Decimal {
  const price = priceOf(pricing, field);
  if (price !== undefined) return price;
  if (tokens === 0) return ZERO;
  throw new OpenRouterError(`${COST_ERROR} pricing.${field} is missing, and usage has ${tokens} ${field} tokens.`);
}

// 1 - discount, exactly.
function discountFactor(pricing: Pricing): Decimal {
  const raw = pricing.discount;
  const reading = readPrice(raw);
  if (reading.kind === 'absent') return ONE;
  if (reading.kind !== 'price' || compare(reading.value, ONE) > 0) {
    throw new OpenRouterError(
      `${COST_ERROR} pricing.discount is ${JSON.stringify(raw)}; expected a number from 0 to 1.`,
    );
  }
  return subtract(ONE, reading.value);
}

/**
 * What a completion cost, computed from its `usage` and the `pricing` of the model or endpoint that
 * served it. When the response carries `usage.cost`, that is what OpenRouter actually charged; this
 * function estimates costs before a request, or explains them after one.
 *
 * How tokens are priced:
 * - `prompt_tokens` include cached (`cached_tokens`), cache-written (`cache_write_tokens`) and audio
 *   tokens. Cached ones cost `input_cache_read`, cache-written ones `input_cache_write`, audio ones
 *   `audio`; each falls back to `prompt` when the pricing does not list it. The rest cost `prompt`.
 * - `completion_tokens` include reasoning tokens, which cost `completion` like the rest. Only when
 *   `internal_reasoning` is set and non-zero are they priced at it instead (never on top): nearly every
 *   model lists `internal_reasoning: "0"` yet bills reasoning at the completion price.
 * - `request` is added once. `discount` (0..1) takes its share off every part.
 * - Not included: web search, image inputs and outputs, and other per-unit fees.
 *
 * @example completionCost({ prompt_tokens: 43, completion_tokens: 36 }, { prompt: '0.000003', completion: '0.000015' }).total // 0.000669
 * @throws {OpenRouterError} when a price used is `"-1"` (variable) or malformed, a needed price is missing,
 * a token count is not a non-negative integer, or `prompt_tokens` is smaller than its cached, cache-written
 * and audio parts.
 */
export function completionCost(usage: CompletionUsage, pricing: Pricing): CompletionCost {
  if (typeof usage !== 'object' || usage === null) {
    throw new OpenRouterError(`${COST_ERROR} expected a usage object, got ${String(usage)}.`);
  }
  if (typeof pricing !== 'object' || pricing === null) {
    throw new OpenRouterError(`${COST_ERROR} expected a pricing object, got ${String(pricing)}.`);
  }
  const promptTokens = tokenCount(usage.prompt_tokens, 'prompt_tokens', true);
  const completionTokens = tokenCount(usage.completion_tokens, 'completion_tokens', true);
  const promptDetails = usage.prompt_tokens_details ?? {};
  const cachedTokens = tokenCount(promptDetails.cached_tokens, 'prompt_tokens_details.cached_tokens', false);
  const cacheWriteTokens = tokenCount(
    promptDetails.cache_write_tokens,
    'prompt_tokens_details.cache_write_tokens',
    false,
  );
  const audioTokens = tokenCount(promptDetails.audio_tokens, 'prompt_tokens_details.audio_tokens', false);
  const reasoningTokens = tokenCount(
    usage.completion_tokens_details?.reasoning_tokens,
    'completion_tokens_details.reasoning_tokens',
    false,
  );

  const factor = discountFactor(pricing);
  const requestPrice = priceOf(pricing, 'request') ?? ZERO;
  const cacheReadPrice = priceOf(pricing, 'input_cache_read');
  const cacheWritePrice = priceOf(pricing, 'input_cache_write');
  const audioPrice = priceOf(pricing, 'audio');
  const reasoningPrice = priceOf(pricing, 'internal_reasoning');

  // Tokens without a price of their own are billed as ordinary prompt tokens.
  const separatelyPriced =
    (cacheReadPrice === undefined ? 0 : cachedTokens) +
    (cacheWritePrice === undefined ? 0 : cacheWriteTokens) +
    (audioPrice === undefined ? 0 : audioTokens);
  if (separatelyPriced > promptTokens) {
    throw new OpenRouterError(
      `${COST_ERROR} usage.prompt_tokens (${promptTokens}) is less than the cached, cache-write and audio tokens ` +
        `it should include (${separatelyPriced}).`,
    );
  }
  const plainPromptTokens = promptTokens - separatelyPriced;
  const promptPrice = requiredPrice(pricing, 'prompt', plainPromptTokens);

  // Providers have reported more reasoning tokens than completion tokens (11 of 10), so the
  // separately priced share is capped at what was billed.
  const separateReasoning = reasoningPrice !== undefined && reasoningPrice.units > 0n;
  const reasoningBilled = separateReasoning ? Math.min(reasoningTokens, completionTokens) : 0;
  const completionPrice = requiredPrice(pricing, 'completion', completionTokens - reasoningBilled);

  const times = (tokens: number, price: Decimal | undefined): Decimal =>
    price === undefined ? ZERO : multiply(decimalFromInteger(tokens), price);
  const parts = {
    prompt: add(times(plainPromptTokens, promptPrice), times(audioPrice === undefined ? 0 : audioTokens, audioPrice)),
    completion: add(
      times(completionTokens - reasoningBilled, completionPrice),
      times(reasoningBilled, separateReasoning ? reasoningPrice : undefined),
    ),
    request: requestPrice,
    cacheRead: times(cachedTokens, cacheReadPrice),
    cacheWrite: times(cacheWriteTokens, cacheWritePrice),
  };
  const discounted = {
    prompt: multiply(parts.prompt, factor),
    completion: multiply(parts.completion, factor),
    request: multiply(parts.request, factor),
    cacheRead: multiply(parts.cacheRead, factor),
    cacheWrite: multiply(parts.cacheWrite, factor),
  };
  const total = Object.values(discounted).reduce(add, ZERO);
  return {
    total: toNumber(total),
    prompt: toNumber(discounted.prompt),
    completion: toNumber(discounted.completion),
    request: toNumber(discounted.request),
    cacheRead: toNumber(discounted.cacheRead),
    cacheWrite: toNumber(discounted.cacheWrite),
  };
}
