// A fetch stand-in for unit tests: records every Request it receives and answers from a script,
// so transport behaviour is tested without a network and without patching globalThis.fetch.

/** One scripted answer: a Response, an error to throw, or a function of the request. */
export type ScriptStep = Response | Error | ((request: Request) => Response | Promise<Response>);

export interface ScriptedFetch {
  fetch: typeof fetch;
  /** Every request received, in order. Their bodies are unread, so tests can read them. */
  requests: Request[];
  /** `this` of every call, to check the fetch is called detached (browsers require it). */
  thisValues: unknown[];
}

export function scriptedFetch(...steps: ScriptStep[]): ScriptedFetch {
  const requests: Request[] = [];
  const thisValues: unknown[] = [];
  async function fakeFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    thisValues.push(this);
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    // A Request made from `init` follows `init.signal` only through a weak link in undici (Node 24
    // drops it after a garbage collection), while a real fetch listens to `init.signal` itself:
    // the steps below listen to the signal the SDK passed, as a real fetch does.
    if (init?.signal) sentSignals.set(request, init.signal);
    requests.push(request);
    const step = steps.shift();
    if (step === undefined) throw new Error(`scriptedFetch: no answer scripted for request #${requests.length}`);
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step;
  }
  return { fetch: fakeFetch as typeof fetch, requests, thisValues };
}

const sentSignals = new WeakMap<Request, AbortSignal>();

/** The signal the caller gave fetch for `request` (`init.signal`), else the Request's own. */
export function signalOf(request: Request): AbortSignal {
  return sentSignals.get(request) ?? request.signal;
}

/** A fetch answer that never arrives, and rejects like a real fetch once the request is aborted. */
export function hangUntilAborted(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    const signal = signalOf(request);
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A body that sends `first` and then fails, like a connection reset halfway through. */
export function bodyCutOff(first: string, error: Error = new TypeError('terminated')): ReadableStream<Uint8Array> {
  let pulls = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (pulls === 1) controller.enqueue(new TextEncoder().encode(first));
      else controller.error(error);
    },
  });
}

/**
 * A body tied to the request's signal, as real fetch bodies are: it sends `chunks` (one per
 * `intervalMs`) then stays open, and errors with the abort reason once the request is aborted.
 */
export function bodyTiedTo(
  request: Request,
  chunks: string[],
  options: { intervalMs?: number; close?: boolean } = {},
): ReadableStream<Uint8Array> {
  const { intervalMs = 0, close = false } = options;
  const encoder = new TextEncoder();
  let index = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const signal = signalOf(request);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            controller.error(signal.reason);
          },
          { once: true },
        );
      },
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk === undefined) {
          if (close) {
            controller.close();
            return;
          }
          return new Promise<void>(() => {}); // stay open until aborted
        }
        return new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            controller.enqueue(encoder.encode(chunk));
            resolve();
          }, intervalMs);
        });
      },
      cancel() {
        clearTimeout(timer);
      },
    },
    { highWaterMark: 0 },
  );
}
