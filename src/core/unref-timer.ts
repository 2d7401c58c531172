// Lets a background timer not keep the process alive, in every runtime: Node and Bun timers are
// objects with `unref()`; Deno's are numbers, unref'd with `Deno.unrefTimer`; browsers and workerd
// (numbers, no process to keep alive) need nothing.

type DenoTimers = { unrefTimer?: (id: number) => void };

export function unrefTimer(
  timer: ReturnType<typeof setTimeout>,
  deno: DenoTimers | undefined = (globalThis as { Deno?: DenoTimers }).Deno,
): void {
  if (typeof timer === 'object' && timer !== null && typeof (timer as { unref?: unknown }).unref === 'function') {
    (timer as { unref: () => void }).unref();
  } else if (typeof timer === 'number' && typeof deno?.unrefTimer === 'function') {
    deno.unrefTimer(timer);
  }
}
