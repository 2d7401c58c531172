// What a client's calls cost: each answer's and each finished stream's `usage` (OpenRouter's
// `cost` in credits, the provider's cost of BYOK calls, tokens), handed to `onUsage` and summed in
// exact decimals; and the optional spend cap, checked before a billable request is sent.
import { add, compare, type Decimal, decimalFromNumber, parseDecimal, ZERO } from '../helpers/decimal';
import { OpenRouterError } from './errors';
import type { StreamObserver } from './stream';

/** @internal A stream's observer, which also learns the stream's generation id from its first item. */
export interface UsageObserver extends StreamObserver {
  generationId: string | undefined;
}

/** One call's usage, as `onUsage` receives it. */
export interface UsageRecord {
  /** The generation id (`gen-...`), for `client.generations.get()`. */
  generationId: string | undefined;
  model: string | undefined;
  provider: string | undefined;
  /** What OpenRouter charged, in credits (USD): `usage.cost`. For BYOK, its fee only. */
  cost: number;
  /** BYOK: what the provider charged to your own key (`usage.cost_details.upstream_inference_cost`); else 0. */
  byokCost: number;
  isByok: boolean;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** True when it came from the usage chunk of a stream. */
  streamed: boolean;
  /** The `usage` object as the API sent it. */
  usage: Record<string, unknown>;
}

/** A client's sums since it was made (or since `reset()`). Amounts are exact decimal strings in USD. */
export interface UsageTotals {
  /** Calls whose usage was recorded. */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Credits OpenRouter charged (sum of `usage.cost`). */
  cost: string;
  /** What providers charged to your own keys (BYOK). */
  byokCost: string;
  /** `cost + byokCost`: what the spend cap counts. */
  spend: string;
}

/** A billable request refused before it was sent: the recorded spend has reached `spendLimit`. */
export class SpendLimitError extends OpenRouterError {
  override name = 'SpendLimitError';
  constructor(
    /** The cap, in USD. */
    readonly limit: string,
    /** The spend recorded so far, in USD. */
    readonly spent: string,
  ) {
    super(`Spend limit reached: $${spent} recorded of the client's spendLimit of $${limit}; the request was not sent.`);
  }
}

/** The usage record of one client (and of the clients `withOptions()` makes from it). */
export class UsageLedger {
  #calls = 0;
  #prompt = 0;
  #completion = 0;
  #total = 0;
  #cost: Decimal = ZERO;
  #byok: Decimal = ZERO;
  readonly #limit: Decimal | undefined;
  readonly #onUsage: ((record: UsageRecord) => void) | undefined;

  constructor(onUsage?: ((record: UsageRecord) => void) | undefined, spendLimit?: number | string | undefined) {
    if (onUsage !== undefined && typeof onUsage !== 'function') {
      throw new OpenRouterError('onUsage must be a function.');
    }
    this.#onUsage = onUsage;
    if (spendLimit !== undefined) {
      const limit = typeof spendLimit === 'number' ? decimalFromNumber(spendLimit) : parseDecimal(String(spendLimit));
      if (limit === undefined || limit.units < 0n) {
        throw new OpenRouterError(`spendLimit must be an amount in USD >= 0, got ${String(spendLimit)}.`);
      }
      this.#limit = limit;
    }
  }

  /** The sums so far. */
  totals(): UsageTotals {
    return {
      calls: this.#calls,
      promptTokens: this.#prompt,
      completionTokens: this.#completion,
      totalTokens: this.#total,
      cost: format(this.#cost),
      byokCost: format(this.#byok),
      spend: format(add(this.#cost, this.#byok)),
    };
  }

  /** Starts the sums again from zero (the spend cap counts from here). */
  reset(): void {
    this.#calls = this.#prompt = this.#completion = this.#total = 0;
    this.#cost = this.#byok = ZERO;
  }

  /** @internal Throws `SpendLimitError` when a billable request (a body naming a model) would pass the cap. */
  check(body: unknown): void {
    const limit = this.#limit;
    if (limit === undefined || typeof body !== 'object' || body === null) return;
    if (!('model' in body) && !('models' in body)) return;
    const spent = add(this.#cost, this.#byok);
    if (compare(spent, limit) >= 0) throw new SpendLimitError(format(limit), format(spent));
  }

  /**
   * @internal Watches one stream: its generation id (the first item's `id`), and the last usage it
   * carried, recorded once when the stream ends (its end, an error event, a cut connection).
   */
  observe(): UsageObserver {
    let last: unknown;
    let done = false;
    const observer: UsageObserver = {
      generationId: undefined,
      item: (item) => {
        if (observer.generationId === undefined) observer.generationId = idOf(item);
        if (usageHolder(item) !== undefined) last = item;
      },
      end: () => {
        if (done) return;
        done = true;
        if (last !== undefined) this.record(last, true);
      },
    };
    return observer;
  }

  /** @internal Records the usage of an answer (or of a stream's last chunk or Responses event) when it has one. */
  record(item: unknown, streamed: boolean): void {
    const source = usageHolder(item);
    const usage = source?.usage as Record<string, unknown> | undefined;
    if (source === undefined || typeof usage !== 'object' || usage === null) return;
    const cost = money(usage.cost);
    const isByok = usage.is_byok === true;
    const details = usage.cost_details as { upstream_inference_cost?: unknown } | null | undefined;
    const byok = isByok ? money(details?.upstream_inference_cost) : ZERO;
    const promptTokens = tokens(usage.prompt_tokens ?? usage.input_tokens);
    const completionTokens = tokens(usage.completion_tokens ?? usage.output_tokens);
    const totalTokens = tokens(usage.total_tokens) || promptTokens + completionTokens;
    this.#calls++;
    this.#prompt += promptTokens;
    this.#completion += completionTokens;
    this.#total += totalTokens;
    this.#cost = add(this.#cost, cost);
    this.#byok = add(this.#byok, byok);
    const id = source.id;
    const onUsage = this.#onUsage;
    if (onUsage === undefined) return;
    const record: UsageRecord = {
      generationId: typeof id === 'string' ? id : undefined,
      model: typeof source.model === 'string' ? source.model : undefined,
      provider: typeof source.provider === 'string' ? source.provider : undefined,
      cost: Number(format(cost)),
      byokCost: Number(format(byok)),
      isByok,
      promptTokens,
      completionTokens,
      totalTokens,
      streamed,
      usage,
    };
    try {
      onUsage(record);
    } catch (cause) {
      // Said as the hook's failure, not taken for a failed request.
      throw new OpenRouterError(`onUsage threw: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
}

/** The `id` of a chunk, or of a Responses event's `response`. */
function idOf(item: unknown): string | undefined {
  const record = item as { id?: unknown; response?: { id?: unknown } } | null;
  const id = record?.id ?? record?.response?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The object that carries `usage`: the answer or chunk itself, or a Responses event's `response`. */
function usageHolder(item: unknown): Record<string, unknown> | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  if (record.usage != null) return record;
  const response = record.response;
  return typeof response === 'object' && response !== null && (response as { usage?: unknown }).usage != null
    ? (response as Record<string, unknown>)
    : undefined;
}

function money(value: unknown): Decimal {
  const amount =
    typeof value === 'number' ? decimalFromNumber(value) : typeof value === 'string' ? parseDecimal(value) : undefined;
  return amount === undefined || amount.units < 0n ? ZERO : amount;
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A decimal as plain text: `0.00001882`, `12`, never an exponent. */
function format({ units, scale }: Decimal): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
