import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractSources } from '../../extract-sources.mjs';

// Every docs page into openapi/sources/ (scripts/extract-sources.mjs): the extracted ones rewritten,
// the hand-transcribed ones checked against the hash of the page they transcribe.

/** @returns {{ problems: object[], notes: string[] }} */
export function extractPages({ root, seedsDir }) {
  const dir = resolve(root, seedsDir);
  const result = extractSources({ seedsDir: dir, sourcesDir: join(root, 'openapi', 'sources') });
  const notes = [...result.notes];
  if (existsSync(dir)) notes.push(`docs pages: ${result.written.length} extracted, the others checked (${dir})`);
  return { problems: result.problems, notes };
}
