import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { OpenRouterError } from '../../../src/core/errors';
import {
  type EndpointCriterion,
  type EndpointLike,
  pickEndpoint,
  sortEndpoints,
} from '../../../src/helpers/endpoint-choice';

interface TestEndpoint extends EndpointLike {
  provider_name: string;
}

// Shaped like GET /models/{author}/{slug}/endpoints entries, trimmed to what the helpers read.
function endpoint(provider_name: string, fields: Omit<TestEndpoint, 'provider_name'> = {}): TestEndpoint {
  return { provider_name, status: 0, context_length: 131072, ...fields };
}
const names = (endpoints: readonly TestEndpoint[]) => endpoints.map((entry) => entry.provider_name);
const stats = (p50: number | null) => ({ p50, p75: null, p90: null, p99: null });

describe('sortEndpoints by price', () => {
  const endpoints = [
    endpoint('Variable', { pricing: { prompt: '-1', completion: '-1' } }),
    endpoint('Pricey', { pricing: { prompt: '0.000003', completion: '0.0000045' } }),
    endpoint('NoPricing'),
    endpoint('Cheap', { pricing: { prompt: '0.0000002', completion: '0.0000008' } }),
    endpoint('Free', { pricing: { prompt: '0', completion: '0' } }),
    endpoint('Malformed', { pricing: { prompt: 'n/a', completion: '0' } }),
    endpoint('Discounted', { pricing: { prompt: '0.000003', completion: '0.0000045', discount: 0.9 } }),
  ];

  it('puts the lowest prompt + completion first and unknown prices last, in input order', () => {
    expect(names(sortEndpoints(endpoints, 'price'))).toEqual([
      'Free',
      'Discounted', // 0.0000075 × 0.1
      'Cheap',
      'Pricey',
      'Variable',
      'NoPricing',
      'Malformed',
    ]);
  });

  it('compares prices exactly, so equal sums stay in input order', () => {
    // 0.0000001 + 0.00000165 is 0.0000017500000000000002 in floats; 0.00000055 + 0.0000012 is 0.00000175.
    const tied = [
      endpoint('First', { pricing: { prompt: '0.0000001', completion: '0.00000165' } }),
      endpoint('Second', { pricing: { prompt: '0.00000055', completion: '0.0000012' } }),
    ];
    expect(names(sortEndpoints(tied, 'price'))).toEqual(['First', 'Second']);
    expect(names(sortEndpoints([...tied].reverse(), 'price'))).toEqual(['Second', 'First']);
  });

  it('returns a new array and leaves the input alone', () => {
    const before = [...endpoints];
    const sorted = sortEndpoints(endpoints, 'price');
    expect(sorted).not.toBe(endpoints);
    expect(endpoints).toEqual(before);
    expect(sorted[0]).toBe(endpoints[4]); // the same objects, not copies
  });
});

describe('sortEndpoints by latency and throughput', () => {
  const endpoints = [
    endpoint('NoStats'),
    endpoint('Slow', { latency_last_30m: stats(1.9), throughput_last_30m: stats(20) }),
    endpoint('NullStats', { latency_last_30m: null, throughput_last_30m: null }),
    endpoint('Quick', { latency_last_30m: stats(0.25), throughput_last_30m: stats(45.2) }),
    endpoint('NullMedian', { latency_last_30m: stats(null), throughput_last_30m: stats(null) }),
    endpoint('AlsoQuick', { latency_last_30m: stats(0.25), throughput_last_30m: stats(120) }),
  ];

  it('latency: lowest p50 first, ties in input order, missing last in input order', () => {
    expect(names(sortEndpoints(endpoints, 'latency'))).toEqual([
      'Quick',
      'AlsoQuick',
      'Slow',
      'NoStats',
      'NullStats',
      'NullMedian',
    ]);
  });

  it('throughput: highest p50 first, missing last in input order', () => {
    expect(names(sortEndpoints(endpoints, 'throughput'))).toEqual([
      'AlsoQuick',
      'Quick',
      'Slow',
      'NoStats',
      'NullStats',
      'NullMedian',
    ]);
  });

  it('keeps the order of endpoints that all lack the figure', () => {
    const bare = [endpoint('C'), endpoint('A'), endpoint('B')];
    expect(names(sortEndpoints(bare, 'latency'))).toEqual(['C', 'A', 'B']);
    expect(names(sortEndpoints(bare, 'throughput'))).toEqual(['C', 'A', 'B']);
  });
});

describe('sortEndpoints filters', () => {
  const endpoints = [
    endpoint('Small', { context_length: 32768, supported_parameters: ['tools', 'temperature'] }),
    endpoint('Down', { status: -5, supported_parameters: ['tools'] }),
    endpoint('NoTools', { supported_parameters: ['temperature'] }),
    endpoint('Unreported', { context_length: null, status: null, supported_parameters: null }),
    endpoint('Good', { supported_parameters: ['tools', 'tool_choice', 'temperature'] }),
  ];

  it('minContextLength drops short and unreported contexts', () => {
    expect(names(sortEndpoints(endpoints, 'price', { minContextLength: 100_000 }))).toEqual([
      'Down',
      'NoTools',
      'Good',
    ]);
  });

  it('requireParameters keeps endpoints that support all of them', () => {
    expect(names(sortEndpoints(endpoints, 'price', { requireParameters: ['tools', 'tool_choice'] }))).toEqual(['Good']);
    expect(names(sortEndpoints(endpoints, 'price', { requireParameters: [] }))).toHaveLength(5);
  });

  it('excludeStatusBelow drops degraded and unreported statuses', () => {
    expect(names(sortEndpoints(endpoints, 'price', { excludeStatusBelow: 0 }))).toEqual(['Small', 'NoTools', 'Good']);
    expect(names(sortEndpoints(endpoints, 'price', { excludeStatusBelow: -10 }))).toEqual([
      'Small',
      'Down',
      'NoTools',
      'Good',
    ]);
  });

  it('combines filters', () => {
    const options = { minContextLength: 65536, requireParameters: ['tools'], excludeStatusBelow: 0 };
    expect(names(sortEndpoints(endpoints, 'latency', options))).toEqual(['Good']);
  });
});

describe('sortEndpoints errors', () => {
  it('rejects an unknown criterion', () => {
    expect(() => sortEndpoints([], 'cost' as EndpointCriterion)).toThrow(OpenRouterError);
    expect(() => sortEndpoints([], 'cost' as EndpointCriterion)).toThrow(
      /^Invalid endpoint sort criterion "cost": expected "price", "latency" or "throughput"\.$/,
    );
    expect(() => sortEndpoints([], 'toString' as EndpointCriterion)).toThrow(/Invalid endpoint sort criterion/);
  });

  it('rejects non-numeric filter options and non-arrays', () => {
    expect(() => sortEndpoints([], 'price', { minContextLength: '8k' as unknown as number })).toThrow(
      /^Invalid endpoint filter: minContextLength is 8k; expected a number\.$/,
    );
    expect(() => sortEndpoints([], 'price', { excludeStatusBelow: Number.NaN })).toThrow(
      /excludeStatusBelow is NaN; expected a number/,
    );
    expect(() => sortEndpoints(null as unknown as EndpointLike[], 'price')).toThrow(
      /^Cannot sort endpoints: expected an array, got null\.$/,
    );
  });
});

describe('pickEndpoint', () => {
  const endpoints = [
    endpoint('A', { pricing: { prompt: '0.000001', completion: '0.000002' }, throughput_last_30m: stats(30) }),
    endpoint('B', { pricing: { prompt: '0.0000005', completion: '0.000001' }, throughput_last_30m: stats(90) }),
    endpoint('C', { pricing: { prompt: '0.0000001', completion: '0.0000001' }, status: -2 }),
  ];

  it('returns the best endpoint by the criterion', () => {
    expect(pickEndpoint(endpoints, 'price')?.provider_name).toBe('C');
    expect(pickEndpoint(endpoints, 'price', { excludeStatusBelow: 0 })?.provider_name).toBe('B');
    expect(pickEndpoint(endpoints, 'throughput')?.provider_name).toBe('B');
  });

  it('returns the first passing endpoint when none reports the figure', () => {
    expect(pickEndpoint(endpoints, 'latency')?.provider_name).toBe('A');
  });

  it('returns undefined when nothing passes the filters', () => {
    expect(pickEndpoint(endpoints, 'price', { minContextLength: 1_000_000 })).toBeUndefined();
    expect(pickEndpoint([], 'price')).toBeUndefined();
  });

  it('keeps the caller’s element type', () => {
    expectTypeOf(pickEndpoint(endpoints, 'price')).toEqualTypeOf<TestEndpoint | undefined>();
    expectTypeOf(sortEndpoints(endpoints, 'price')).toEqualTypeOf<TestEndpoint[]>();
  });
});

describe('sortEndpoints properties', () => {
  const arbitraryEndpoint = fc.record({
    latency: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined }),
    throughput: fc.option(fc.constantFrom(10, 20, 30), { nil: undefined }),
    context: fc.constantFrom(8192, 32768, 131072),
  });

  it('sorts a filtered permutation, missing figures last, ties in input order', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryEndpoint, { maxLength: 30 }),
        fc.constantFrom<EndpointCriterion>('latency', 'throughput'),
        fc.constantFrom(undefined, 32768),
        (specs, by, minContextLength) => {
          const input = specs.map((spec, index) =>
            endpoint(String(index), {
              context_length: spec.context,
              latency_last_30m: spec.latency === undefined ? null : stats(spec.latency),
              throughput_last_30m: spec.throughput === undefined ? undefined : stats(spec.throughput),
            }),
          );
          const sorted = sortEndpoints(input, by, { minContextLength });
          const expectedMembers = input.filter(
            (entry) => minContextLength === undefined || (entry.context_length ?? 0) >= minContextLength,
          );
          expect(new Set(sorted)).toEqual(new Set(expectedMembers));
          expect(sorted).toHaveLength(expectedMembers.length);
          const figure = (entry: TestEndpoint) =>
            (by === 'latency' ? entry.latency_last_30m : entry.throughput_last_30m)?.p50 ?? undefined;
          for (let index = 1; index < sorted.length; index++) {
            const previous = sorted[index - 1] as TestEndpoint;
            const current = sorted[index] as TestEndpoint;
            const [a, b] = [figure(previous), figure(current)];
            if (a === undefined) expect(b).toBeUndefined();
            if (a !== undefined && b !== undefined) {
              expect(by === 'latency' ? a <= b : a >= b).toBe(true);
            }
            if (a === b) expect(Number(previous.provider_name)).toBeLessThan(Number(current.provider_name));
          }
        },
      ),
    );
  });
});
