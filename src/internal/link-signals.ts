// The signal of a streamed call: it aborts when either the caller's signal or the SDK's own
// controller does. `AbortSignal.any` where the runtime has it; Node 20.0-20.2 and Vercel's edge
// runtime do not, and there a listener forwards the caller's abort to the controller. That listener
// goes away when the controller aborts (the `signal` option), so whoever uses the fallback aborts
// the controller once the call is over (http.ts: when the call fails or its stream ends), and a
// long-lived caller signal collects no listeners.

export function linkSignals(callerSignal: AbortSignal, controller: AbortController): AbortSignal {
  if (AbortSignal.any) return AbortSignal.any([callerSignal, controller.signal]);
  const forward = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', forward, { signal: controller.signal });
  if (callerSignal.aborted) forward();
  return controller.signal;
}
