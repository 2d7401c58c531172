// Node 20.0-20.2 and Vercel's edge runtime have no `AbortSignal.any`: a streamed call with the
// caller's signal must still work there, cancel on the caller's abort, and leave no listener behind.
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APIUserAbortError } from '../../../src';
import { clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { bodyTiedTo } from '../support/scripted-fetch';

const REQUEST = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }], stream: true as const };
const CHUNK = `data: ${JSON.stringify({ id: 'gen-1', choices: [{ index: 0, delta: { content: 'Hel' } }] })}\n\n`;

const originalAny = AbortSignal.any;
beforeEach(() => {
  clearClientEnv();
  // What those runtimes have: the static method is simply not there.
  delete (AbortSignal as { any?: unknown }).any;
});
afterEach(() => {
  AbortSignal.any = originalAny;
  vi.unstubAllEnvs();
});

const streamAnswer = (chunks: string[], close: boolean) => (request: Request) =>
  new Response(bodyTiedTo(request, chunks, { close }), { headers: { 'content-type': 'text/event-stream' } });

describe('a streamed call with a signal, where AbortSignal.any is missing', () => {
  it('streams to the end, then leaves no listener on the caller signal', async () => {
    expect('any' in AbortSignal).toBe(false);
    const caller = new AbortController();
    const { client } = clientWith({}, streamAnswer([CHUNK, 'data: [DONE]\n\n'], true));
    const stream = await client.chat.completions.create(REQUEST, { signal: caller.signal });
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe('Hel');
    // The drain after [DONE] reads the body's end in the background.
    await vi.waitFor(() => expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0));
  });

  it("cancels the stream on the caller's abort, as APIUserAbortError, and unlinks", async () => {
    const caller = new AbortController();
    let sent: Request | undefined;
    const { client } = clientWith({}, (request) => {
      sent = request;
      return streamAnswer([CHUNK], false)(request);
    });
    const stream = await client.chat.completions.create(REQUEST, { signal: caller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    caller.abort();
    expect(await rejectionOf(iterator.next())).toBeInstanceOf(APIUserAbortError);
    expect(sent?.signal.aborted).toBe(true);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('unlinks when the consumer leaves the loop early', async () => {
    const caller = new AbortController();
    const { client } = clientWith({}, streamAnswer([CHUNK, CHUNK], false));
    const stream = await client.chat.completions.create(REQUEST, { signal: caller.signal });
    for await (const _chunk of stream) break;
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects with APIUserAbortError for a signal aborted before the call', async () => {
    const { client, requests } = clientWith({}, streamAnswer([CHUNK], true));
    const error = await rejectionOf(client.chat.completions.create(REQUEST, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });

  it('unlinks when the call fails before a stream exists', async () => {
    const caller = new AbortController();
    const { client } = clientWith(
      { maxRetries: 0 },
      new Response('{"error":{"code":400,"message":"bad"}}', {
        status: 400,
        headers: { 'content-type': 'application/json' },
      }),
    );
    await rejectionOf(client.chat.completions.create(REQUEST, { signal: caller.signal }));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});
