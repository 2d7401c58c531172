// An incremental Server-Sent Events decoder: the part of the WHATWG "event stream" parsing rules
// that an HTTP client needs. There is no reconnection here, so `retry` is read and ignored.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

import { IdleTimer } from './idle-timer';

/** One dispatched event. `event` and `id` are `undefined` when the stream did not set them. */
export interface ServerSentEvent {
  event: string | undefined;
  data: string;
  /** The last event ID seen so far: as in the spec, it carries over to later events until reset. */
  id: string | undefined;
}

/** How a stream's body is read: the one idle-timeout option, passed from the request to `Stream` to here. */
export interface ReadOptions {
  /**
   * Milliseconds the stream may go without receiving anything (an event or a keep-alive comment)
   * before it ends with `APITimeoutError`. Absent: no limit.
   */
  idleTimeout?: number | undefined;
}

const LF = 10;
const SPACE = 32;
const COLON = 58;

/**
 * Decodes an SSE byte stream into events as the bytes arrive, one array per read of the body (never
 * empty): a consumer that handles them synchronously pays for one promise per read, not one per event.
 *
 * Lines may end in LF, CRLF or CR (a CRLF split across two reads counts once), a leading BOM
 * is dropped, and invalid UTF-8 becomes U+FFFD: garbage input never makes it throw.
 *
 * One deliberate difference from the spec: at the end of the body, a last line without its
 * line break and a last event without its blank line are still dispatched, not discarded,
 * so a truncated stream shows up downstream (as bad JSON, say) instead of vanishing.
 *
 * Leaving the loop early cancels the body.
 */
export async function* readServerSentEventBatches(
  body: ReadableStream<Uint8Array>,
  options?: ReadOptions,
): AsyncGenerator<ServerSentEvent[]> {
  const reader = body.getReader();
  // Not `fatal`: a bad byte becomes U+FFFD instead of an exception. Strips a leading BOM.
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  const idle = options?.idleTimeout === undefined ? undefined : new IdleTimer(options.idleTimeout);
  let finished = false;
  try {
    while (!finished) {
      const { done, value } = await (idle === undefined ? reader.read() : idle.wait(reader.read()));
      const ready: ServerSentEvent[] = [];
      if (done) {
        parser.feed(decoder.decode(), ready);
        parser.end(ready);
        finished = true;
      } else {
        parser.feed(decoder.decode(value, { stream: true }), ready);
      }
      if (ready.length > 0) yield ready;
    }
  } finally {
    idle?.stop();
    // Reached on early exit (or a read error): stop the download; nobody will read the rest.
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Turns decoded text into lines, and lines into events. Works on whole strings: no per-byte loop. */
class EventStreamParser {
  /** The start of a line whose end has not arrived yet. */
  private partialLine = '';
  /** The previous text ended with CR: an LF starting the next text belongs to that line break. */
  private afterCR = false;
  private data: string | undefined;
  private eventType: string | undefined;
  private lastEventId: string | undefined;

  feed(text: string, out: ServerSentEvent[]): void {
    const length = text.length;
    let start = 0;
    if (this.afterCR && length > 0) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    // Both positions are cached: LF-only streams search for CR once per text, not once per line.
    let nextLF = text.indexOf('\n', start);
    let nextCR = text.indexOf('\r', start);
    while (nextLF !== -1 || nextCR !== -1) {
      let end: number;
      let next: number;
      if (nextCR === -1 || (nextLF !== -1 && nextLF < nextCR)) {
        end = nextLF;
        next = end + 1;
        nextLF = text.indexOf('\n', next);
      } else {
        end = nextCR;
        if (end + 1 === length) {
          next = length;
          this.afterCR = true;
        } else {
          next = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        }
        nextCR = text.indexOf('\r', next);
        if (nextLF !== -1 && nextLF < next) nextLF = text.indexOf('\n', next);
      }
      let line = text.slice(start, end);
      if (this.partialLine !== '') {
        line = this.partialLine + line;
        this.partialLine = '';
      }
      this.processLine(line, out);
      start = next;
    }
    // Engines concatenate strings lazily (ropes), so a long line arriving in many reads stays linear.
    if (start < length) this.partialLine += start === 0 ? text : text.slice(start);
  }

  /** The body ended: whatever is pending still counts (see `readServerSentEventBatches`). */
  end(out: ServerSentEvent[]): void {
    if (this.partialLine !== '') {
      const line = this.partialLine;
      this.partialLine = '';
      this.processLine(line, out);
    }
    this.processLine('', out);
    this.afterCR = false;
  }

  private processLine(line: string, out: ServerSentEvent[]): void {
    if (line.length === 0) {
      this.dispatch(out);
      return;
    }
    // A comment, such as OpenRouter's keep-alives (the general path below would ignore it too, slower).
    if (line.charCodeAt(0) === COLON) return;
    // The one field every event has gets a fast path.
    if (line.startsWith('data:')) {
      this.appendData(line.charCodeAt(5) === SPACE ? line.slice(6) : line.slice(5));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    switch (field) {
      case 'data':
        this.appendData(value);
        break;
      case 'event':
        this.eventType = value === '' ? undefined : value;
        break;
      case 'id':
        // The spec ignores IDs containing NUL.
        if (!value.includes('\0')) this.lastEventId = value === '' ? undefined : value;
        break;
      // `retry` and unknown fields are ignored, as the spec says.
    }
  }

  private appendData(value: string): void {
    this.data = this.data === undefined ? value : `${this.data}\n${value}`;
  }

  private dispatch(out: ServerSentEvent[]): void {
    // The spec dispatches nothing for an event without data lines, and forgets its type.
    if (this.data !== undefined) out.push({ event: this.eventType, data: this.data, id: this.lastEventId });
    this.data = undefined;
    this.eventType = undefined;
  }
}
