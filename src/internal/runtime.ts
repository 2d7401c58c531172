// What differs between runtimes (Node, Deno, Bun, browsers, workerd, edge), in one place: reading
// the environment, timers that do not keep a process alive, linking abort signals.

/**
 * Lets a background timer not keep the process alive, in every runtime: Node and Bun timers are
 * objects with `unref()`; Deno's are numbers, unref'd with `Deno.unrefTimer`; browsers and workerd
 * (numbers, no process to keep alive) need nothing.
 */
export function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  if (typeof timer === 'number') (globalThis as { Deno?: { unrefTimer?(id: number): void } }).Deno?.unrefTimer?.(timer);
  else (timer as { unref?: () => void }).unref?.();
}

/**
 * The signal of a streamed call: it aborts when either the caller's signal or the SDK's own
 * controller does. `AbortSignal.any` where the runtime has it; Node 20.0-20.2 and Vercel's edge
 * runtime do not, and there a listener forwards the caller's abort to the controller. That listener
 * goes away when the controller aborts (the `signal` option), so whoever uses the fallback aborts
 * the controller once the call is over (http.ts: when the call fails or its stream ends), and a
 * long-lived caller signal collects no listeners.
 */
export function linkSignals(callerSignal: AbortSignal, controller: AbortController): AbortSignal {
  if (AbortSignal.any) return AbortSignal.any([callerSignal, controller.signal]);
  const forward = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', forward, { signal: controller.signal });
  if (callerSignal.aborted) forward();
  return controller.signal;
}

/**
 * Reads an environment variable where there is one (Node, Deno, Bun); never throws: browsers and
 * workers have no environment, and Deno without `--allow-env` throws `NotCapable` on any read, even
 * through its `process` global.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?: (key: string) => string | undefined } };
  };
  try {
    return (g.process?.env?.[name] ?? g.Deno?.env?.get?.(name))?.trim() || undefined;
  } catch {
    return undefined;
  }
}
