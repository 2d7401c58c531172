// The blocks of the README and the guide fenced ```ts run are whole programs: each is bundled (with
// the packed package, as a user's app would be) and run with node against a Prism mock of
// openapi/openapi.yaml, the mock `npm run demo` uses. A block passes when it exits 0; Prism also
// rejects (422) a request that does not match the description.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Prism, startPrism } from '../../scripts/prism.mjs';
import { typeScriptBlocks } from './markdown-blocks';
import { packedConsumer, root } from './packed';

const runnable = typeScriptBlocks(root).filter((block) => block.flags.includes('run'));

let dir = '';
let prism: Prism | undefined;

beforeAll(async () => {
  dir = packedConsumer('docs-run-');
  mkdirSync(join(dir, 'blocks'));
  prism = await startPrism();
}, 120_000);

afterAll(async () => {
  await prism?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('runnable blocks of the README and docs/ (```ts run), against the mock', () => {
  it('there are some: a first chat, a stream, a tool loop and a cost lookup at least', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(4);
  });

  it.each(runnable.map((block) => [`${block.page}:${block.line}`, block] as const))(
    '%s runs',
    async (_where, block) => {
      const source = join(dir, 'blocks', `${block.name}.ts`);
      const outfile = join(dir, 'blocks', `${block.name}.mjs`);
      writeFileSync(source, `${block.code}\nexport {};\n`);
      await build({
        entryPoints: [source],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        logLevel: 'silent',
      });
      const result = spawnSync(process.execPath, [outfile], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          ...process.env,
          OPENROUTER_API_KEY: 'sk-or-v1-docs-example-key-for-the-mock',
          OPENROUTER_BASE_URL: prism?.url,
          OPENROUTER_LOG: 'off',
        },
      });
      expect(
        result.status,
        `${block.page}:${block.line} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`,
      ).toBe(0);
    },
    40_000,
  );
});
