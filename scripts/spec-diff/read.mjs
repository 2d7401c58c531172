import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseDocument } from 'yaml';
import { isObj } from './shared.mjs';

// Reading the two documents: YAML or JSON files, or git:<rev>:<path>.

/**
 * Parses YAML or JSON text and checks that it is an OpenAPI 3.x document.
 * @param {string} text @param {string} name the input as the user named it, for error messages
 * @returns {Record<string, any>}
 */
export function parseSpec(text, name) {
  /** @type {unknown} */
  let doc;
  const trimmed = text.trimStart();
  let parsedAsJson = false;
  if (trimmed.startsWith('{')) {
    try {
      doc = JSON.parse(text);
      parsedAsJson = true;
    } catch {}
  }
  if (!parsedAsJson) {
    const parsed = parseDocument(text, { prettyErrors: false });
    if (parsed.errors.length) {
      const first = /** @type {Error} */ (parsed.errors[0]);
      throw new Error(`${name}: not valid YAML or JSON: ${first.message.split('\n')[0]}`);
    }
    doc = parsed.toJS({ maxAliasCount: -1 });
  }
  if (!isObj(doc)) throw new Error(`${name}: not an OpenAPI document (expected a mapping at the top level)`);
  if (typeof doc.swagger === 'string')
    throw new Error(`${name}: Swagger ${doc.swagger} is not supported (OpenAPI 3.x only)`);
  if (typeof doc.openapi !== 'string') throw new Error(`${name}: not an OpenAPI document (no "openapi" version field)`);
  if (!/^3\./.test(doc.openapi)) throw new Error(`${name}: OpenAPI ${doc.openapi} is not supported (3.x only)`);
  if (doc.paths !== undefined && !isObj(doc.paths)) throw new Error(`${name}: "paths" is not a mapping`);
  return doc;
}

/**
 * Reads a document from a file, or from git with `git:<rev>:<path>` (path from the repository root).
 * @param {string} spec @param {{ cwd?: string }} [options]
 * @returns {Record<string, any>}
 */
export function loadSpec(spec, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  let text;
  if (spec.startsWith('git:')) {
    const rest = spec.slice(4);
    const colon = rest.indexOf(':');
    const rev = rest.slice(0, colon);
    const path = rest.slice(colon + 1);
    if (colon <= 0 || path === '' || rev.startsWith('-')) {
      throw new Error(`${spec}: expected git:<rev>:<path>, for example git:origin/main:openapi/openapi.yaml`);
    }
    try {
      text = execFileSync('git', ['show', `${rev}:${path}`], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = /** @type {{ stderr?: string, message: string }} */ (error);
      const detail = String(e.stderr ?? '').trim() || e.message;
      throw new Error(`${spec}: cannot read it from git: ${detail}`);
    }
  } else {
    try {
      text = readFileSync(resolvePath(cwd, spec), 'utf8');
    } catch (error) {
      const e = /** @type {NodeJS.ErrnoException} */ (error);
      const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
      throw new Error(`${spec}: cannot read the file (${why})`);
    }
  }
  return parseSpec(text, spec);
}
