// "Each method's doc comment comes from the spec": every public resource method's doc comment
// contains the `summary` and the `description` of its operation in openapi/openapi.yaml. When the
// spec's wording changes, this fails until the doc comment follows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);

/** Public method -> [source file under src/resources, class, method, operationId]. */
const methods = [
  ['models.list', 'models.ts', 'Models', 'list', 'listModels'],
  ['models.listEmbeddings', 'models.ts', 'Models', 'listEmbeddings', 'listEmbeddingModels'],
  ['models.listForUser', 'models.ts', 'Models', 'listForUser', 'listUserModels'],
  ['models.get', 'models.ts', 'Models', 'get', 'getModel'],
  ['models.endpoints', 'models.ts', 'Models', 'endpoints', 'listModelEndpoints'],
  ['models.parameters', 'models.ts', 'Models', 'parameters', 'getModelParameters'],
  ['endpoints.zdr', 'endpoints.ts', 'Endpoints', 'zdr', 'listZdrEndpoints'],
  ['providers.list', 'providers.ts', 'Providers', 'list', 'listProviders'],
  ['keys.list', 'keys.ts', 'Keys', 'list', 'listKeys'],
  ['keys.create', 'keys.ts', 'Keys', 'create', 'createKey'],
  ['keys.get', 'keys.ts', 'Keys', 'get', 'getKey'],
  ['keys.update', 'keys.ts', 'Keys', 'update', 'updateKey'],
  ['keys.delete', 'keys.ts', 'Keys', 'delete', 'deleteKey'],
  ['keys.current', 'keys.ts', 'Keys', 'current', 'getCurrentKey'],
  ['oauth.createAuthCode', 'oauth.ts', 'OAuth', 'createAuthCode', 'createAuthCode'],
  ['oauth.exchangeAuthCode', 'oauth.ts', 'OAuth', 'exchangeAuthCode', 'exchangeAuthCode'],
  ['chat.completions.create', 'chat.ts', 'Completions', 'create', 'createChatCompletion'],
] as const;

interface SpecOperation {
  operationId?: string;
  summary?: string;
  description?: string;
}

function specOperations(): Map<string, SpecOperation> {
  const spec = parse(readFileSync(new URL('openapi/openapi.yaml', root), 'utf8')) as {
    paths: Record<string, Record<string, SpecOperation>>;
  };
  const byId = new Map<string, SpecOperation>();
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation === 'object' && operation !== null && typeof operation.operationId === 'string') {
        byId.set(operation.operationId, operation);
      }
    }
  }
  return byId;
}

/** Whitespace runs to one space, so wrapped comment lines compare equal to one-line spec text. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The doc comment just before the first declaration of `method` in `className` (the first overload
 * when there are several), as plain text: comment markers and line prefixes removed.
 */
function docComment(file: string, className: string, method: string): string {
  const source = readFileSync(new URL(`src/resources/${file}`, root), 'utf8');
  const classStart = source.search(new RegExp(`export class ${className}\\b`));
  if (classStart === -1) throw new Error(`class ${className} not found in ${file}`);
  const body = source.slice(classStart);
  const declaration = new RegExp(`\\n\\s*${method}(<[^>]*>)?\\(`).exec(body);
  if (declaration === null) throw new Error(`method ${className}.${method} not found in ${file}`);
  const before = body.slice(0, declaration.index);
  const end = before.lastIndexOf('*/');
  const start = before.lastIndexOf('/**');
  // The comment must be the last thing before the declaration.
  if (start === -1 || end < start || before.slice(end + 2).trim() !== '') {
    throw new Error(`${className}.${method} in ${file} has no doc comment`);
  }
  return flat(
    before
      .slice(start + 3, end)
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n'),
  );
}

const operations = specOperations();

describe('doc comments come from the spec', () => {
  it('the table covers every operation of the spec, each once', () => {
    expect(methods.map(([, , , , id]) => id).sort()).toEqual([...operations.keys()].sort());
  });

  it.each(methods)('%s', (_, file, className, method, operationId) => {
    const operation = operations.get(operationId);
    expect(operation, `operation ${operationId} in openapi.yaml`).toBeDefined();
    const { summary, description } = operation as SpecOperation;
    expect(summary, `${operationId} has a summary`).toBeTruthy();
    expect(description, `${operationId} has a description`).toBeTruthy();
    const comment = docComment(file, className, method);
    expect(comment).toContain(flat(summary as string));
    expect(comment).toContain(flat(description as string));
  });

  it('reads the comment of the right method (a comment belongs to the declaration right after it)', () => {
    // keys.get and keys.update have different descriptions; a reader that took the wrong comment fails here.
    expect(docComment('keys.ts', 'Keys', 'get')).toContain('Gets one API key by its hash');
    expect(docComment('keys.ts', 'Keys', 'get')).not.toContain('Renames');
    expect(docComment('keys.ts', 'Keys', 'update')).toContain('Renames');
  });
});
