// Where the captured live API responses are (../shared/realdata beside the project), if present.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// REALDATA_DIR points elsewhere (a git worktree is not beside ../shared).
export const realdataDir =
  process.env.REALDATA_DIR ?? resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/realdata');
export const hasRealdata = existsSync(realdataDir);

if (!hasRealdata) {
  console.warn(`[realdata] ${realdataDir} is absent: the tests that check real API responses are skipped.`);
}

export function readRealdata(relative: string): string {
  return readFileSync(join(realdataDir, relative), 'utf8');
}

export function listRealdata(folder: string, extension: string): string[] {
  const dir = join(realdataDir, folder);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(extension))
        .sort()
    : [];
}
