// Installs the toolchains of toolchain.mjs from the npm registry, each in .tmp/toolchain/<id>
// (`npm install --no-save --ignore-scripts --prefix`: no install script runs), in parallel, outside the project's dependencies; prints how
// long it took. An install that fails fails the whole command. Used by .ci/run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TOOLCHAIN_DIR, TOOLCHAIN_PACKAGES } from './toolchain.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

function install({ id, packages }) {
  const started = Date.now();
  const args = [
    'install',
    '--no-audit',
    '--no-fund',
    '--no-save',
    '--ignore-scripts',
    '--prefix',
    `${TOOLCHAIN_DIR}/${id}`,
    ...packages,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) resolve(`${id}: ${packages.join(' ')} in ${seconds} s`);
      else
        reject(
          new Error(`installing ${packages.join(' ')} into ${TOOLCHAIN_DIR}/${id} failed (exit ${code}):\n${stderr}`),
        );
    });
  });
}

const started = Date.now();
const lines = await Promise.all(TOOLCHAIN_PACKAGES.map(install));
for (const line of lines) console.log(`== toolchain ${line}`);
console.log(`== toolchains installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
