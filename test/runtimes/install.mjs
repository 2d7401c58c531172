// `npm run runtimes:install`: installs every runtime of runtimes.mjs from the npm registry, each in
// .tmp/runtimes/<id> (`npm install --no-save --prefix`), in parallel, outside the project's
// dependencies; prints how long it took. An install that fails fails the whole command.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RUNTIME_PACKAGES, RUNTIMES_DIR } from './runtimes.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

function install({ id, package: name, version }) {
  const started = Date.now();
  const args = ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', `${RUNTIMES_DIR}/${id}`];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args, `${name}@${version}`], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SCARF_ANALYTICS: 'false', npm_config_update_notifier: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) resolve(`${id}: ${name}@${version} in ${seconds} s`);
      else
        reject(new Error(`installing ${name}@${version} into ${RUNTIMES_DIR}/${id} failed (exit ${code}):\n${stderr}`));
    });
  });
}

const started = Date.now();
const lines = await Promise.all(RUNTIME_PACKAGES.map(install));
for (const line of lines) console.log(`== runtime ${line}`);
console.log(`== runtimes installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
