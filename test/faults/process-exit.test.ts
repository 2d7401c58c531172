// "Nothing left behind": after an aborted, timed-out or abandoned call, a Node process using the SDK
// exits on its own. Each case runs the esbuild bundle of the SDK in a child process against the fault
// server in this process; the child prints a line when the call has settled, and must then exit with
// code 0 within 2 s without anyone calling process.exit(): a leftover timer or socket would keep it alive.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bundle, bundleSdk } from './bundle';
import {
  apiError,
  chunk,
  completion,
  type FaultServer,
  sendJson,
  sseEvent,
  startFaultServer,
  startSse,
} from './fault-server';

const CHILD = `
import { OpenRouter } from './openrouter.mjs';
const [scenario, baseURL] = process.argv.slice(2);
const client = new OpenRouter({ apiKey: 'sk-or-v1-child', baseURL, defaultHeaders: { 'x-scenario': scenario } });
const body = { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const report = (outcome) => process.stdout.write(JSON.stringify({ settled: outcome }) + '\\n');
const name = (error) => (error && error.name) || String(error);
const abortAfter = (ms) => { const c = new AbortController(); setTimeout(() => c.abort(), ms); return c.signal; };

switch (scenario) {
  case 'abort-before-headers':
    await client.models.list(undefined, { signal: abortAfter(100) }).then(() => report('resolved'), (e) => report(name(e)));
    break;
  case 'abort-during-retry-wait':
    await client.models.list(undefined, { signal: abortAfter(150) }).then(() => report('resolved'), (e) => report(name(e)));
    break;
  case 'abort-mid-stream': {
    const controller = new AbortController();
    try {
      const stream = await client.chat.completions.create({ ...body, stream: true }, { signal: controller.signal });
      let seen = 0;
      for await (const _ of stream) if (++seen === 2) controller.abort();
      report('ended');
    } catch (e) { report(name(e)); }
    break;
  }
  case 'break-stream': {
    const stream = await client.chat.completions.create({ ...body, stream: true });
    for await (const _ of stream) break;
    report('broke');
    break;
  }
  case 'timeout':
    await client.models.list(undefined, { timeout: 200, maxRetries: 0 }).then(() => report('resolved'), (e) => report(name(e)));
    break;
  case 'success':
    await client.models.list().then(() => report('resolved'), (e) => report(name(e)));
    break;
  default:
    report('unknown scenario');
}
`;

let server: FaultServer;
let bundle: Bundle;
let script: string;

beforeAll(async () => {
  [server, bundle] = await Promise.all([startFaultServer(), bundleSdk()]);
  script = join(bundle.dir, 'child.mjs');
  await writeFile(script, CHILD);
  server.handle((req, res) => {
    switch (req.headers['x-scenario']) {
      case 'abort-before-headers':
      case 'timeout':
        return; // never answers
      case 'abort-during-retry-wait':
        return sendJson(res, 429, apiError(429, 'wait'), { 'retry-after': '30' });
      case 'abort-mid-stream':
      case 'break-stream': {
        // An endless stream (until the client leaves): one chunk every 20 ms.
        startSse(res);
        let n = 0;
        const timer = setInterval(() => res.write(sseEvent(chunk(`c${n++}`))), 20);
        res.once('close', () => clearInterval(timer));
        return;
      }
      default:
        return sendJson(res, 200, completion());
    }
  });
}, 30_000);

afterAll(async () => {
  await server?.close();
  await bundle?.dispose();
});

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  settled: string | undefined;
  /** Milliseconds from the "settled" line to the process exit. */
  exitDelay: number;
  stderr: string;
}

function runChild(scenario: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, scenario, server.baseURL], {
      cwd: bundle.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OPENROUTER_API_KEY: '', NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    let settledAt: number | undefined;
    // Bounded: a child that hangs is killed, and the test then fails on its exit delay.
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (settledAt === undefined && stdout.includes('\n')) settledAt = performance.now();
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      const exitedAt = performance.now();
      let settled: string | undefined;
      try {
        settled = (JSON.parse(stdout.split('\n')[0] ?? '') as { settled: string }).settled;
      } catch {}
      resolve({ code, signal, settled, exitDelay: exitedAt - (settledAt ?? exitedAt), stderr });
    });
  });
}

describe('the process exits on its own after', () => {
  it.each([
    ['abort-before-headers', 'APIUserAbortError'],
    ['abort-during-retry-wait', 'APIUserAbortError'],
    ['abort-mid-stream', 'APIUserAbortError'],
    ['break-stream', 'broke'],
    ['timeout', 'APITimeoutError'],
    ['success', 'resolved'],
  ])('%s (-> %s)', async (scenario, expected) => {
    const run = await runChild(scenario);
    expect(run.stderr).toBe('');
    expect(run.settled).toBe(expected);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.exitDelay).toBeLessThan(2_000);
  });
});
