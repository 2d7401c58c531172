// Measures 1 (per-call overhead) and 2 (stream throughput, chat and Responses API). Each contestant runs in its own worker
// process (worker.mjs); the contestants take turns in rounds, one batch each, the order rotating
// every round, so drift of the machine during the run lands on every contestant alike. Only one
// worker is busy at a time, and the server has the other core.
import { fork } from 'node:child_process';
import { NAMES as ALL_NAMES, EXPECTED } from './contestants.mjs';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/**
 * The ratio to raw fetch from paired rounds: each round's value over raw's in the same round, then
 * the median of those. Both ran within a second of each other, so slow drift of the machine cancels.
 */
const pairedRatio = (values, rawValues) => median(values.map((value, round) => value / rawValues[round]));
const RAW = 'raw fetch';

function startWorker(baseURL, sdkBundle, name) {
  const child = fork(new URL('./worker.mjs', import.meta.url), [baseURL, sdkBundle, name], { stdio: 'inherit' });
  let pending;
  child.on('message', (message) => pending?.(message));
  const ready = new Promise((resolve) => {
    pending = resolve;
  });
  const ask = (command) =>
    new Promise((resolve, reject) => {
      pending = (message) => (message.ok ? resolve(message.value) : reject(new Error(`${name}: ${message.error}`)));
      child.send(command);
    });
  return { name, ready, ask, stop: () => child.disconnect() };
}

const CHECKS = {
  models: (v) => v === EXPECTED.models,
  endpoints: (v) => v === EXPECTED.endpoints,
  chat: (v) => v > 1000,
};

/**
 * Stream throughput of one kind ('stream': chat, 'responsesStream': the Responses API). Each sample
 * is `times` streams back to back (a single 2,000-chunk stream lasts a few ms: too short to time
 * alone without the scheduler's noise).
 */
async function measureStreams(workers, kind, { rounds, warmup, times = 1 }, chunks) {
  for (const w of workers) {
    for (let i = 0; i < warmup; i++) {
      const { counts } = await w.ask({ type: 'stream', kind, chunks, times: 1 });
      if (counts[0] !== chunks) throw new Error(`${w.name} ${kind}: ${counts[0]} chunks, expected ${chunks}`);
    }
  }
  const rates = new Map(workers.map((w) => [w, []]));
  const streamMs = new Map(workers.map((w) => [w, []]));
  const cpu = new Map(workers.map((w) => [w, []]));
  for (let round = 0; round < rounds; round++) {
    for (const w of rotate(workers, round)) {
      const result = await w.ask({ type: 'stream', kind, chunks, times });
      if (result.counts.some((count) => count !== chunks)) throw new Error(`${w.name} ${kind}: chunks missing`);
      rates.get(w).push(result.chunksPerSecond);
      streamMs.get(w).push((chunks / result.chunksPerSecond) * 1000);
      cpu.get(w).push(result.cpuPerChunk);
    }
  }
  const raw = workers.find((w) => w.name === RAW);
  return Object.fromEntries(
    workers.map((w) => [
      w.name,
      {
        chunksPerSecond: median(rates.get(w)),
        msPerStream: median(streamMs.get(w)),
        cpuUsPerChunk: median(cpu.get(w)),
        // Time to read one whole stream, over raw fetch's in the same round (1.10x: 10 % slower).
        timeRatio: raw ? pairedRatio(streamMs.get(w), streamMs.get(raw)) : undefined,
        runs: rates.get(w).length,
      },
    ]),
  );
}

/**
 * settings: { names?, streamChunks, ops: { models?: {rounds, batch, warmup}, ... }, stream?: {rounds, times, warmup}, responsesStream?: {...} }.
 * `names` and a partial `ops` narrow a run down while investigating; `npm run bench` runs everything.
 */
export async function measureCalls(baseURL, sdkBundle, settings, log = () => {}) {
  const names = settings.names ?? ALL_NAMES;
  const workers = names.map((name) => startWorker(baseURL, sdkBundle, name));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const out = { overhead: {}, streaming: undefined };
    for (const [op, { rounds, batch, warmup }] of Object.entries(settings.ops)) {
      const active = [];
      for (const w of workers) if (await w.ask({ type: 'has', op })) active.push(w);
      // Warm-up, and every answer checked once: a client that fails or parses nothing cannot win.
      for (const w of active) {
        const { last } = await w.ask({ type: 'calls', op, count: warmup });
        if (!CHECKS[op](last)) throw new Error(`${w.name} ${op}: unexpected answer ${last}`);
      }
      const wall = new Map(active.map((w) => [w, []]));
      const roundWall = new Map(active.map((w) => [w, []]));
      const cpu = new Map(active.map((w) => [w, []]));
      for (let round = 0; round < rounds; round++) {
        for (const w of rotate(active, round)) {
          const result = await w.ask({ type: 'calls', op, count: batch });
          wall.get(w).push(...result.wall);
          roundWall.get(w).push(median(result.wall));
          cpu.get(w).push(result.cpu);
        }
      }
      const raw = active.find((w) => w.name === RAW);
      out.overhead[op] = Object.fromEntries(
        workers.map((w) => [
          w.name,
          active.includes(w)
            ? {
                wallUs: median(wall.get(w)),
                cpuUs: median(cpu.get(w)),
                wallRatio: raw ? pairedRatio(roundWall.get(w), roundWall.get(raw)) : undefined,
                cpuRatio: raw ? pairedRatio(cpu.get(w), cpu.get(raw)) : undefined,
                calls: wall.get(w).length,
              }
            : null,
        ]),
      );
      log(`  ${op}: ${rounds} rounds x ${batch} calls per contestant`);
    }
    for (const [kind, key] of [
      ['stream', 'streaming'],
      ['responsesStream', 'responsesStreaming'],
    ]) {
      if (settings[kind]) {
        out[key] = await measureStreams(workers, kind, settings[kind], settings.streamChunks);
        log(
          `  ${kind}: ${settings[kind].rounds} rounds of ${settings[kind].times} x ${settings.streamChunks} chunks per contestant`,
        );
      }
    }
    return out;
  } finally {
    for (const w of workers) w.stop();
  }
}
