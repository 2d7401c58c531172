// Every TypeScript block of the README and the guide (docs/) compiles against the BUILT package, as a
// user's file importing `openrouter-ts` would. Blocks may use `client`, `model` and `messages`
// without declaring them (declared in prelude.d.ts below, as the guide says); a block that is a
// fragment on purpose says `partial` in its fence (```ts partial) and is only counted.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeScriptBlocks } from './markdown-blocks';
import { packedConsumer, root, run } from './packed';

const blocks = typeScriptBlocks(root);
const checked = blocks.filter((block) => !block.flags.includes('partial'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const PRELUDE = `
import type { ChatCompletionRequest, OpenRouter } from 'openrouter-ts';
declare global {
  /** A client, as \`new OpenRouter()\` makes it. */
  const client: OpenRouter;
  /** A model id. */
  const model: string;
  /** A conversation. */
  const messages: ChatCompletionRequest['messages'];
}
`;

// A block that must NOT compile: proves the check reads the blocks' errors (an unknown method, a
// misspelt request field).
const CANARY = `
import type { ChatCompletionRequest } from 'openrouter-ts';
await client.chat.completions.nope();
const body: ChatCompletionRequest = { model, messages, temprature: 0.2 };
`;

let dir = '';
let errors = new Map<string, string[]>();

beforeAll(() => {
  dir = packedConsumer('docs-blocks-');
  mkdirSync(join(dir, 'blocks'));
  writeFileSync(join(dir, 'blocks', 'prelude.d.ts'), `${PRELUDE.trim()}\n`);
  for (const block of checked) writeFileSync(join(dir, 'blocks', `${block.name}.ts`), `${block.code}\nexport {};\n`);
  writeFileSync(join(dir, 'blocks', 'canary.ts'), `${CANARY.trim()}\nexport {};\n`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['blocks'],
    }),
  );
  let output = '';
  try {
    output = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], dir);
  } catch (error) {
    output = (error as Error).message;
  }
  errors = new Map();
  for (const line of output.split('\n')) {
    const match = /^blocks\/(.+?)\.ts\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (!match) continue;
    const [, name = '', row = '0', , message = ''] = match;
    const list = errors.get(name) ?? [];
    list.push(`line ${row}: ${message}`);
    errors.set(name, list);
  }
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('TypeScript code blocks of the README and docs/', () => {
  it('finds the blocks, and most are compiled', () => {
    console.log(
      `docs code blocks: ${blocks.length} TypeScript blocks in ${new Set(blocks.map((b) => b.page)).size} pages; ` +
        `${checked.length} compiled, ${blocks.length - checked.length} marked partial`,
    );
    expect(checked.length).toBeGreaterThan(30);
  });

  it('the check sees errors (a canary block that must fail)', () => {
    const canary = errors.get('canary') ?? [];
    expect(canary.some((e) => e.includes("'nope'"))).toBe(true);
    expect(canary.some((e) => e.includes("'temprature'"))).toBe(true);
  });

  it.each(checked.map((block) => [`${block.page}:${block.line}`, block] as const))('%s compiles', (_where, block) => {
    const found = errors.get(block.name) ?? [];
    // Lines of the block file are lines of the page from the block's first line on.
    const mapped = found.map((e) =>
      e.replace(/^line (\d+)/, (_m, n: string) => `${block.page}:${block.line + Number(n) - 1}`),
    );
    expect(mapped, `in ${relative(root, join(dir, 'blocks', `${block.name}.ts`))}`).toEqual([]);
  });
});
