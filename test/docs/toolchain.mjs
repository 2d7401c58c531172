// The toolchains the README promises, exactly as installed: npm packages, each in its own folder
// under .tmp/toolchain (none a dependency of the project). toolchain-install.mjs installs them;
// toolchain.test.ts type-checks and bundles the packed package with each.
export const TOOLCHAIN_DIR = '.tmp/toolchain';

/** @type {{ id: string, packages: string[] }[]} */
export const TOOLCHAIN_PACKAGES = [
  // The oldest TypeScript the declarations compile with, and the one before it, which must fail.
  { id: 'ts50', packages: ['typescript@5.0.4'] },
  { id: 'ts49', packages: ['typescript@4.9.5'] },
  { id: 'vite6', packages: ['vite@6.4.6'] },
  { id: 'webpack5', packages: ['webpack@5.113.0'] },
  // Rollup resolves bare imports (`openrouter-ts`) only with the node-resolve plugin.
  { id: 'rollup4', packages: ['rollup@4.69.0', '@rollup/plugin-node-resolve@16.0.3'] },
];
