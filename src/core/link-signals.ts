// One signal that aborts when either the caller's signal or the SDK's own controller does, for a
// streamed call. `AbortSignal.any` where the runtime has it; Node 20.0-20.2 and Vercel's edge
// runtime do not, and there the caller's abort is forwarded to the controller by a listener that
// is removed as soon as the call is over, so a long-lived caller signal collects none.

/** The signal to send with, and `unlink`, to call once the call (or its stream) is over. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Removes the fallback's listeners; a no-op with `AbortSignal.any`. */
  readonly unlink: () => void;
  /** True when the fallback is in use, so the caller must call `unlink` at the end. */
  readonly needsUnlink: boolean;
}

const NOTHING_TO_UNLINK = () => {};

export function linkSignals(callerSignal: AbortSignal, controller: AbortController): LinkedSignal {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') {
    return {
      signal: any.call(AbortSignal, [callerSignal, controller.signal]),
      unlink: NOTHING_TO_UNLINK,
      needsUnlink: false,
    };
  }
  if (callerSignal.aborted) {
    controller.abort(callerSignal.reason);
    return { signal: controller.signal, unlink: NOTHING_TO_UNLINK, needsUnlink: false };
  }
  const forwardAbort = () => controller.abort(callerSignal.reason);
  const unlink = () => {
    callerSignal.removeEventListener('abort', forwardAbort);
    controller.signal.removeEventListener('abort', unlink);
  };
  callerSignal.addEventListener('abort', forwardAbort, { once: true });
  // Whatever aborts the controller (the caller, the consumer leaving the loop, an error) ends the link.
  controller.signal.addEventListener('abort', unlink, { once: true });
  return { signal: controller.signal, unlink, needsUnlink: true };
}

/** `response` with a body that calls `onEnd` when it has been read to its end. */
export function callAtBodyEnd(response: Response, onEnd: () => void): Response {
  if (response.body === null) {
    onEnd();
    return response;
  }
  const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: onEnd }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
