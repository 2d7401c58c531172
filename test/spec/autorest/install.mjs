// `node test/spec/autorest/install.mjs`: installs the AutoRest packages of tools.mjs from the npm
// registry into .tmp/autorest (`npm install --no-save --prefix`), outside the project's
// dependencies; AutoRest then runs from these folders only (test/spec/autorest-go.test.ts).
import { spawnSync } from 'node:child_process';
import { AUTOREST_DIR, AUTOREST_PACKAGES } from './tools.mjs';

const started = Date.now();
const specs = Object.entries(AUTOREST_PACKAGES).map(([name, version]) => `${name}@${version}`);
const run = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', AUTOREST_DIR, ...specs], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, npm_config_update_notifier: 'false' },
});
if (run.status !== 0) {
  console.error(`installing ${specs.join(' ')} into ${AUTOREST_DIR} failed (exit ${run.status ?? run.signal})`);
  process.exit(1);
}
console.log(`== AutoRest installed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${specs.join(' ')}`);
