// The fenced code blocks of the user-facing Markdown (the README and docs/), with where each starts,
// so a test can compile or run them and point at the page and line of a failure.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CodeBlock {
  /** The page, relative to the repository root (`docs/getting-started.md`). */
  page: string;
  /** The 1-based line of the block's first code line in the page. */
  line: number;
  /** The fence's language (`ts`, `sh`, ...), lower-cased. */
  lang: string;
  /** The fence's words after the language: `partial` (not compiled), `run` (run against the mock). */
  flags: string[];
  code: string;
}

const TYPESCRIPT = new Set(['ts', 'typescript']);

/** README.md and every Markdown page under docs/, sorted. */
export function userPages(root: string): string[] {
  const docs = join(root, 'docs');
  const pages = readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => relative(root, join(docs, file)))
    .sort();
  return ['README.md', ...pages];
}

/** Every fenced block (``` or ~~~) of a Markdown text. An unclosed fence is an error, not a silent skip. */
export function codeBlocks(page: string, text: string): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[2] ?? '```';
    const [lang = '', ...flags] = (open[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').trimStart().startsWith(fence)) end++;
    if (end === lines.length) throw new Error(`${page}:${i + 1}: the code fence opened here is never closed`);
    blocks.push({ page, line: start + 1, lang: lang.toLowerCase(), flags, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

export const isTypeScript = (block: CodeBlock) => TYPESCRIPT.has(block.lang);

/** The TypeScript blocks of the user pages, each with a file name that says where it came from. */
export function typeScriptBlocks(root: string): (CodeBlock & { name: string })[] {
  return userPages(root).flatMap((page) =>
    codeBlocks(page, readFileSync(join(root, page), 'utf8'))
      .filter(isTypeScript)
      .map((block) => ({ ...block, name: `${page.replace(/[/.]/g, '_')}_L${block.line}` })),
  );
}
