// Builds the SDK from source into one ES module with esbuild, for tests that run it in a child
// Node process (Node 20 cannot run the TypeScript sources directly).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface Bundle {
  dir: string;
  /** Absolute path of the bundled SDK entry (`src/index.ts`). */
  sdk: string;
  dispose(): Promise<void>;
}

export async function bundleSdk(): Promise<Bundle> {
  const dir = await mkdtemp(join(tmpdir(), 'openrouter-faults-'));
  const sdk = join(dir, 'openrouter.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, '../../src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile: sdk,
    logLevel: 'silent',
  });
  return { dir, sdk, dispose: () => rm(dir, { recursive: true, force: true }) };
}
