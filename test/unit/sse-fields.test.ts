// The SSE fields besides `data`, and framings met in the streams of every operation.
import { describe, expect, it } from 'vitest';
import { APITimeoutError } from '../../src/core/errors';
import {
  bytes,
  decodeAll,
  fixture,
  manualBody,
  onePiecePerByte,
  readServerSentEvents,
  splitAt,
} from './helpers/sse-streams';

describe('event, id and retry fields', () => {
  it('carries each event its `event:` name (reset after dispatch) and the last `id:`; `retry:` is read and ignored', async () => {
    const events = await decodeAll([
      bytes(
        'retry: 3000\nevent: message_start\nid: 7\ndata: {"a":1}\n\ndata: {"b":2}\n\nevent: ping\nretry: x\ndata: {}\n\n',
      ),
    ]);
    expect(events).toEqual([
      { event: 'message_start', data: '{"a":1}', id: '7' },
      { event: undefined, data: '{"b":2}', id: '7' },
      { event: 'ping', data: '{}', id: '7' },
    ]);
  });

  it('the Messages fixture: every event named by its `event:` line, the same in 1-byte reads', async () => {
    const data = fixture('messages-thinking-tool-use.sse');
    const events = await decodeAll([data]);
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) expect(event.event).toBe(JSON.parse(event.data).type);
    expect(await decodeAll(onePiecePerByte(data))).toEqual(events);
  });
});

describe('framing', () => {
  it('a BOM split across reads is still dropped, and only at the start', async () => {
    const data = bytes('\uFEFFdata: x\n\n');
    for (let cut = 0; cut <= 3; cut++) {
      expect(await decodeAll(splitAt(data, [cut]))).toEqual([{ event: undefined, data: 'x', id: undefined }]);
    }
  });

  it('a multi-byte character cut at each of its bytes', async () => {
    const data = bytes('data: 😀é中\n\n');
    for (let cut = 6; cut <= data.length; cut++) {
      expect((await decodeAll(splitAt(data, [cut])))[0]?.data).toBe('😀é中');
    }
  });

  it('CR line endings with the CR and a following LF in different reads (CR LF is one break, CR CR two)', async () => {
    expect(await decodeAll([bytes('data: a\r'), bytes('\ndata: b\r'), bytes('\r')])).toEqual([
      { event: undefined, data: 'a\nb', id: undefined },
    ]);
  });

  it('no blank line at the end of the body: the last event still comes', async () => {
    expect(await decodeAll([bytes('event: message_stop\ndata: {"type":"message_stop"}')])).toEqual([
      { event: 'message_stop', data: '{"type":"message_stop"}', id: undefined },
    ]);
  });
});

describe('idleTimeout', () => {
  it('rejects a read that waits longer than the idle timeout; comments count as activity', async () => {
    const body = manualBody();
    const events = readServerSentEvents(body.stream, { idleTimeout: 120 });
    body.push('data: 1\n\n');
    expect((await events.next()).value?.data).toBe('1');
    const next = events.next();
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      body.push(': keep-alive\n\n');
    }
    body.push('data: 2\n\n');
    expect((await next).value?.data).toBe('2');
    await expect(events.next()).rejects.toBeInstanceOf(APITimeoutError);
    expect(body.state.cancelled).toBe(true);
  });
});
