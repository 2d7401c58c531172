import { spawnSync } from 'node:child_process';

// Everything generated (npm run generate: openapi.yaml, types, operation functions, resource
// methods, README tables), with its output shown as it runs.

/** @returns {object[]} the problem when it fails */
export function generateAll({ root }) {
  const run = spawnSync('npm', ['run', '--silent', 'generate'], { cwd: root, stdio: 'inherit' });
  if (run.status === 0) return [];
  return [
    {
      what: `npm run generate failed (exit ${run.status ?? run.signal}; its output is above): the generators did not accept the normalized document`,
      where: 'npm run generate',
      file: 'openapi/overlays/ or scripts/hey-api.config.mjs (as its output says)',
    },
  ];
}
