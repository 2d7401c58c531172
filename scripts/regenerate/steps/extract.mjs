import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { extractSources } from '../../extract-sources.mjs';

// Every docs page into openapi/sources/ (scripts/extract-sources.mjs): the extracted ones rewritten,
// the hand-transcribed ones checked against the hash of the page they transcribe.

/** @returns {{ problems: object[], notes: string[] }} */
export function extractPages({ root, seedsDir }) {
  const dir = resolve(root, seedsDir);
  const result = extractSources({ seedsDir: dir, sourcesDir: join(root, 'openapi', 'sources') });
  // The report names the folder relative to the project: no path of this machine in it.
  const shown = relative(root, dir) || '.';
  const notes = result.notes.map((note) => note.replaceAll(dir, shown));
  if (existsSync(dir)) notes.push(`docs pages: ${result.written.length} extracted, the others checked (${shown})`);
  return { problems: result.problems, notes };
}
