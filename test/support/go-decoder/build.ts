// Builds a Go program that decodes JSON into types quicktype generates from the OpenAPI document:
// one JSON Schema per decoded type (its schema, with the document's components as
// `definitions`, the place quicktype takes type names from), one Go package per type, and one
// `go build` of test/support/go-decoder/main.go for all of them. Two things make the generated
// code as strict as a client in a stricter language: every decode (also inside quicktype's
// union helpers) disallows unknown fields, and each generated enum type rejects a value outside
// its constants (encoding/json alone accepts any string for a `type X string`).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atPointer, type OpenAPIDocument } from '../spec-validator';

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));
const quicktypeDir = resolve(process.env.QUICKTYPE_DIR ?? join(projectDir, '.tmp/quicktype'));

export interface GoTools {
  go?: string;
  quicktypeCore?: string;
  missing: string[];
}

/** `go` on PATH and quicktype-core where .ci/run installs quicktype (QUICKTYPE_DIR overrides). */
export function findGoTools(): GoTools {
  const missing: string[] = [];
  const go = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'go'))
    .find((candidate) => existsSync(candidate));
  if (!go) missing.push('go (Debian: apt-get install golang-go)');
  const quicktypeCore = join(quicktypeDir, 'node_modules/quicktype-core');
  const hasQuicktype = existsSync(join(quicktypeCore, 'package.json'));
  if (!hasQuicktype) {
    missing.push(`quicktype (npm install --no-save --prefix ${quicktypeDir} quicktype@26.0.0)`);
  }
  return { go, quicktypeCore: hasQuicktype ? quicktypeCore : undefined, missing };
}

export interface DecodeType {
  /** A Go identifier, also the name of the decoder in the manifest. */
  name: string;
  /** A JSON Schema (draft-07 style: `definitions`) that quicktype reads. */
  schema: object;
}

/** The schema at a JSON pointer of the document, for quicktype, with the components as `definitions`. */
export function quicktypeSchema(spec: OpenAPIDocument, pointer: string): object {
  const component = pointer.match(/^\/components\/schemas\/([^/]+)$/)?.[1];
  const root = component ? { $ref: `#/definitions/${component}` } : rebase(atPointer(spec, pointer));
  return { ...(root as object), definitions: rebase(spec.components?.schemas ?? {}) };
}

export function rebase(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/definitions/'));
}

/** Generates the Go packages and builds the decoder in `dir`; returns the binary's path. */
export async function buildGoDecoder(types: DecodeType[], dir: string, tools: GoTools): Promise<string> {
  if (!tools.go || !tools.quicktypeCore) throw new Error(`missing tools: ${tools.missing.join(', ')}`);
  const quicktype = createRequire(join(tools.quicktypeCore, 'package.json'))('quicktype-core');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'go.mod'), 'module decoder\n\ngo 1.19\n');
  copyFileSync(fileURLToPath(new URL('main.go', import.meta.url)), join(dir, 'main.go'));
  const imports: string[] = [];
  const entries: string[] = [];
  for (const [i, type] of types.entries()) {
    const pkg = `t${i}${type.name.toLowerCase()}`;
    const input = new quicktype.JSONSchemaInput(new quicktype.FetchingJSONSchemaStore());
    await input.addSource({ name: type.name, schema: JSON.stringify(type.schema) });
    const inputData = new quicktype.InputData();
    inputData.addInput(input);
    const result = await quicktype.quicktype({ inputData, lang: 'go', rendererOptions: { package: pkg } });
    const code: string = result.lines.join('\n');
    mkdirSync(join(dir, 'types', pkg), { recursive: true });
    writeFileSync(join(dir, 'types', pkg, 'types.go'), code.replaceAll('json.Unmarshal(', 'strictUnmarshal('));
    writeFileSync(join(dir, 'types', pkg, 'strict.go'), strictHelpers(pkg, code));
    imports.push(`\t${pkg} "decoder/types/${pkg}"`);
    entries.push(
      `\t${JSON.stringify(type.name)}: func(b []byte) error { var v ${pkg}.${type.name}; return strictDecode(b, &v) },`,
    );
  }
  writeFileSync(
    join(dir, 'decoders.go'),
    `package main\n\nimport (\n${imports.join('\n')}\n)\n\nvar decoders = map[string]func([]byte) error{\n${entries.join('\n')}\n}\n`,
  );
  const binary = join(dir, 'decoder');
  const build = spawnSync(tools.go, ['build', '-o', binary, '.'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      GO111MODULE: 'on',
      GOCACHE: process.env.GOCACHE ?? join(projectDir, '.tmp/go-cache'),
      GOPATH: process.env.GOPATH ?? join(projectDir, '.tmp/go-path'),
    },
  });
  if (build.status !== 0) throw new Error(`go build failed in ${dir}:\n${build.stderr}`);
  return binary;
}

/** Go for one package: a strict decode, and for each enum type an UnmarshalJSON checking its constants. */
function strictHelpers(pkg: string, code: string): string {
  const methods: string[] = [];
  for (const match of code.matchAll(/^type (\w+) string\n\nconst \(\n((?:\t.*\n)+)\)/gm)) {
    const [, name, block = ''] = match;
    const constants = [...block.matchAll(/^\t(\w+)\s+\w+\s*=/gm)].map((m) => m[1]);
    methods.push(
      [
        `func (x *${name}) UnmarshalJSON(data []byte) error {`,
        '\tvar s string',
        '\tif err := json.Unmarshal(data, &s); err != nil {',
        '\t\treturn err',
        '\t}',
        `\tswitch ${name}(s) {`,
        `\tcase ${constants.join(', ')}:`,
        `\t\t*x = ${name}(s)`,
        '\t\treturn nil',
        '\t}',
        `\treturn fmt.Errorf("${name}: %q is not one of its values", s)`,
        '}',
      ].join('\n'),
    );
  }
  return [
    `package ${pkg}`,
    '',
    'import (\n\t"bytes"\n\t"encoding/json"\n\t"fmt"\n)',
    '',
    'var _ = fmt.Errorf',
    '',
    'func strictUnmarshal(data []byte, v interface{}) error {',
    '\tdecoder := json.NewDecoder(bytes.NewReader(data))',
    '\tdecoder.DisallowUnknownFields()',
    '\treturn decoder.Decode(v)',
    '}',
    '',
    ...methods,
    '',
  ].join('\n');
}

export interface DecodeEntry {
  type: string;
  label: string;
  file?: string;
  data?: string;
}

export interface DecodeResult extends DecodeEntry {
  error?: string;
}

/** Runs the decoder on entries; every entry gets a result (an error, or none when it decoded). */
export function runGoDecoder(binary: string, dir: string, entries: DecodeEntry[]): DecodeResult[] {
  const manifest = join(dir, `manifest-${process.pid}-${Date.now()}.json`);
  writeFileSync(manifest, JSON.stringify(entries));
  const output = execFileSync(binary, [manifest], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = output.trimEnd().split('\n');
  const done = lines.at(-1)?.split('\t');
  if (done?.[0] !== 'DONE' || Number(done[1]) !== entries.length) {
    throw new Error(`the decoder did not finish: ${output.slice(-500)}`);
  }
  return lines.slice(0, -1).map((line, i) => {
    const [status, , , error] = line.split('\t');
    const entry = entries[i] as DecodeEntry;
    return status === 'OK' ? entry : { ...entry, error: error ?? line };
  });
}
