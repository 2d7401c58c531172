import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// AutoRest (autorest, @autorest/core, @autorest/modelerfour, @autorest/go from npm, in .tmp/autorest,
// not project dependencies) generates a Go client from the OpenAPI 3.0 rendition,
// openapi/openapi.3.0.json. AutoRest runs from those folders only: its core and extensions are given
// by path, its home is a fresh folder, and the npm registry and every proxy point at a closed port,
// so a download it tried would fail the run (and its home must hold no file). Skips loudly without the
// packages; fails with REQUIRE_TOOLS=1 (.ci/run installs them: node test/spec/autorest/install.mjs).

const { findAutorest } = (await import(/* @vite-ignore */ new URL('./autorest/tools.mjs', import.meta.url).href)) as {
  findAutorest(): { paths: Record<string, string>; missing: string[]; cli: string };
};

const tools = findAutorest();
const requireTools = process.env.REQUIRE_TOOLS === '1';
const rendition = fileURLToPath(new URL('../../openapi/openapi.3.0.json', import.meta.url));
if (tools.missing.length > 0 && !requireTools) {
  console.warn(`[autorest-go] SKIPPED: ${tools.missing.join(', ')} absent (REQUIRE_TOOLS=1 makes this fail)`);
}

describe.runIf(tools.missing.length > 0 && requireTools)('AutoRest Go (REQUIRE_TOOLS=1)', () => {
  it('has its tools', () => {
    expect(tools.missing, 'REQUIRE_TOOLS=1 and the AutoRest packages are not installed').toEqual([]);
  });
});

describe.skipIf(tools.missing.length > 0)('AutoRest Go generates a client from openapi/openapi.3.0.json', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'autorest-go-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const home = join(scratch, 'home');
  const out = join(scratch, 'go');
  mkdirSync(home);
  const closed = 'http://127.0.0.1:9';
  let run: ReturnType<typeof spawnSync> | undefined;
  const generate = () => {
    run ??= spawnSync(
      process.execPath,
      [
        tools.cli,
        `--version:${tools.paths['@autorest/core']}`,
        `--use:${tools.paths['@autorest/modelerfour']}`,
        `--use:${tools.paths['@autorest/go']}`,
        '--go',
        `--input-file=${rendition}`,
        `--output-folder=${out}`,
        '--module=example.com/openrouter',
        '--openapi-type=data-plane',
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          AUTOREST_HOME: home,
          npm_config_registry: closed,
          npm_config_offline: 'true',
          HTTP_PROXY: closed,
          HTTPS_PROXY: closed,
          http_proxy: closed,
          https_proxy: closed,
          NO_PROXY: '',
        },
        timeout: 400_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return run;
  };
  const file = (name: string) => readFileSync(join(out, name), 'utf8');

  it('runs offline from the installed packages and succeeds', () => {
    const result = generate();
    const log = `${result.stdout}\n${result.stderr}`;
    const failures = log.split('\n').filter((line) => /^(fatal|error)\s*\|/.test(line));
    expect(failures, 'AutoRest reported errors').toEqual([]);
    expect(result.status, log.slice(-4000)).toBe(0);
    expect(log).toContain(`Loading local AutoRest extension '@autorest/go'`);
    // It makes its extensions folder (home/.autorest) and leaves it empty: nothing was installed there.
    const installed = readdirSync(home, { recursive: true }).filter((entry) => String(entry) !== '.autorest');
    expect(installed, 'AutoRest installed something into its home').toEqual([]);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['constants.go', 'models.go', 'go.mod']));
  }, 420_000);

  it('keeps open enums open and their known values as named constants', () => {
    generate();
    // ModelGroup (a tokenizer family) is an open enum: the constants are a string type of their own,
    // named by x-enum-varnames through x-ms-enum, and the field decodes any value.
    expect(file('constants.go')).toContain('type ModelGroupKnown string');
    expect(file('constants.go')).toMatch(/ModelGroupKnownGPT\s+ModelGroupKnown = "GPT"/);
    expect(file('models.go')).not.toMatch(/\bTokenizer \*?ModelGroupKnown\b/);
  });

  it('writes Go that parses (gofmt -e), when Go is installed', () => {
    generate();
    const gofmt = spawnSync('gofmt', ['-e', '-l', out], { encoding: 'utf8' });
    if (gofmt.error) {
      if (requireTools) throw new Error('REQUIRE_TOOLS=1 and gofmt (Go) is not installed');
      console.warn('[autorest-go] gofmt absent: the generated Go is not parsed');
      return;
    }
    expect(gofmt.stderr).toBe('');
    expect(gofmt.status).toBe(0);
    expect(existsSync(join(out, 'models_serde.go'))).toBe(true);
  });
});
