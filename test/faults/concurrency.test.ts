// 200 requests in flight through one client, with mixed failures: every promise settles with its own
// result or error, and the server counts exactly the attempts each one should have made. The server
// holds every first attempt until all 200 have arrived, so "they were all in flight at once" is a
// count, not a matter of how fast the machine is.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InternalServerError, NotFoundError, RateLimitError } from '../../src/index';
import { apiError, clientFor, type FaultServer, sendJson, startFaultServer, watchConsole } from './fault-server';

let server: FaultServer;
let console_: ReturnType<typeof watchConsole>;
beforeAll(async () => {
  server = await startFaultServer({ maxRequests: 1_000 });
  console_ = watchConsole();
});
afterAll(async () => {
  console_.restore();
  await server.close();
});

type Kind = 'ok' | 'rate-limited-once' | 'always-500' | 'not-found';
const KINDS: Kind[] = ['ok', 'rate-limited-once', 'always-500', 'not-found'];
const TOTAL = 200;
const MAX_RETRIES = 2;
/** Attempts the server must see per id. */
const EXPECTED_ATTEMPTS: Record<Kind, number> = {
  ok: 1,
  'rate-limited-once': 2,
  'always-500': MAX_RETRIES + 1,
  'not-found': 1,
};

/** How long the first attempts are held at most, should fewer than all of them ever arrive. */
const BARRIER_DEADLINE_MS = 10_000;

it('200 concurrent requests with mixed failures: all settle correctly, none lost or duplicated', async () => {
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let firstAttempts = 0;
  let releaseFirstAttempts: () => void = () => {};
  const allFirstAttemptsArrived = new Promise<void>((resolve) => {
    releaseFirstAttempts = resolve;
  });
  // If the client ever sent fewer than TOTAL requests at once, the barrier opens at the deadline and
  // the maxInFlight assertion below names how many there were.
  const deadline = setTimeout(releaseFirstAttempts, BARRIER_DEADLINE_MS);
  server.handle(async (req, res) => {
    // /api/v1/model/fault/<kind>--<i>
    const match = /^\/api\/v1\/model\/fault\/([a-z0-9-]+)--(\d+)$/.exec(req.url ?? '');
    if (!match) return sendJson(res, 400, apiError(400, `unexpected ${req.url}`));
    const [, kind, id] = match as unknown as [string, Kind, string];
    const n = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, n);
    if (n === 1) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      firstAttempts += 1;
      if (firstAttempts === TOTAL) releaseFirstAttempts();
      await allFirstAttemptsArrived;
      inFlight -= 1;
    }
    switch (kind) {
      case 'ok':
        return sendJson(res, 200, { data: { id: `fault/${kind}--${id}`, attempt: n } });
      case 'rate-limited-once':
        if (n === 1) return sendJson(res, 429, apiError(429, `slow down ${id}`), { 'retry-after-ms': '20' });
        return sendJson(res, 200, { data: { id: `fault/${kind}--${id}`, attempt: n } });
      case 'always-500':
        return sendJson(res, 500, apiError(500, `broken ${id}`), { 'retry-after-ms': '10' });
      default:
        return sendJson(res, 404, apiError(404, `no model ${id}`));
    }
  });

  const client = clientFor(server, { maxRetries: MAX_RETRIES });
  const calls = Array.from({ length: TOTAL }, (_, i) => {
    const kind = KINDS[i % KINDS.length] as Kind;
    return { i, kind, promise: client.models.get(`fault/${kind}--${i}`) };
  });
  const settled = await Promise.allSettled(calls.map((c) => c.promise));
  clearTimeout(deadline);

  expect(settled).toHaveLength(TOTAL);
  for (const [index, { i, kind }] of calls.entries()) {
    const result = settled[index];
    const label = `request ${i} (${kind})`;
    switch (kind) {
      case 'ok':
      case 'rate-limited-once':
        expect(result, label).toEqual({
          status: 'fulfilled',
          value: { data: { id: `fault/${kind}--${i}`, attempt: EXPECTED_ATTEMPTS[kind] } },
        });
        break;
      case 'always-500': {
        expect(result?.status, label).toBe('rejected');
        const reason = (result as PromiseRejectedResult).reason;
        expect(reason, label).toBeInstanceOf(InternalServerError);
        expect(reason, label).toMatchObject({ status: 500, message: `500 broken ${i}`, attempts: MAX_RETRIES + 1 });
        break;
      }
      case 'not-found': {
        const reason = (result as PromiseRejectedResult).reason;
        expect(reason, label).toBeInstanceOf(NotFoundError);
        expect(reason, label).toMatchObject({ status: 404, message: `404 no model ${i}`, attempts: 1 });
        expect(reason).not.toBeInstanceOf(RateLimitError);
        break;
      }
    }
  }
  // Server side: every id was seen, exactly as many times as its kind requires.
  expect(attempts.size).toBe(TOTAL);
  for (const { i, kind } of calls)
    expect(attempts.get(String(i)), `attempts of ${i} (${kind})`).toBe(EXPECTED_ATTEMPTS[kind]);
  const expectedTotal = calls.reduce((sum, c) => sum + EXPECTED_ATTEMPTS[c.kind], 0);
  expect(server.requests).toHaveLength(expectedTotal);
  // They really were concurrent: every first attempt was held until the last one arrived.
  expect(maxInFlight, 'first attempts in flight at once').toBe(TOTAL);
  expect(console_.calls()).toEqual([]);
});
