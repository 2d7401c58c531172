import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServerSentEvent } from '../../src/internal/sse';
import { hasRealdata, listRealdata, realdataDir } from '../support/realdata';
import {
  bytes,
  decodeAll,
  fixture,
  manualBody,
  onePiecePerByte,
  readServerSentEvents,
  splitAt,
} from './helpers/sse-streams';

const fixtureNames = readdirSync(new URL('../fixtures/sse/', import.meta.url)).filter((name) => name.endsWith('.sse'));

function event(data: string, fields: Partial<ServerSentEvent> = {}): ServerSentEvent {
  return { event: undefined, id: undefined, ...fields, data };
}

function dataOf(events: ServerSentEvent[]): string[] {
  return events.map((e) => e.data);
}

/** Every way to cut `data` in two, and one byte per read, give the same events as one piece. */
async function expectSplitInvariance(data: Uint8Array): Promise<void> {
  const whole = await decodeAll([data]);
  for (let cut = 0; cut <= data.length; cut++) {
    const split = await decodeAll(splitAt(data, [cut]));
    if (JSON.stringify(split) !== JSON.stringify(whole)) expect(split, `cut at byte ${cut}`).toEqual(whole);
  }
  expect(await decodeAll(onePiecePerByte(data))).toEqual(whole);
}

describe('readServerSentEvents on the hand-written fixtures', () => {
  it('skips keep-alive comments and yields each data event', async () => {
    const events = await decodeAll([fixture('keepalive.sse')]);
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[0]?.data ?? '').choices[0].delta.content).toBe('Hello');
    expect(JSON.parse(events[1]?.data ?? '').choices[0].delta.content).toBe(', world');
    expect(events[2]).toEqual(event('[DONE]'));
  });

  it.each(['line-endings-lf.sse', 'line-endings-crlf.sse', 'line-endings-cr.sse'])(
    '%s: fields, comments, unknown fields, persistent and reset ids',
    async (name) => {
      expect(await decodeAll([fixture(name)])).toEqual([
        event('first', { event: 'greeting', id: '41' }),
        event('second, no space after the colon', { id: '41' }), // the id carries over, the type does not
        event(' two spaces keep one', { event: 'farewell' }), // a bare `id` line resets the id
      ]);
    },
  );

  it('joins multi-line data with \\n, dispatches empty data, drops events without data', async () => {
    expect(await decodeAll([fixture('multiline-data.sse')])).toEqual([
      event('line one\nline two\n\nline four'),
      event(''),
      event('last'), // `event: no-data` had no data line: not dispatched, and its type did not leak
    ]);
  });

  it('decodes multi-byte characters and drops the leading BOM', async () => {
    const events = await decodeAll(onePiecePerByte(fixture('unicode.sse')));
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[0]?.data ?? '').choices[0].delta.content).toBe('Crème brûlée, 日本語, Ελληνικά');
    expect(JSON.parse(events[1]?.data ?? '').choices[0].delta.content).toBe(' 🚀🎉👩‍💻 ok');
  });

  it('dispatches a final event that lacks its trailing blank line', async () => {
    const events = await decodeAll([fixture('no-done.sse')]);
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]?.data ?? '').choices[0].delta.content).toBe(' answer');
  });

  it.each(fixtureNames)('%s: any cut in two, and one byte per read, give the same events', async (name) => {
    const data = fixture(name);
    expect((await decodeAll([data])).length).toBeGreaterThan(0);
    await expectSplitInvariance(data);
  });
});

describe('readServerSentEvents edge cases', () => {
  it('counts a CRLF split across two reads as one line break', async () => {
    expect(await decodeAll([bytes('data: a\r'), bytes('\ndata: b\r\n\r\n')])).toEqual([event('a\nb')]);
  });

  it('treats a CR at the end of a read as a line break when no LF follows', async () => {
    expect(await decodeAll([bytes('data: a\r'), bytes('data: b\r\r')])).toEqual([event('a\nb')]);
  });

  it('keeps the CR state across a read that decodes to no text', async () => {
    const pieces = [bytes('data: a\r'), new Uint8Array(0), bytes('\ndata: b\n\n')];
    expect(await decodeAll(pieces)).toEqual([event('a\nb')]);
  });

  it('dispatches an unterminated last line at the end of input', async () => {
    expect(await decodeAll([bytes('data: {"partial":')])).toEqual([event('{"partial":')]);
  });

  it('strips the BOM only at the very start', async () => {
    expect(await decodeAll([bytes('\uFEFFdata: x\n\n\uFEFFdata: y\n\n')])).toEqual([event('x')]);
  });

  it('ignores an id containing NUL', async () => {
    expect(await decodeAll([bytes('id: 1\ndata: a\n\nid: 2\0\ndata: b\n\n')])).toEqual([
      event('a', { id: '1' }),
      event('b', { id: '1' }),
    ]);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of throwing', async () => {
    const pieces = [bytes('data: '), new Uint8Array([0xff, 0xc3]), bytes('\n\n')];
    expect(await decodeAll(pieces)).toEqual([event('\uFFFD\uFFFD')]);
  });

  it('handles a long line arriving in many small reads', async () => {
    const value = 'x'.repeat(200_000);
    const data = bytes(`data: ${value}\n\n`);
    const pieces = Array.from({ length: Math.ceil(data.length / 7) }, (_, i) => data.subarray(i * 7, i * 7 + 7));
    expect(dataOf(await decodeAll(pieces))).toEqual([value]);
  });

  it('streams 100k events without holding them', async () => {
    const total = 100_000;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === total) return controller.close();
        let text = '';
        for (let i = 0; i < 100; i++) text += `: keep-alive\n\ndata: {"n":${sent++}}\n\n`;
        controller.enqueue(bytes(text));
      },
    });
    let count = 0;
    let last = '';
    for await (const { data } of readServerSentEvents(body)) {
      count++;
      last = data;
    }
    expect(count).toBe(total);
    expect(last).toBe(`{"n":${total - 1}}`);
  });

  it('cancels the body when the consumer leaves early', async () => {
    const body = manualBody();
    body.push('data: one\n\ndata: two\n\n');
    for await (const { data } of readServerSentEvents(body.stream)) {
      expect(data).toBe('one');
      break;
    }
    expect(body.state.cancelled).toBe(true);
  });

  it('passes a body read error on', async () => {
    const body = manualBody();
    body.push('data: one\n\n');
    const seen: string[] = [];
    const reading = (async () => {
      for await (const { data } of readServerSentEvents(body.stream)) {
        seen.push(data);
        body.fail(new TypeError('socket hang up'));
      }
    })();
    await expect(reading).rejects.toThrow('socket hang up');
    expect(seen).toEqual(['one']);
  });
});

describe.skipIf(!hasRealdata)(`readServerSentEvents on the recorded transcripts in ${realdataDir}/chat`, () => {
  const transcripts = listRealdata('chat', '.sse');

  it('finds transcripts to test', () => {
    expect(transcripts.length).toBeGreaterThan(0);
  });

  it.each(transcripts)('%s: one event per data line', async (name) => {
    const data = new Uint8Array(readFileSync(join(realdataDir, 'chat', name)));
    const dataLines = new TextDecoder()
      .decode(data)
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6));
    expect(dataLines.length).toBeGreaterThan(0);
    expect(dataOf(await decodeAll([data]))).toEqual(dataLines);
  });

  it.each(transcripts)('%s: any cut in two, and one byte per read, give the same events', async (name) => {
    await expectSplitInvariance(new Uint8Array(readFileSync(join(realdataDir, 'chat', name))));
  });
});

// A model of valid streams: events with data lines, optional type and comments, any line ending.
const lineText = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
type ModelEvent = { type: string | undefined; dataLines: string[]; comment: string | undefined; ends: string[] };
const modelEvent: fc.Arbitrary<ModelEvent> = fc.record({
  type: fc.option(
    lineText.filter((s) => s !== ''),
    { nil: undefined },
  ),
  dataLines: fc.array(lineText, { minLength: 1, maxLength: 3 }),
  comment: fc.option(lineText, { nil: undefined }),
  ends: fc.array(lineEnd, { minLength: 4, maxLength: 4 }),
});

function serialize(events: ModelEvent[]): string {
  return events
    .map(({ type, dataLines, comment, ends }) => {
      const [a, b, c, blank] = ends as [string, string, string, string];
      // CR then an LF-terminated blank line would read as one CRLF: an encoder must not write that.
      const d = c === '\r' && blank === '\n' ? '\r\n' : blank;
      const lines = [
        ...(comment === undefined ? [] : [`:${comment}${a}`]),
        ...(type === undefined ? [] : [`event: ${type}${b}`]),
        ...dataLines.map((line) => `data: ${line}${c}`),
      ];
      return `${lines.join('')}${d}`;
    })
    .join('');
}

function cutsIn(length: number) {
  return fc.array(fc.nat({ max: length }), { maxLength: 12 }).map((cuts) => [...cuts].sort((a, b) => a - b));
}

describe('readServerSentEvents properties', () => {
  it('decodes any valid stream, cut anywhere, into the events it encodes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(modelEvent, { maxLength: 6 }).chain((events) => {
          const data = bytes(serialize(events));
          return fc.tuple(fc.constant(events), fc.constant(data), cutsIn(data.length));
        }),
        async ([events, data, cuts]) => {
          const expected = events.map((e) => event(e.dataLines.join('\n'), { event: e.type }));
          expect(await decodeAll(splitAt(data, cuts))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on random bytes, and any cut gives the same events', async () => {
    const noisy = fc.uint8Array({ maxLength: 300 }).map((random) => {
      // Sprinkle in real syntax so the bytes exercise more than the unknown-field path.
      const text = bytes('data: a\r\n\r\n:c\rdata:');
      const mixed = new Uint8Array(random.length + text.length);
      mixed.set(random.subarray(0, random.length >> 1));
      mixed.set(text, random.length >> 1);
      mixed.set(random.subarray(random.length >> 1), (random.length >> 1) + text.length);
      return mixed;
    });
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(fc.uint8Array({ maxLength: 300 }), noisy)
          .chain((data) => fc.tuple(fc.constant(data), cutsIn(data.length))),
        async ([data, cuts]) => {
          const whole = await decodeAll([data]);
          expect(await decodeAll(splitAt(data, cuts))).toEqual(whole);
          for (const e of whole) expect(typeof e.data).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads lazily: one event is available before the body ends', async () => {
    const body = manualBody();
    body.push('data: early\n\n');
    const iterator = readServerSentEvents(body.stream);
    expect((await iterator.next()).value).toEqual(event('early'));
    body.close();
    expect((await iterator.next()).done).toBe(true);
  });
});
