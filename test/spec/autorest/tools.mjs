// AutoRest and its Go generator, pinned: installed from the npm registry into .tmp/autorest
// (`node test/spec/autorest/install.mjs`, run by .ci/run), never a dependency of the project.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AUTOREST_PACKAGES = {
  autorest: '3.8.0',
  '@autorest/core': '3.10.9',
  '@autorest/modelerfour': '4.27.3',
  '@autorest/go': '4.0.0-preview.76',
};

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const AUTOREST_DIR = join(root, '.tmp', 'autorest');
const modules = join(AUTOREST_DIR, 'node_modules');

/** The installed packages' folders, and the ones missing. */
export function findAutorest() {
  const paths = Object.fromEntries(Object.keys(AUTOREST_PACKAGES).map((name) => [name, join(modules, name)]));
  const missing = Object.entries(paths)
    .filter(([, dir]) => !existsSync(join(dir, 'package.json')))
    .map(([name]) => `${name}@${AUTOREST_PACKAGES[name]} (in ${AUTOREST_DIR}: node test/spec/autorest/install.mjs)`);
  return { paths, missing, cli: join(paths.autorest, 'entrypoints', 'app.js') };
}
