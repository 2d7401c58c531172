// The helpers against real API responses kept outside the repository (../shared/realdata). A fresh
// clone has no such folder, so these tests skip with a warning instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OpenRouterError } from '../../../src/core/errors';
import {
  type CompletionUsage,
  completionCost,
  formatModelId,
  isModelId,
  parseModelId,
  parsePrice,
  pickEndpoint,
  pricesAsNumbers,
  sortEndpoints,
} from '../../../src/helpers';

const realdataDir = fileURLToPath(new URL('../../../../shared/realdata/', import.meta.url));
const haveRealdata = existsSync(realdataDir);
if (!haveRealdata) console.warn(`Skipping helper checks against real API data: ${realdataDir} does not exist.`);

interface RealModel {
  id: string;
  canonical_slug: string;
  pricing: Record<string, string | number>;
}
interface RealEndpoint {
  provider_name: string;
  context_length: number;
  status: number;
  supported_parameters: string[];
  pricing: Record<string, string | number>;
  uptime_last_30m: number | null;
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(`${realdataDir}${relativePath}`, 'utf8')) as T;
}

// The `usage` of the last chunk of a recorded stream.
function streamUsage(relativePath: string): { model: string; usage: CompletionUsage & { cost: number } } {
  const chunks = readFileSync(`${realdataDir}${relativePath}`, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map(
      (line) =>
        JSON.parse(line.slice('data: '.length)) as { model: string; usage?: CompletionUsage & { cost: number } },
    );
  const last = chunks.reverse().find((chunk) => chunk.usage !== undefined);
  if (last?.usage === undefined) throw new Error(`${relativePath} has no usage chunk`);
  return { model: last.model, usage: last.usage };
}

describe.skipIf(!haveRealdata)('helpers on real API data', () => {
  const models = haveRealdata ? readJson<{ data: RealModel[] }>('models.2025-11.json').data : [];
  const endpointsResponse = haveRealdata
    ? readJson<{ data: { id: string; endpoints: RealEndpoint[] } }>('endpoints/deepseek-chat-v3.1.2025-08.json').data
    : { id: '', endpoints: [] };

  it('reads the model list', () => {
    expect(models.length).toBeGreaterThan(300);
  });

  it('parses and round-trips every model id and canonical slug', () => {
    for (const model of models) {
      for (const id of [model.id, model.canonical_slug]) {
        const parts = parseModelId(id);
        expect(formatModelId(parts), id).toBe(id);
        expect(isModelId(id)).toBe(true);
        expect(parts.variant, id).toBe(id.includes(':') ? id.split(':')[1] : undefined);
      }
    }
    expect(parseModelId(endpointsResponse.id)).toEqual({
      author: 'deepseek',
      slug: 'deepseek-chat-v3.1',
      variant: undefined,
    });
  });

  it('pricesAsNumbers gives non-negative numbers or undefined for every model, never NaN', () => {
    let undefinedCount = 0;
    for (const model of models) {
      const prices = pricesAsNumbers(model.pricing);
      expect(Object.keys(prices)).toEqual(Object.keys(model.pricing));
      for (const [key, value] of Object.entries(prices)) {
        if (value === undefined) {
          undefinedCount++;
          expect(model.pricing[key], `${model.id} ${key}`).toBe('-1');
        } else {
          expect(Number.isFinite(value) && value >= 0, `${model.id} ${key}`).toBe(true);
          expect(value).toBe(Number(model.pricing[key]));
        }
      }
    }
    // Only openrouter/auto prices at "-1", for prompt and completion.
    expect(undefinedCount).toBe(2);
    expect(pricesAsNumbers(models.find((model) => model.id === 'openrouter/auto')?.pricing ?? {})).toMatchObject({
      prompt: undefined,
      completion: undefined,
    });
  });

  it('completionCost works for every model with a fixed price, and refuses the variable one', () => {
    const usage: CompletionUsage = {
      prompt_tokens: 12_000,
      completion_tokens: 800,
      prompt_tokens_details: { cached_tokens: 4000, cache_write_tokens: 2000, audio_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 300 },
    };
    for (const model of models) {
      if (model.id === 'openrouter/auto') {
        expect(() => completionCost(usage, model.pricing)).toThrow(OpenRouterError);
        expect(() => completionCost(usage, model.pricing)).toThrow(
          /pricing\.prompt is "-1", which means the price is variable/,
        );
        continue;
      }
      const cost = completionCost(usage, model.pricing);
      const parts = cost.prompt + cost.completion + cost.request + cost.cacheRead + cost.cacheWrite;
      expect(cost.total, model.id).toBeCloseTo(parts, 15);
      expect(cost.total >= 0 && Number.isFinite(cost.total), model.id).toBe(true);
    }
  });

  it('completionCost reproduces the cost OpenRouter charged for recorded streams', () => {
    for (const file of ['chat/streaming_reasoning.0.200.sse', 'chat/stream_error.0.200.sse']) {
      const { model, usage } = streamUsage(file);
      const pricing = models.find((entry) => entry.id === model)?.pricing;
      if (pricing === undefined) {
        // minimax/minimax-m2:free is newer than the model list; it was free.
        expect(usage.cost, file).toBe(0);
        expect(completionCost(usage, { prompt: '0', completion: '0' }).total).toBe(0);
        continue;
      }
      expect(completionCost(usage, pricing).total, file).toBe(usage.cost);
    }
  });

  describe('the deepseek-chat-v3.1 endpoints', () => {
    const endpoints = endpointsResponse.endpoints;
    const providerOrder = endpoints.map((entry) => entry.provider_name);
    const perToken = (entry: RealEndpoint) =>
      (parsePrice(entry.pricing.prompt) ?? Number.NaN) + (parsePrice(entry.pricing.completion) ?? Number.NaN);

    it('sorts by price, cheapest first', () => {
      const sorted = sortEndpoints(endpoints, 'price');
      expect(sorted).toHaveLength(endpoints.length);
      expect(sorted[0]?.provider_name).toBe('Chutes');
      expect(sorted.at(-1)?.provider_name).toBe('SambaNova');
      for (let index = 1; index < sorted.length; index++) {
        expect(perToken(sorted[index - 1] as RealEndpoint)).toBeLessThanOrEqual(
          perToken(sorted[index] as RealEndpoint),
        );
      }
    });

    it('keeps input order for latency and throughput, which this unauthenticated capture lacks', () => {
      expect(endpoints.every((entry) => !('latency_last_30m' in entry) && !('throughput_last_30m' in entry))).toBe(
        true,
      );
      expect(sortEndpoints(endpoints, 'latency').map((entry) => entry.provider_name)).toEqual(providerOrder);
      expect(sortEndpoints(endpoints, 'throughput').map((entry) => entry.provider_name)).toEqual(providerOrder);
    });

    it('filters by context length, parameters and status', () => {
      const longContext = sortEndpoints(endpoints, 'price', { minContextLength: 163840 });
      expect(longContext.length).toBeGreaterThan(0);
      expect(longContext.every((entry) => entry.context_length >= 163840)).toBe(true);
      expect(longContext.map((entry) => entry.provider_name)).not.toContain('SambaNova');
      expect(sortEndpoints(endpoints, 'price', { excludeStatusBelow: 0 })).toHaveLength(endpoints.length);
      const withTools = pickEndpoint(endpoints, 'price', { requireParameters: ['tools', 'tool_choice'] });
      expect(withTools?.supported_parameters).toEqual(expect.arrayContaining(['tools', 'tool_choice']));
      expect(pickEndpoint(endpoints, 'price', { minContextLength: 10_000_000 })).toBeUndefined();
    });
  });
});
