// Deno's and workerd's timers are numbers, without `unref`: the drain timer after `[DONE]` must not
// throw there, and in Deno it is unref'd with `Deno.unrefTimer` so a script can exit at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Stream } from '../../../src';
import { unrefTimer } from '../../../src/internal/runtime';

afterEach(() => {
  vi.unstubAllGlobals();
});

const DONE_THEN_OPEN = 'data: {"id":"1","choices":[]}\n\ndata: [DONE]\n\n';

/** A body that sends `text` and then stays open, as a server that keeps the connection after [DONE]. */
function openBody(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
    },
  });
}

describe('unrefTimer', () => {
  it('calls unref() on a Node or Bun timer object', () => {
    const timer = { unref: vi.fn() };
    unrefTimer(timer as unknown as ReturnType<typeof setTimeout>);
    expect(timer.unref).toHaveBeenCalledTimes(1);
  });

  it('hands a numeric timer to Deno.unrefTimer', () => {
    const deno = { unrefTimer: vi.fn() };
    vi.stubGlobal('Deno', deno);
    unrefTimer(42 as unknown as ReturnType<typeof setTimeout>);
    expect(deno.unrefTimer).toHaveBeenCalledWith(42);
  });

  it('does nothing with a numeric timer where there is no Deno (workerd, browsers)', () => {
    expect('Deno' in globalThis).toBe(false);
    expect(() => unrefTimer(43 as unknown as ReturnType<typeof setTimeout>)).not.toThrow();
  });
});

describe('the drain timer after [DONE], with numeric timers', () => {
  it('ends the stream, and unrefs its timer through Deno.unrefTimer', async () => {
    const realSetTimeout = globalThis.setTimeout;
    const ids: number[] = [];
    // Timers as Deno and workerd have them: plain numbers.
    vi.stubGlobal('setTimeout', (callback: () => void, ms?: number) => {
      const handle = realSetTimeout(callback, ms);
      const id = ids.length + 1000;
      ids.push(id);
      handles.set(id, handle);
      return id;
    });
    const handles = new Map<number, ReturnType<typeof setTimeout>>();
    const realClearTimeout = globalThis.clearTimeout;
    vi.stubGlobal('clearTimeout', (id: number) => realClearTimeout(handles.get(id)));
    const deno = { unrefTimer: vi.fn() };
    vi.stubGlobal('Deno', deno);

    const controller = new AbortController();
    const stream = new Stream(
      new Response(openBody(DONE_THEN_OPEN), { headers: { 'content-type': 'text/event-stream' } }),
      controller,
    );
    const chunks: unknown[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toEqual([{ id: '1', choices: [] }]);
    expect(ids).toHaveLength(1);
    expect(deno.unrefTimer).toHaveBeenCalledWith(ids[0]);
    controller.abort();
  });
});
