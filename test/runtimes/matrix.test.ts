// The runtime matrix: the same checks (checks.mjs: models, endpoints, chat, streams, errors, retries,
// timeouts, aborts, PKCE), from the packed package, in every runtime the README names, against one
// mock server (mock-server.mjs). The runtimes come from `npm run runtimes:install` (.tmp/runtimes);
// one that is absent is reported loudly and skipped, or fails the run when RUNTIMES_REQUIRED=1
// (.ci/run sets it, so CI cannot skip silently).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/prism.mjs';
import { findChromium } from '../browser/support';
import {
  type Consumer,
  childEnv,
  expectAllPassed,
  type Finished,
  parseReport,
  prepareConsumer,
  removeConsumer,
  root,
  runToEnd,
  startProcess,
} from './harness';
import { type MockServer, startMockServer } from './mock-server.mjs';
import { RUNTIME_PACKAGES, RUNTIMES_DIR } from './runtimes.mjs';

const REQUIRED = process.env.RUNTIMES_REQUIRED === '1';
const RUN_TIMEOUT_MS = 60_000;

type RuntimeId = 'node20' | 'node24' | 'bun' | 'deno' | 'workerd' | 'edge';
const installed = Object.fromEntries(
  RUNTIME_PACKAGES.map((runtime) => [
    runtime.id,
    { ...runtime, path: join(root, RUNTIMES_DIR, runtime.id, runtime.binary) },
  ]),
) as Record<RuntimeId, (typeof RUNTIME_PACKAGES)[number] & { path: string }>;

let consumer: Consumer;
let mock: MockServer;

beforeAll(async () => {
  consumer = await prepareConsumer();
  mock = await startMockServer({
    files: {
      '/': [
        'text/html; charset=utf-8',
        '<!doctype html><title>runtime checks</title><script type="module" src="/checks.js"></script>',
      ],
      '/checks.js': ['text/javascript; charset=utf-8', consumer.browserBundle],
    },
  });
}, 180_000);

afterAll(async () => {
  await mock?.close();
  removeConsumer(consumer);
});

/** The checks' report from a finished run, with the run's output in the message when there is none. */
function reportOf(finished: Finished) {
  return parseReport(finished.stdout, `exit code ${finished.code}\nstderr:\n${finished.stderr}`);
}

/**
 * A test per runtime run; where the runtime's binary is not installed, a loud warning and a
 * skipped test whose name says ABSENT, or (RUNTIMES_REQUIRED=1) a failing one.
 */
function runtimeTest(
  name: string,
  binary: string | undefined,
  body: (binary: string) => Promise<void>,
  install = '`npm run runtimes:install`',
): void {
  if (binary !== undefined && existsSync(binary)) {
    it(name, () => body(binary), RUN_TIMEOUT_MS + 30_000);
    return;
  }
  const why = `${name}: ABSENT (${binary ?? 'not found'}); install it with ${install}`;
  if (REQUIRED) {
    it(name, () => {
      throw new Error(`${why}. RUNTIMES_REQUIRED=1: every runtime of the matrix must run.`);
    });
    return;
  }
  console.warn(['', '!'.repeat(100), `!!! test/runtimes/matrix.test.ts SKIPS ${why}`, '!'.repeat(100), ''].join('\n'));
  it.skip(why, () => {});
}

describe('the runtime checks, from the packed package, in every runtime', () => {
  it('package.json engines say the Node version tested here as the minimum', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } };
    expect(pkg.engines?.node).toBe(`>=${installed.node20.version}`);
  });

  for (const id of ['node20', 'node24'] as const) {
    const { version, path } = installed[id];
    const label = id === 'node20' ? `node ${version} (the engines minimum)` : `node ${version}`;
    runtimeTest(label, path, async (node) => {
      const finished = await runToEnd(node, ['cli.mjs', mock.baseURL], {
        cwd: consumer.dir,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      expectAllPassed(reportOf(finished), new RegExp(`^node ${version.replaceAll('.', '\\.')}$`));
      expect(finished.code).toBe(0);
    });
  }

  runtimeTest(`bun ${installed.bun.version}`, installed.bun.path, async (bun) => {
    const finished = await runToEnd(bun, ['--no-install', 'cli.mjs', mock.baseURL], {
      cwd: consumer.dir,
      env: childEnv({ BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expectAllPassed(reportOf(finished), new RegExp(`^bun ${installed.bun.version}$`));
    expect(finished.code).toBe(0);
  });

  const deno = (args: string[], script: string) => (binary: string) =>
    runToEnd(binary, ['run', '--no-prompt', ...args, `--allow-read=${consumer.dir}`, script, mock.baseURL], {
      cwd: consumer.dir,
      env: childEnv({ DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(consumer.dir, '.deno') }),
      timeoutMs: RUN_TIMEOUT_MS,
    });
  const denoVersion = new RegExp(`^deno ${installed.deno.version}$`);
  runtimeTest(`deno ${installed.deno.version} without --allow-env`, installed.deno.path, async (binary) => {
    const finished = await deno(['--allow-net=127.0.0.1'], 'cli.mjs')(binary);
    expectAllPassed(reportOf(finished), denoVersion);
    expect(finished.code).toBe(0);
  });
  runtimeTest(`deno ${installed.deno.version} with --allow-env`, installed.deno.path, async (binary) => {
    const finished = await deno(['--allow-net=127.0.0.1', '--allow-env'], 'cli.mjs')(binary);
    expectAllPassed(reportOf(finished), denoVersion);
    expect(finished.code).toBe(0);
  });
  runtimeTest(
    `deno ${installed.deno.version} without --allow-net (a refused fetch)`,
    installed.deno.path,
    async (binary) => {
      const finished = await deno([], 'permission-check.mjs')(binary);
      expectAllPassed(reportOf(finished), denoVersion, [
        'fetch refused by the runtime: one attempt, an OpenRouterError naming it',
      ]);
      expect(finished.code).toBe(0);
    },
  );

  runtimeTest(`workerd ${installed.workerd.version}`, installed.workerd.path, async (workerd) => {
    const port = await freePort();
    const config = join(consumer.dir, 'workerd.capnp');
    writeFileSync(config, workerdConfig('worker.bundle.mjs'));
    const server = startProcess(workerd, ['serve', config, '--socket-addr', `http=127.0.0.1:${port}`], {
      cwd: consumer.dir,
      timeoutMs: RUN_TIMEOUT_MS,
    });
    let text: string;
    try {
      const url = `http://127.0.0.1:${port}/?api=${encodeURIComponent(mock.baseURL)}`;
      text = await fetchWhenUp(url, server.finished);
    } finally {
      await server.stop();
    }
    expectAllPassed(parseReport(text), /^workerd$/);
  });

  const edgeVersion = installed.edge.version;
  runtimeTest(`edge-runtime ${edgeVersion} (@edge-runtime/vm)`, installed.edge.path, async (vmPath) => {
    const bundle = join(consumer.dir, 'edge.bundle.js');
    writeFileSync(bundle, consumer.edgeBundle);
    const finished = await runToEnd(
      process.execPath,
      [join(root, 'test', 'runtimes', 'edge-host.mjs'), vmPath, bundle, mock.baseURL],
      { cwd: consumer.dir, timeoutMs: RUN_TIMEOUT_MS },
    );
    const report = reportOf(finished);
    expectAllPassed(report, /^edge-runtime/);
    expect(finished.code).toBe(0);
    const edgePackage = JSON.parse(
      readFileSync(join(root, RUNTIMES_DIR, 'edge', 'node_modules', 'edge-runtime', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(edgePackage.version).toBe(edgeVersion);
  });

  runtimeTest(
    'chromium (headless)',
    findChromium(),
    async (executablePath) => {
      const browser = await chromium.launch({
        executablePath,
        args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'],
      });
      try {
        const page = await browser.newPage();
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(`${mock.origin}/`);
        await page.waitForFunction(() => 'openRouterRuntimeReport' in window, undefined, { timeout: RUN_TIMEOUT_MS });
        const report = await page.evaluate(
          () => (window as unknown as { openRouterRuntimeReport: { text: string } }).openRouterRuntimeReport.text,
        );
        expectAllPassed(parseReport(report), /^browser \(.*HeadlessChrome\//);
        expect(pageErrors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    '`apt-get install -y chromium` (Debian), or set CHROMIUM_PATH',
  );
});

/** A workerd config: the bundled checks as the only worker, allowed to fetch local addresses (the default allows public ones only). */
function workerdConfig(bundleFile: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .checksWorker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const checksWorker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "${bundleFile}") ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`;
}

/** GETs `url` once the server accepts connections (retrying refused connections for up to 20 s). */
async function fetchWhenUp(url: string, server: Promise<Finished>): Promise<string> {
  let exited: Finished | undefined;
  void server.then((finished) => {
    exited = finished;
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`workerd exited (${exited.code}) before answering:\n${exited.stderr}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
      return await response.text();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
