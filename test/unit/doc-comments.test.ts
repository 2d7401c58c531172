// "Each method's doc comment comes from the spec": the doc comment of every public method (generated
// in generated/resources.gen.ts, or hand-written in src/resources/) contains the `summary` and the
// `description` of its operation in openapi/openapi.yaml. When the spec's wording changes, this fails
// until the comment follows (for generated methods: until `npm run generate`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { className } from '../../scripts/generate/methods.mjs';
import { readOperations } from '../../scripts/generate/operations.mjs';

const root = new URL('../../', import.meta.url);
const operations = readOperations(
  new URL('openapi/openapi.yaml', root).pathname,
  new URL('openapi/methods.yaml', root).pathname,
);

/** Hand-written resources: where their class is. */
const handWritten: Record<string, [file: string, className: string]> = {
  'chat.completions': ['src/resources/chat.ts', 'Completions'],
  responses: ['src/resources/responses.ts', 'Responses'],
  messages: ['src/resources/messages.ts', 'Messages'],
  images: ['src/resources/images.ts', 'Images'],
  embeddings: ['src/resources/embeddings.ts', 'Embeddings'],
};

/** Whitespace runs to one space, so wrapped comment lines compare equal to one-line spec text. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The doc comment just before the first declaration of `method` in `className` (the first overload
 * when there are several), as plain text: comment markers and line prefixes removed.
 */
function docComment(file: string, name: string, method: string): string {
  const source = readFileSync(new URL(file, root), 'utf8');
  const classStart = source.search(new RegExp(`export class ${name}\\b`));
  if (classStart === -1) throw new Error(`class ${name} not found in ${file}`);
  const body = source.slice(classStart, source.indexOf('\n}', classStart));
  const declaration = new RegExp(`\\n\\s*${method}(<[^>]*>)?\\(`).exec(body);
  if (declaration === null) throw new Error(`method ${name}.${method} not found in ${file}`);
  const before = body.slice(0, declaration.index);
  const end = before.lastIndexOf('*/');
  const start = before.lastIndexOf('/**');
  // The comment must be the last thing before the declaration.
  if (start === -1 || end < start || before.slice(end + 2).trim() !== '') {
    throw new Error(`${name}.${method} in ${file} has no doc comment`);
  }
  return flat(
    before
      .slice(start + 3, end)
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n'),
  );
}

function locate(operation: (typeof operations)[number]): [string, string] {
  if (operation.handWritten) {
    const place = handWritten[operation.resource];
    if (!place) throw new Error(`${operation.name} is hand-written, but its class is not listed in this test`);
    return place;
  }
  const base = Object.hasOwn(handWritten, operation.resource) ? 'Base' : '';
  return ['generated/resources.gen.ts', className(operation.resource) + base];
}

describe('doc comments come from the spec', () => {
  it.each(operations.map((operation) => [operation.name, operation] as const))('%s', (_, operation) => {
    expect(operation.summary, `${operation.operationId} has a summary`).toBeTruthy();
    const [file, name] = locate(operation);
    const comment = docComment(file, name, operation.methodName);
    expect(comment).toContain(flat(operation.summary).replace(/\.$/, ''));
    expect(comment).toContain(flat(operation.description));
  });

  it('reads the comment of the right method (a comment belongs to the declaration right after it)', () => {
    // keys.get and keys.update have different descriptions; a reader that took the wrong comment fails here.
    expect(docComment('generated/resources.gen.ts', 'Keys', 'get')).toContain('Gets one API key by its hash');
    expect(docComment('generated/resources.gen.ts', 'Keys', 'get')).not.toContain('Renames');
    expect(docComment('generated/resources.gen.ts', 'Keys', 'update')).toContain('Renames');
  });
});
