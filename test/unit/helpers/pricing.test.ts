import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { OpenRouterError } from '../../../src/core/errors';
import {
  type CompletionCost,
  type CompletionUsage,
  completionCost,
  type Pricing,
  parsePrice,
  pricesAsNumbers,
} from '../../../src/helpers/pricing';

// Prices as the model list published them (November 2025), written out here.
const claudeSonnet45 = {
  prompt: '0.000003',
  completion: '0.000015',
  request: '0',
  image: '0',
  web_search: '0',
  internal_reasoning: '0',
  input_cache_read: '0.0000003',
  input_cache_write: '0.00000375',
};
const sonarDeepResearch = {
  prompt: '0.000002',
  completion: '0.000008',
  request: '0',
  image: '0',
  web_search: '0.005',
  internal_reasoning: '0.000003',
};
const gemini20Flash = {
  prompt: '0.0000001',
  completion: '0.0000004',
  audio: '0.0000007',
  input_cache_read: '0.000000025',
  input_cache_write: '0.0000001833',
};
const openrouterAuto = { prompt: '-1', completion: '-1' };

const ZERO_COST: CompletionCost = { total: 0, prompt: 0, completion: 0, request: 0, cacheRead: 0, cacheWrite: 0 };

describe('parsePrice', () => {
  it.each([
    ['0.000003', 0.000003],
    ['0', 0],
    ['0.00000001703012', 1.703012e-8],
    ['1e-6', 0.000001],
    [' 0.5 ', 0.5],
    [0.000003, 0.000003],
    [0, 0],
  ])('reads %j as %d', (value, expected) => {
    expect(parsePrice(value)).toBe(expected);
  });

  it.each([
    ['-1 (variable price of router models)', '-1'],
    ['-1 as a number', -1],
    ['another negative', '-0.5'],
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['blank', '   '],
    ['words', 'free'],
    ['hex', '0x10'],
    ['"Infinity"', 'Infinity'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('is undefined for %s', (_label, value) => {
    expect(parsePrice(value)).toBeUndefined();
  });

  it('passes finite non-negative numbers through unchanged', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(parsePrice(value)).toBe(value);
      }),
    );
  });
});

describe('pricesAsNumbers', () => {
  it('maps every field, unknown ones included, and keeps discount as a number', () => {
    const result = pricesAsNumbers({
      prompt: '0.0000002',
      completion: '0.0000008',
      discount: 0.25,
      image_output: '0',
      some_future_price: '0.01',
    });
    expect(result).toEqual({
      prompt: 0.0000002,
      completion: 0.0000008,
      discount: 0.25,
      image_output: 0,
      some_future_price: 0.01,
    });
  });

  it('gives undefined for variable, empty and non-price fields, never NaN', () => {
    const result = pricesAsNumbers({ prompt: '-1', completion: '', request: 'n/a', nested: { x: 1 }, flag: true });
    expect(result).toEqual({
      prompt: undefined,
      completion: undefined,
      request: undefined,
      nested: undefined,
      flag: undefined,
    });
    expect(Object.keys(result)).toEqual(['prompt', 'completion', 'request', 'nested', 'flag']);
  });

  it('types the result with the input keys', () => {
    const result = pricesAsNumbers(claudeSonnet45);
    expectTypeOf(result).toEqualTypeOf<{ [K in keyof typeof claudeSonnet45]: number | undefined }>();
    expect(result.input_cache_write).toBe(0.00000375);
  });

  it('rejects a non-object', () => {
    expect(() => pricesAsNumbers(null as unknown as object)).toThrow(OpenRouterError);
    expect(() => pricesAsNumbers(null as unknown as object)).toThrow(
      /^Cannot read prices: expected a pricing object, got null\.$/,
    );
  });
});

describe('completionCost', () => {
  it('matches what OpenRouter charged for a streamed claude-sonnet-4.5 reply with reasoning', () => {
    // usage from a recorded response; the API reported cost 0.000669 (prompt 0.000129, completion 0.00054).
    const usage: CompletionUsage = {
      prompt_tokens: 43,
      completion_tokens: 36,
      total_tokens: 79,
      cost: 0.000669,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 13, image_tokens: 0 },
    };
    const cost = completionCost(usage, claudeSonnet45);
    expect(cost).toEqual({ ...ZERO_COST, total: 0.000669, prompt: 0.000129, completion: 0.00054 });
    expect(cost.total).toBe(usage.cost);
  });

  it('bills reasoning tokens at the completion price when internal_reasoning is "0" or absent', () => {
    // gpt-5.1-codex-mini: 31 prompt, 80 completion of which 64 reasoning; upstream prompt cost 0.00000775,
    // completion cost 0.00016 (= 80 × 0.000002, reasoning included).
    const usage = { prompt_tokens: 31, completion_tokens: 80, completion_tokens_details: { reasoning_tokens: 64 } };
    const withZero = completionCost(usage, { prompt: '0.00000025', completion: '0.000002', internal_reasoning: '0' });
    const withoutField = completionCost(usage, { prompt: '0.00000025', completion: '0.000002' });
    expect(withZero).toEqual({ ...ZERO_COST, total: 0.00016775, prompt: 0.00000775, completion: 0.00016 });
    expect(withoutField).toEqual(withZero);
  });

  it('prices reasoning tokens at internal_reasoning instead of completion when it is non-zero', () => {
    const usage = {
      prompt_tokens: 1000,
      completion_tokens: 1000,
      completion_tokens_details: { reasoning_tokens: 800 },
    };
    const cost = completionCost(usage, sonarDeepResearch);
    // 200 × 0.000008 + 800 × 0.000003, not 1000 × 0.000008 + 800 × 0.000003.
    expect(cost.completion).toBe(0.004);
    expect(cost.prompt).toBe(0.002);
    expect(cost.total).toBe(0.006);
  });

  it('caps separately priced reasoning tokens at completion_tokens (providers have reported 11 of 10)', () => {
    const usage = { prompt_tokens: 43, completion_tokens: 10, completion_tokens_details: { reasoning_tokens: 11 } };
    expect(completionCost(usage, sonarDeepResearch).completion).toBe(0.00003); // 10 × 0.000003
    expect(completionCost(usage, claudeSonnet45).completion).toBe(0.00015); // 10 × 0.000015
  });

  it('splits cached reads and cache writes out of prompt_tokens, exactly', () => {
    const usage: CompletionUsage = {
      prompt_tokens: 10_000,
      completion_tokens: 500,
      prompt_tokens_details: { cached_tokens: 8000, cache_write_tokens: 1000 },
    };
    const cost = completionCost(usage, claudeSonnet45);
    expect(cost).toEqual({
      total: 0.01665, // adding the parts as floats gives 0.016649999999999998
      prompt: 0.003,
      completion: 0.0075,
      request: 0,
      cacheRead: 0.0024,
      cacheWrite: 0.00375,
    });
  });

  it('bills cached and cache-write tokens at the prompt price when the pricing has no cache prices', () => {
    const usage = {
      prompt_tokens: 1000,
      completion_tokens: 0,
      prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 100 },
    };
    const cost = completionCost(usage, { prompt: '0.000003', completion: '0.000015' });
    expect(cost).toEqual({ ...ZERO_COST, total: 0.003, prompt: 0.003 });
  });

  it('takes an explicit "0" cache-read price literally', () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 400 } };
    const cost = completionCost(usage, { prompt: '0.00000008', completion: '0.0000005', input_cache_read: '0' });
    expect(cost).toEqual({ ...ZERO_COST, total: 0.000048, prompt: 0.000048 });
  });

  it('prices audio prompt tokens at the audio price when there is one', () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 100, prompt_tokens_details: { audio_tokens: 600 } };
    const cost = completionCost(usage, gemini20Flash);
    expect(cost.prompt).toBe(0.00046); // 400 × 0.0000001 + 600 × 0.0000007
    expect(cost.completion).toBe(0.00004);
    expect(completionCost(usage, { prompt: '0.0000001', completion: '0.0000004' }).prompt).toBe(0.0001);
  });

  it('adds the request fee once', () => {
    const cost = completionCost(
      { prompt_tokens: 10, completion_tokens: 10 },
      { ...sonarDeepResearch, request: '0.005' },
    );
    expect(cost.request).toBe(0.005);
    expect(cost.total).toBe(0.0051);
  });

  it('applies a discount to every part, exactly', () => {
    const usage: CompletionUsage = {
      prompt_tokens: 1000,
      completion_tokens: 1000,
      prompt_tokens_details: { cached_tokens: 0 },
    };
    const pricing = { prompt: '0.000003', completion: '0.000015', request: '0.01', discount: 0.25 };
    expect(completionCost(usage, pricing)).toEqual({
      total: 0.021,
      prompt: 0.00225, // 1000 × 0.000003 × 0.75 is 0.0022500000000000003 in floats
      completion: 0.01125,
      request: 0.0075,
      cacheRead: 0,
      cacheWrite: 0,
    });
    expect(completionCost(usage, { ...pricing, discount: 1 })).toEqual(ZERO_COST);
    expect(completionCost(usage, { ...pricing, discount: 0 }).total).toBe(0.028);
  });

  it('costs nothing on a free model, and accepts null details', () => {
    const usage = {
      prompt_tokens: 43,
      completion_tokens: 10,
      prompt_tokens_details: null,
      completion_tokens_details: null,
    };
    expect(completionCost(usage, { prompt: '0', completion: '0', request: '0' })).toEqual(ZERO_COST);
  });

  it('accepts number prices', () => {
    expect(completionCost({ prompt_tokens: 3, completion_tokens: 0 }, { prompt: 0.0000001, completion: 0 }).total).toBe(
      3e-7,
    );
  });

  it('is exact for any token count and price on a 1e-12 grid', () => {
    fc.assert(
      fc.property(
        fc.nat(2_000_000),
        fc.nat(200_000),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        (promptTokens, completionTokens, promptPicos, completionPicos) => {
          const cost = completionCost(
            { prompt_tokens: promptTokens, completion_tokens: completionTokens },
            { prompt: `${promptPicos}e-12`, completion: `${completionPicos}e-12` },
          );
          const promptExact = BigInt(promptTokens) * promptPicos;
          const completionExact = BigInt(completionTokens) * completionPicos;
          expect(cost.prompt).toBe(Number(`${promptExact}e-12`));
          expect(cost.completion).toBe(Number(`${completionExact}e-12`));
          expect(cost.total).toBe(Number(`${promptExact + completionExact}e-12`));
        },
      ),
    );
  });

  describe('errors', () => {
    const usage = { prompt_tokens: 10, completion_tokens: 10 };

    it('refuses variable ("-1") pricing, pointing at usage.cost', () => {
      expect(() => completionCost(usage, openrouterAuto)).toThrow(OpenRouterError);
      expect(() => completionCost(usage, openrouterAuto)).toThrow(
        /^Cannot compute the cost: pricing\.prompt is "-1", which means the price is variable .*Use usage\.cost from the response/,
      );
      expect(() => completionCost(usage, { prompt: '0.000001', completion: -1 })).toThrow(
        /pricing\.completion is -1, which means the price is variable/,
      );
      expect(() => completionCost(usage, { prompt: '0', completion: '0', request: '-1' })).toThrow(
        /pricing\.request is "-1"/,
      );
    });

    it('refuses a malformed price', () => {
      expect(() => completionCost(usage, { prompt: 'abc', completion: '0' })).toThrow(
        /^Cannot compute the cost: pricing\.prompt is "abc", which is not a decimal price in USD\.$/,
      );
      expect(() => completionCost(usage, { prompt: '0', completion: '0', input_cache_read: 'x' })).toThrow(
        /pricing\.input_cache_read is "x"/,
      );
    });

    it('refuses a missing price only when tokens need it', () => {
      expect(() => completionCost({ prompt_tokens: 5, completion_tokens: 0 }, { completion: '0.1' })).toThrow(
        /^Cannot compute the cost: pricing\.prompt is missing, and usage has 5 prompt tokens\.$/,
      );
      expect(() => completionCost({ prompt_tokens: 0, completion_tokens: 7 }, { prompt: '0.1' })).toThrow(
        /pricing\.completion is missing, and usage has 7 completion tokens/,
      );
      expect(completionCost({ prompt_tokens: 0, completion_tokens: 2 }, { completion: '0.5' }).total).toBe(1);
    });

    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10', undefined])('refuses prompt_tokens %s', (value) => {
      const bad = { prompt_tokens: value, completion_tokens: 1 } as unknown as CompletionUsage;
      expect(() => completionCost(bad, claudeSonnet45)).toThrow(
        new RegExp(
          `^Cannot compute the cost: usage\\.prompt_tokens is ${String(value)}; expected a non-negative integer\\.$`,
        ),
      );
    });

    it('refuses a bad detail count', () => {
      const bad = { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: -2 } };
      expect(() => completionCost(bad, claudeSonnet45)).toThrow(
        /usage\.prompt_tokens_details\.cached_tokens is -2; expected a non-negative integer/,
      );
    });

    it('refuses cached + cache-write tokens that exceed prompt_tokens', () => {
      const bad = {
        prompt_tokens: 10,
        completion_tokens: 1,
        prompt_tokens_details: { cached_tokens: 8, cache_write_tokens: 5 },
      };
      expect(() => completionCost(bad, claudeSonnet45)).toThrow(
        /^Cannot compute the cost: usage\.prompt_tokens \(10\) is less than the cached, cache-write and audio tokens it should include \(13\)\.$/,
      );
    });

    it.each([1.5, -0.1, 'lots'])('refuses discount %j', (discount) => {
      expect(() => completionCost(usage, { prompt: '0', completion: '0', discount })).toThrow(
        new RegExp(
          `^Cannot compute the cost: pricing\\.discount is ${JSON.stringify(discount)}; expected a number from 0 to 1\\.$`,
        ),
      );
    });

    it('refuses non-objects', () => {
      expect(() => completionCost(null as unknown as CompletionUsage, claudeSonnet45)).toThrow(
        /^Cannot compute the cost: expected a usage object, got null\.$/,
      );
      expect(() => completionCost(usage, undefined as unknown as Pricing)).toThrow(
        /^Cannot compute the cost: expected a pricing object, got undefined\.$/,
      );
    });
  });
});

describe('structural input types', () => {
  it('accept interfaces without index signatures, as generated types will be', () => {
    interface GeneratedPricing {
      prompt: string;
      completion: string;
      image?: string;
      discount?: number;
    }
    interface GeneratedUsage {
      prompt_tokens: number;
      completion_tokens: number;
      total_tokens: number;
      prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number; video_tokens?: number } | null;
      completion_tokens_details?: { reasoning_tokens?: number | null; audio_tokens?: number | null } | null;
    }
    const pricing: GeneratedPricing = { prompt: '0.000001', completion: '0.000002' };
    const usage: GeneratedUsage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
    expectTypeOf<GeneratedPricing>().toExtend<Pricing>();
    expectTypeOf<GeneratedUsage>().toExtend<CompletionUsage>();
    expect(completionCost(usage, pricing).total).toBe(0.000003);
  });
});
