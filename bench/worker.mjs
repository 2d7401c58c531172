// One contestant in a process of its own (forked by calls.mjs). Each contestant gets a separate
// heap, so the garbage one client leaves behind (and the collections it triggers) are not billed
// to another; the server runs in yet another process, so the CPU time counted here is the
// client's alone. Commands come over IPC; each answers with one message.
import { performance } from 'node:perf_hooks';
import { load } from './contestants.mjs';

const [baseURL, sdkBundle, name] = process.argv.slice(2);
const client = await load(name, baseURL, sdkBundle);

/** Runs `count` calls of `op`; reports each call's wall time and the batch's CPU time per call (µs). */
async function calls(op, count) {
  const fn = client[op];
  const wall = [];
  let last;
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    last = await fn();
    wall.push((performance.now() - start) * 1000);
  }
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / count, last };
}

/**
 * Consumes `times` streams of `chunks` chunks one after the other (`kind`: 'stream' for chat,
 * 'responsesStream' for the Responses API); reports chunks per second and CPU time per chunk (µs)
 * over all of them, and the chunk count of each.
 */
async function stream(chunks, times = 1, kind = 'stream') {
  const consume = client[kind];
  const counts = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < times; i++) counts.push(await consume(chunks));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpuStart);
  const total = counts.reduce((a, b) => a + b, 0);
  return { chunksPerSecond: total / seconds, cpuPerChunk: (used.user + used.system) / total, count: counts[0], counts };
}

process.on('message', async (command) => {
  try {
    if (command.type === 'has') process.send({ ok: true, value: typeof client[command.op] === 'function' });
    else if (command.type === 'calls') process.send({ ok: true, value: await calls(command.op, command.count) });
    else if (command.type === 'stream')
      process.send({ ok: true, value: await stream(command.chunks, command.times, command.kind) });
    else throw new Error(`unknown command ${command.type}`);
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
