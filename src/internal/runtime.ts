// Lets a background timer not keep the process alive, in every runtime: Node and Bun timers are
// objects with `unref()`; Deno's are numbers, unref'd with `Deno.unrefTimer`; browsers and workerd
// (numbers, no process to keep alive) need nothing.

export function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  if (typeof timer === 'number') (globalThis as { Deno?: { unrefTimer?(id: number): void } }).Deno?.unrefTimer?.(timer);
  else (timer as { unref?: () => void }).unref?.();
}
