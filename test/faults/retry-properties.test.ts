// The retry rule as a property, against a real socket: random plans of failures per attempt
// (connection refused, reset before the headers, reset mid-body, 500, 429 with Retry-After: 0),
// random methods and maxRetries, several calls at once. The transport runs with the global fetch
// and an injected sleep (so backoff costs nothing); the expected outcome of each call comes from
// the rule as the README states it, not from the implementation.
import { createServer, type Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIError } from '../../src/index';
import { createTransport } from '../../src/internal/transport';
import { type FaultServer, resetAfterFlush, sendJson, TEST_KEY, useFaultServer, writeRaw } from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const OUTCOMES = ['refused', 'reset-before-headers', 'reset-mid-body', '500', '429', 'ok'] as const;
type Outcome = (typeof OUTCOMES)[number];
const METHODS = ['GET', 'PUT', 'DELETE', 'OPTIONS', 'POST', 'PATCH'] as const; // HEAD has no body to cut off
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

interface PlannedCall {
  method: (typeof METHODS)[number];
  maxRetries: number;
  /** The outcome of attempt 1, 2, ... (the last one repeats if more attempts come). */
  plan: Outcome[];
}

type Expected =
  | { resolved: true; attempts: number }
  | { resolved: false; error: 'status' | 'connection'; attempts: number };

/** The rule: statuses and refused connections are retried for every method; resets only for idempotent ones. */
function expectedOf(call: PlannedCall): Expected {
  for (let attempt = 1; ; attempt++) {
    const outcome = call.plan[Math.min(attempt, call.plan.length) - 1] as Outcome;
    const canRetry = attempt <= call.maxRetries;
    if (outcome === 'ok') return { resolved: true, attempts: attempt };
    const retried =
      outcome === '500' || outcome === '429' || outcome === 'refused'
        ? canRetry
        : canRetry && IDEMPOTENT.has(call.method);
    if (!retried) {
      return {
        resolved: false,
        error: outcome === '500' || outcome === '429' ? 'status' : 'connection',
        attempts: attempt,
      };
    }
  }
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Answers each request as its `x-outcome` header says. */
function installHandler() {
  server.handle((req, res) => {
    const outcome = req.headers['x-outcome'] as Outcome;
    switch (outcome) {
      case 'reset-before-headers':
        return resetAfterFlush(writeRaw(res, 'HTTP/1.1 200 OK\r\nContent-Type: appl'));
      case 'reset-mid-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"id":"gen-');
        return resetAfterFlush(res.socket as Socket);
      case '500':
        return sendJson(res, 500, { error: { code: 500, message: 'boom' } });
      case '429':
        return sendJson(res, 429, { error: { code: 429, message: 'slow' } }, { 'retry-after': '0' });
      default:
        return sendJson(res, 200, { ok: true, call: req.headers['x-call-id'] });
    }
  });
}

const callArbitrary: fc.Arbitrary<PlannedCall> = fc.record({
  method: fc.constantFrom(...METHODS),
  maxRetries: fc.integer({ min: 0, max: 3 }),
  plan: fc.array(fc.constantFrom(...OUTCOMES), { minLength: 1, maxLength: 5 }),
});

describe('retries under random failures (seeded)', () => {
  it('no non-idempotent request that reached the server is sent twice; retries are bounded; every call settles as the rule says', async () => {
    installHandler();
    const refusedOrigin = `http://127.0.0.1:${await closedPort()}`;
    let runId = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(callArbitrary, { minLength: 1, maxLength: 6 }), async (calls) => {
        runId += 1;
        server.requests.length = 0;
        const attemptsSeen = new Map<string, Outcome[]>();
        const results = await Promise.all(
          calls.map(async (call, index) => {
            const id = `${runId}-${index}`;
            const seen: Outcome[] = [];
            attemptsSeen.set(id, seen);
            // The fetch the transport calls: decides this attempt's outcome, and sends a refused
            // attempt to a closed port (a real ECONNREFUSED), every other to the fault server.
            const fetch = ((url: string, init: RequestInit) => {
              const outcome = call.plan[Math.min(seen.length + 1, call.plan.length) - 1] as Outcome;
              seen.push(outcome);
              const headers = new Headers(init.headers);
              headers.set('x-outcome', outcome);
              const target = outcome === 'refused' ? url.replace(server.origin, refusedOrigin) : url;
              return globalThis.fetch(target, { ...init, headers });
            }) as typeof globalThis.fetch;
            const transport = createTransport({
              fetch,
              timeout: 10_000,
              maxRetries: call.maxRetries,
              sleep: async () => {},
            });
            const headers = new Headers({ authorization: `Bearer ${TEST_KEY}`, 'x-call-id': id });
            const body = call.method === 'GET' ? undefined : '{"n":1}';
            const settled = transport({
              url: `${server.baseURL}/calls/${id}`,
              method: call.method,
              headers,
              body,
            }).then(
              async (response) => ({ resolved: true as const, response: await response.text() }),
              (error: unknown) => ({ resolved: false as const, error }),
            );
            const guard = new Promise<'still pending'>((resolve) =>
              setTimeout(() => resolve('still pending'), 10_000).unref(),
            );
            return { id, call, outcome: await Promise.race([settled, guard]) };
          }),
        );

        for (const { id, call, outcome } of results) {
          const label = `${JSON.stringify(call)} -> ${JSON.stringify(outcome)}`;
          expect(outcome, label).not.toBe('still pending');
          if (outcome === 'still pending') continue;
          const seen = attemptsSeen.get(id) ?? [];
          const expected = expectedOf(call);
          expect(seen.length, label).toBe(expected.attempts);
          expect(seen.length, label).toBeLessThanOrEqual(call.maxRetries + 1);
          expect(outcome.resolved, label).toBe(expected.resolved);
          if (!outcome.resolved && !expected.resolved) {
            expect(outcome.error, label).toBeInstanceOf(expected.error === 'status' ? APIError : APIConnectionError);
            expect((outcome.error as { attempts?: number }).attempts, label).toBe(expected.attempts);
          }
          // What the server received: no non-idempotent request is sent again after one that
          // reached the server without a status answer (a reset before the headers or mid-body).
          const received = server.requests.filter((r) => r.headers['x-call-id'] === id);
          if (!IDEMPOTENT.has(call.method)) {
            const unanswered = received.findIndex((r) => String(r.headers['x-outcome']).startsWith('reset'));
            if (unanswered !== -1) expect(received.length, label).toBe(unanswered + 1);
          }
          expect(received.length, label).toBe(seen.filter((o) => o !== 'refused').length);
        }
      }),
      { seed: 20_261_201, numRuns: 60 },
    );
  }, 120_000);
});
