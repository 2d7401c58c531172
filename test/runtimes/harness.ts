// What the runtime matrix needs around the checks: the packed package installed in a scratch
// consumer project with the check scripts beside it and their bundles (workerd, edge runtime,
// browser), a child process runner with a time limit, and the parser of the checks' report.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect } from 'vitest';
import { CHECK_NAMES } from './check-names.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const CHECK_FILES = [
  'check-names.mjs',
  'checks.mjs',
  'cli.mjs',
  'worker.mjs',
  'edge-entry.mjs',
  'browser-entry.mjs',
  'permission-check.mjs',
];

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCARF_ANALYTICS: 'false', npm_config_update_notifier: 'false' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

export interface Consumer {
  /** The scratch folder holding the tarball and the consumer: remove it when done. */
  work: string;
  /** The scratch project: `node_modules/openrouter-ts` from the tarball, the check scripts at its top. */
  dir: string;
  /** checks.mjs bundled as an ES module worker (workerd). */
  workerBundle: string;
  /** checks.mjs bundled as one script (the edge runtime evaluates scripts). */
  edgeBundle: Uint8Array;
  /** checks.mjs bundled for the browser page. */
  browserBundle: Uint8Array;
}

/** `npm pack` (dist/ as `npm run build` left it; built when missing), installed into a scratch project. */
export async function prepareConsumer(): Promise<Consumer> {
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'helpers', 'index.js'))) {
    run('npm', ['run', 'build'], root);
  }
  const work = mkdtempSync(join(tmpdir(), 'openrouter-ts-runtimes-'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as {
    filename: string;
  }[];
  if (!packed) throw new Error('npm pack reported no package');
  const dir = join(work, 'consumer');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'runtime-checks', version: '1.0.0', private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      join(work, packed.filename),
    ],
    dir,
  );
  for (const file of CHECK_FILES) copyFileSync(join(here, file), join(dir, file));
  const bundle = async (entry: string, format: 'esm' | 'iife', conditions: string[]) => {
    const result = await build({
      entryPoints: [join(dir, entry)],
      absWorkingDir: dir,
      bundle: true,
      format,
      platform: 'browser',
      target: 'es2022',
      conditions,
      write: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0]?.contents;
    if (!output) throw new Error(`esbuild produced no bundle for ${entry}`);
    return output;
  };
  const workerBundle = join(dir, 'worker.bundle.mjs');
  writeFileSync(workerBundle, await bundle('worker.mjs', 'esm', ['workerd', 'worker']));
  return {
    work,
    dir,
    workerBundle,
    edgeBundle: await bundle('edge-entry.mjs', 'iife', ['edge-light', 'worker']),
    browserBundle: await bundle('browser-entry.mjs', 'esm', ['browser']),
  };
}

export function removeConsumer(consumer: Consumer | undefined): void {
  if (consumer) rmSync(consumer.work, { recursive: true, force: true });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  /** Settles when the process has exited (never rejects on a non-zero exit). */
  finished: Promise<Finished>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once it has exited. */
  stop(): Promise<Finished>;
}

/** Starts `command`; it is killed (SIGKILL) after `timeoutMs` if still running. */
export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Started {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => {
    stdout += data;
  });
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  const finished = new Promise<Finished>((resolve) => {
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      stderr += `\n[could not start ${command}: ${error.message}]`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return {
    finished,
    stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
        void finished.then(() => clearTimeout(force));
      }
      return finished;
    },
  };
}

/** Runs `command` to its end (see startProcess). */
export function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<Finished> {
  return startProcess(command, args, options).finished;
}

/** A small environment for the runtimes: none of the machine's OpenRouter settings leak in. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    NO_COLOR: '1',
    ...extra,
  };
}

export interface Report {
  lines: string[];
  summary: { runtime: string; passed: number; failed: number; checks: Record<string, 'pass' | 'fail'> };
}

/** The report the checks printed (`PASS`/`FAIL` lines, then `RESULT {json}`); throws, with the output, when there is none. */
export function parseReport(output: string, context = ''): Report {
  const lines = output.split('\n').filter((line) => /^(PASS|FAIL|RESULT) /.test(line));
  const result = lines.find((line) => line.startsWith('RESULT '));
  if (!result) throw new Error(`no RESULT line in the output:\n${output}\n${context}`);
  return { lines: lines.filter((line) => line !== result), summary: JSON.parse(result.slice('RESULT '.length)) };
}

/**
 * Every check ran and passed, in the runtime expected. The failing lines are in the assertion's
 * message; `names` is what must have run (default: every check of checks.mjs).
 */
export function expectAllPassed(report: Report, runtime: RegExp, names: readonly string[] = CHECK_NAMES): void {
  expect(report.summary.runtime).toMatch(runtime);
  expect(Object.keys(report.summary.checks)).toEqual([...names]);
  expect(report.lines.filter((line) => !line.startsWith('PASS '))).toEqual([]);
  expect(report.summary).toMatchObject({ passed: names.length, failed: 0 });
}
