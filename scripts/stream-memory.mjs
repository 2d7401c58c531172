#!/usr/bin/env node
// Does memory stay flat while the SDK reads a long stream? Bundles the SDK from source with esbuild,
// serves streams of 1k and 100k chat chunks from a local server (in this process, written with
// backpressure), and consumes each with `for await` in a fresh child process. Prints, per run, the
// child's peak RSS and the heap still in use after a full GC at the end of the stream (the stream
// object still referenced: whatever it retains is counted), then the peak RSS difference; exits 1
// when that difference exceeds the target (5 MB, issue 16's).
//
// Each child first reads the same warm-up stream (`--warmup`, default 50k chunks), so both runs pay
// the same one-off costs (JIT compilation, V8 growing its heap to its working size): without it the
// 1k run ends before the process reaches its steady state, and the difference measures V8 warming up
// (about 25 MB on Node 20) rather than anything that grows with the stream. `--warmup 0` shows that.
//
//   node scripts/stream-memory.mjs [--small 1000] [--large 100000] [--warmup 50000] [--target-mb 5]

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]), process.argv[4], process.argv[5], Number(process.argv[6]));
} else {
  await main();
}

async function main() {
  const { values } = parseArgs({
    options: {
      small: { type: 'string', default: '1000' },
      large: { type: 'string', default: '100000' },
      warmup: { type: 'string', default: '50000' },
      'target-mb': { type: 'string', default: '5' },
    },
  });
  const sizes = [Number(values.small), Number(values.large)];
  const targetMb = Number(values['target-mb']);
  const warmup = Number(values.warmup);

  const { build } = await import('esbuild');
  const dir = await mkdtemp(join(tmpdir(), 'openrouter-memory-'));
  const sdk = join(dir, 'openrouter.mjs');
  const server = createServer(serveStream);
  try {
    await build({
      entryPoints: [resolve(here, '../src/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile: sdk,
      logLevel: 'silent',
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    const baseURL = `http://127.0.0.1:${server.address().port}/api/v1`;

    const results = [];
    for (const chunks of sizes) results.push(await runChild(chunks, warmup, baseURL, sdk));

    const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
    console.log(`Node ${process.version}, warm-up ${warmup} chunks per child`);
    console.log('chunks    received  seconds  peak RSS (MB)  peak heap used (MB)  heap after GC (MB)');
    for (const r of results) {
      console.log(
        `${String(r.chunks).padEnd(9)} ${String(r.received).padEnd(9)} ${r.seconds.toFixed(2).padEnd(8)} ${mb(r.peakRss).padEnd(14)} ${mb(r.peakHeap).padEnd(20)} ${mb(r.heapAfterGc)}`,
      );
    }
    const [small, large] = results;
    const difference = large.peakRss - small.peakRss;
    const ok = difference <= targetMb * 1024 * 1024 && results.every((r) => r.received === r.chunks);
    console.log(
      `peak RSS difference (${large.chunks} - ${small.chunks} chunks): ${mb(difference)} MB (target: within ${targetMb} MB) -> ${ok ? 'OK' : 'FAIL'}`,
    );
    console.log(
      `heap retained after GC, difference: ${mb(large.heapAfterGc - small.heapAfterGc)} MB (${((large.heapAfterGc - small.heapAfterGc) / (large.chunks - small.chunks) || 0).toFixed(1)} bytes per chunk)`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    server.close();
    server.closeAllConnections();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Answers any request with a stream of `x-chunks` chat chunks, respecting backpressure. */
async function serveStream(req, res) {
  for await (const _ of req) {
  }
  const total = Number(req.headers['x-chunks'] ?? 0);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  for (let i = 0; i < total && !closed; i++) {
    const chunk = {
      id: 'gen-memory',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'openai/gpt-4o',
      provider: 'OpenAI',
      choices: [{ index: 0, delta: { role: 'assistant', content: `token ${i} ` }, finish_reason: null }],
    };
    const frame = `${i % 100 === 0 ? ': OPENROUTER PROCESSING\n\n' : ''}data: ${JSON.stringify(chunk)}\n\n`;
    if (!res.write(frame)) await new Promise((done) => res.once('drain', done));
  }
  if (!closed) res.end('data: [DONE]\n\n');
}

function runChild(chunks, warmup, baseURL, sdk) {
  return new Promise((done, fail) => {
    const args = [
      '--expose-gc',
      fileURLToPath(import.meta.url),
      '--child',
      String(chunks),
      baseURL,
      sdk,
      String(warmup),
    ];
    const proc = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (text) => {
      out += text;
    });
    proc.once('error', fail);
    proc.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`child for ${chunks} chunks exited with ${code}: ${out}`));
      done(JSON.parse(out));
    });
  });
}

/** Consumes a warm-up stream, then one of `chunks` chunks, with the SDK; reports memory. */
async function child(chunks, baseURL, sdk, warmup) {
  const { OpenRouter } = await import(pathToFileURL(sdk).href);
  const body = { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'count' }], stream: true };
  if (warmup > 0) {
    const warm = new OpenRouter({ apiKey: 'sk-or-v1-memory', baseURL, defaultHeaders: { 'x-chunks': String(warmup) } });
    for await (const _ of await warm.chat.completions.create(body)) {
    }
  }
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
  };
  const sampler = setInterval(sample, 5);
  const client = new OpenRouter({ apiKey: 'sk-or-v1-memory', baseURL, defaultHeaders: { 'x-chunks': String(chunks) } });
  const started = performance.now();
  const stream = await client.chat.completions.create(body);
  let received = 0;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content !== undefined) received += 1;
    if (received % 1000 === 0) sample();
  }
  sample();
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc();
  const heapAfterGc = process.memoryUsage().heapUsed;
  if (stream.response.status !== 200) throw new Error('unreachable: keeps `stream` alive until after the GC');
  // maxRSS (KiB) is the kernel's own high-water mark for the process: the samples cannot miss a spike.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(JSON.stringify({ chunks, received, seconds, peakRss, peakHeap, heapAfterGc }));
}
