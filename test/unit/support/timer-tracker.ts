// Counts the timers that one source file creates, and how many are still pending, using
// async_hooks: exact, and blind to the timers vitest itself keeps for its reporter.

import { createHook } from 'node:async_hooks';

export interface TimerTracker {
  /** Timers created by the file since tracking began. */
  created(): number;
  /** Of those, the ones neither fired nor cleared yet. Call `settled()` first: destroy events are queued. */
  pending(): number;
  /** Waits until Node has delivered the queued destroy events. */
  settled(): Promise<void>;
  stop(): void;
}

export function trackTimersFrom(fileSuffix: string): TimerTracker {
  const live = new Set<number>();
  let created = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'Timeout') return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 30;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      if (!stack.includes(fileSuffix)) return;
      created += 1;
      live.add(asyncId);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  hook.enable();
  return {
    created: () => created,
    pending: () => live.size,
    settled: async () => {
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    },
    stop: () => hook.disable(),
  };
}
