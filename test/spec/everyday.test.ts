import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { hasRealdata, realdataSamples } from '../support/realdata';
import { loadSpec, locateResponseSchema } from '../support/spec-validator';

// Two checks that the generated types are the API's own answers, both compiled by TypeScript
// itself (strict, as users compile):
// 1. Everyday code (test/types/everyday/*.ts, written as users of OpenAI's SDK write it) compiles,
//    and none of it casts, so it cannot compile by forcing a type.
// 2. Every recorded answer (../shared/realdata: each JSON body and each stream event) is
//    assignable, as the object literal it is, to the generated type of its operation and status
//    (`<Operation>Responses[status]`, `<Operation>Errors[status]`, the `x-sse-data` component
//    for events): so every recorded field is typed (excess properties are errors) and typed right.

const root = fileURLToPath(new URL('../../', import.meta.url));
const everydayDir = join(root, 'test/types/everyday');
const everydayFiles = readdirSync(everydayDir)
  .filter((file) => file.endsWith('.ts'))
  .sort()
  .map((file) => join(everydayDir, file));

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
};

function compile(files: string[]): ts.Diagnostic[] {
  const program = ts.createProgram(files, compilerOptions);
  return files.flatMap((file) => [
    ...program.getSyntacticDiagnostics(program.getSourceFile(file)),
    ...program.getSemanticDiagnostics(program.getSourceFile(file)),
  ]);
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const where = d.file
    ? `${d.file.fileName.slice(root.length)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
    : '';
  return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n').slice(0, 4).join(' / ')}`;
}

/** Type assertions, `any`, and comments that silence the checker: what "no casts" excludes. */
function casts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const at = () => `${file.slice(root.length)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.getText() === 'const'))
      found.push(`${at()} as ${node.type.getText()}`);
    if (ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) found.push(`${at()} ${node.getText()}`);
    if (node.kind === ts.SyntaxKind.AnyKeyword) found.push(`${at()} any`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (/@ts-(ignore|expect-error|nocheck)/.test(source.text)) found.push(`${file.slice(root.length)}: @ts- comment`);
  return found;
}

describe('everyday code compiles against the generated types, without casts', () => {
  it('has everyday files', () => {
    expect(everydayFiles.length).toBeGreaterThanOrEqual(10);
  });

  it('casts nothing', () => {
    expect(everydayFiles.flatMap(casts)).toEqual([]);
  });

  it('the cast check finds a cast', () => {
    const probe = join(root, '.tmp/everyday-cast-probe.ts');
    mkdirSync(join(root, '.tmp'), { recursive: true });
    writeFileSync(
      probe,
      'const a = JSON.parse("1") as number;\nconst b: any = a;\nexport const c = [a, b] as const;\n',
    );
    expect(casts(probe).map((line) => line.replace(/^.*:\d+ /, ''))).toEqual(['as number', 'any']);
  });

  it('compiles with tsc --strict', () => {
    const diagnostics = compile(everydayFiles).map(describeDiagnostic);
    expect(diagnostics, diagnostics.join('\n')).toEqual([]);
  }, 120_000);
});

if (!hasRealdata)
  console.warn('[everyday] ../shared/realdata absent: the recorded answers are not checked against the types');

describe.skipIf(!hasRealdata)('every recorded answer is assignable to its generated type', () => {
  it('compiles every recorded body and stream event as a value of its type', () => {
    const spec = loadSpec();
    const lines = ["import type * as T from '../../generated/types.gen';", ''];
    const labels = new Map<number, string>();
    const untyped: string[] = [];
    for (const sample of realdataSamples()) {
      const type = typeOf(spec, sample);
      if (!type) {
        untyped.push(sample.label);
        continue;
      }
      labels.set(lines.length + 1, `${sample.label} (${type})`);
      lines.push(`export const v${labels.size}: ${type} = ${JSON.stringify(sample.value)};`);
    }
    // A control the check must reject (content is a string or null), so that it can fail at all.
    const control = lines.length + 1;
    lines.push(
      "export const control: T.CreateChatCompletionResponses[200] = { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 5 } }] };",
    );
    const dir = join(root, '.tmp/realdata-types');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'answers.ts');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const diagnostics = compile([file]);
    const lineOf = (d: ts.Diagnostic) =>
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    expect(diagnostics.filter((d) => lineOf(d) === control).length, 'the control value is rejected').toBeGreaterThan(0);
    const problems = diagnostics
      .filter((d) => lineOf(d) !== control)
      .map(
        (d) =>
          `${labels.get(lineOf(d)) ?? `line ${lineOf(d)}`}: ${ts.flattenDiagnosticMessageText(d.messageText, ' / ').slice(0, 600)}`,
      );
    console.log(`[everyday] ${labels.size} recorded values typed; ${untyped.length} without a named type`);
    expect(untyped, 'recorded values whose operation has no named type').toEqual([]);
    expect(problems, problems.join('\n')).toEqual([]);
  }, 300_000);
});

/** The hey-api type of a recorded value: by operation and status, or the stream event's component. */
function typeOf(
  spec: ReturnType<typeof loadSpec>,
  sample: ReturnType<typeof realdataSamples>[number],
): string | undefined {
  const operationId: string | undefined = spec.paths?.[sample.path]?.[sample.method]?.operationId;
  if (!operationId) return undefined;
  const prefix = operationId.charAt(0).toUpperCase() + operationId.slice(1);
  if (sample.mediaType === 'text/event-stream') {
    const location = locateResponseSchema(spec, sample);
    const component = 'pointer' in location ? location.pointer.match(/^\/components\/schemas\/(\w+)$/)?.[1] : undefined;
    return component ? `T.${component}` : undefined;
  }
  return `T.${prefix}${sample.status.startsWith('2') ? 'Responses' : 'Errors'}[${sample.status}]`;
}
