import { parseAllDocuments } from 'yaml';

// Finds the OpenAPI fragments in a docs page: fenced blocks of YAML or JSON whose content is an
// OpenAPI document. Anything that looks like one but cannot be taken is a problem, never skipped:
// an OpenAPI document in a fence of another language, one that does not parse, a block under an
// "OpenAPI" heading that is not OpenAPI, a fragment without the Reference URL of its page.

const FENCE = /^(`{3,4})([^\n`]*)\n([\s\S]*?)^\1[ \t]*$/gm;
const DATA_LANGUAGES = new Set(['yaml', 'yml', 'json']);
/** The first key of an OpenAPI document, in YAML or JSON spelling. */
const LOOKS_LIKE_OPENAPI = /^\s*\{?\s*["']?openapi["']?\s*:\s*["']?3\./m;

/**
 * Every fenced block of a page: its language (the info string's first word), the nearest `# `
 * heading before it, the `Reference:` line under that heading, the nearest `## ` heading, the text.
 */
export function findFencedBlocks(text) {
  const blocks = [];
  for (const match of text.matchAll(FENCE)) {
    const before = text.slice(0, match.index);
    const heading = [...before.matchAll(/^# (.+)$/gm)].at(-1)?.[1]?.trim() ?? null;
    const lastHeadingAt = heading === null ? 0 : before.lastIndexOf(`# ${heading}`);
    const reference = heading === null ? null : (before.slice(lastHeadingAt).match(/^Reference: (\S+)$/m)?.[1] ?? null);
    const section = [...before.slice(lastHeadingAt).matchAll(/^## (.+)$/gm)].at(-1)?.[1]?.trim() ?? null;
    const language = match[2].trim().split(/\s+/)[0] ?? '';
    const line = before.split('\n').length;
    blocks.push({ heading, reference, section, language, line, text: match[3] });
  }
  return blocks;
}

/** The fenced blocks tagged `yaml`, each with its page heading and Reference URL. */
export function findYamlBlocks(text) {
  return findFencedBlocks(text)
    .filter((block) => block.language === 'yaml')
    .map(({ heading, reference, text: yaml }) => ({ heading, reference, yaml }));
}

/**
 * The OpenAPI fragments of a page and the problems met: [{ heading, reference, document, line }].
 * `seedFile` names the page in problems; `file` is the sources file the maintainer would edit.
 */
export function findApiFragments(text, seedFile, file) {
  const fragments = [];
  const problems = [];
  const problem = (block, what) =>
    problems.push({ what, where: `${seedFile} line ${block.line}${block.heading ? ` (${block.heading})` : ''}`, file });
  for (const block of findFencedBlocks(text)) {
    const underApiHeading = /^OpenAPI\b/i.test(block.section ?? '');
    const looksLikeApi = LOOKS_LIKE_OPENAPI.test(block.text);
    if (!DATA_LANGUAGES.has(block.language)) {
      if (looksLikeApi || underApiHeading) {
        problem(
          block,
          `an API fragment in a \`${block.language || 'untagged'}\` fence: the extractor reads yaml and json fences only (fix the page, or teach scripts/extract/fences.mjs the new fence)`,
        );
      }
      continue;
    }
    const parsed = parseData(block.text);
    if (parsed.error) {
      if (looksLikeApi || underApiHeading)
        problem(block, `the ${block.language} fragment does not parse: ${parsed.error}`);
      continue;
    }
    const isApi = typeof parsed.value?.openapi === 'string';
    if (!isApi) {
      if (underApiHeading) problem(block, `the block under "## ${block.section}" is not an OpenAPI document`);
      continue;
    }
    fragments.push({ heading: block.heading, reference: block.reference, document: parsed.value, line: block.line });
  }
  return { fragments, problems };
}

/** YAML (JSON is YAML too): one document, or the parser's first error. */
function parseData(text) {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { error: 'empty' };
  if (docs.length !== 1) return { error: `${docs.length} documents in one block` };
  const [doc] = docs;
  if (doc.errors.length > 0) return { error: doc.errors.map((e) => e.message.split('\n')[0]).join('; ') };
  return { value: doc.toJS({ maxAliasCount: -1 }) };
}
