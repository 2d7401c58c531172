// The package as users get it, for the docs and toolchain tests: `npm pack` of dist/ (built when
// missing), installed (offline, it has no dependencies) into a scratch project under .tmp/, so that
// anything else a file imports (zod, @types/node) resolves from the repository's node_modules above.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCARF_ANALYTICS: 'false', npm_config_update_notifier: 'false', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** A new scratch project in .tmp/<prefix>XXXX with `node_modules/openrouter-ts` from the tarball. */
export function packedConsumer(prefix: string): string {
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'index.d.ts'))) {
    run('npm', ['run', 'build'], root);
  }
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp', prefix));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root)) as {
    filename: string;
  }[];
  if (!packed) throw new Error('npm pack reported no package');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'docs-consumer', private: true, type: 'module' }));
  run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', packed.filename],
    dir,
  );
  return dir;
}
