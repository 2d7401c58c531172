import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { PUBLISHED_DIR, PUBLISHED_FILE } from '../../normalize/published.mjs';
import { parseSpec } from '../../spec-diff/read.mjs';

// Puts a new published description in place: a verbatim copy into
// openapi/sources/published/openrouter-openapi.yaml, and SOURCE.yaml's version, date, origin, sha256
// and operation count updated (its comments and license kept). The input is read and checked
// before anything is written, so a bad input changes nothing.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DATED_NAME = /openrouter-openapi\.(\d{4}-\d{2}-\d{2})\.(?:ya?ml|json)$/;

/**
 * Parsing a published description takes seconds (1.3 MB of YAML): the last two parsed are kept,
 * so a run that follows another in the same process (the replay test) reads the previous one once.
 */
const parsed = new Map();
function parseCached(text, name) {
  const key = createHash('sha256').update(text).digest('hex');
  if (!parsed.has(key)) {
    parsed.set(key, parseSpec(text, name));
    if (parsed.size > 2) parsed.delete(parsed.keys().next().value);
  }
  return parsed.get(key);
}

/** `METHOD /path` of every operation of a document, sorted. */
export function operationKeys(document) {
  return Object.entries(document?.paths ?? {})
    .flatMap(([path, item]) =>
      METHODS.filter((method) => item?.[method]).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

/** The bytes of a file path or an http(s) URL (global fetch). Errors name the input. */
export async function readInput(input, cwd) {
  if (/^https?:\/\//.test(input)) {
    let response;
    try {
      response = await fetch(input);
    } catch (error) {
      throw new Error(`${input}: cannot fetch it (${error.cause?.message ?? error.message})`);
    }
    if (!response.ok) throw new Error(`${input}: the server answered ${response.status} ${response.statusText}`);
    return Buffer.from(await response.arrayBuffer());
  }
  const file = resolve(cwd, input);
  if (!existsSync(file)) throw new Error(`${input}: no such file`);
  return readFileSync(file);
}

/**
 * Where a version came from, as SOURCE.yaml says it: a GitHub file URL (raw or blob, at a commit) is
 * its repository, path and commit (the previous origin's note kept when it is the same file); another
 * URL is itself; a local file is its name only (a path of this machine is nobody else's provenance).
 */
export function originOf(input, previous = undefined) {
  if (!/^https?:\/\//.test(input)) return { file: basename(input) };
  const github =
    /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/([0-9a-f]{40})\/(.+)$/.exec(input) ??
    /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:blob|raw)\/([0-9a-f]{40})\/(.+)$/.exec(input);
  if (!github) return { url: input };
  const [, owner, repo, commit, path] = github;
  const origin = { repository: `https://github.com/${owner}/${repo}`, path, commit };
  const sameFile = previous?.repository === origin.repository && previous?.path === origin.path;
  return sameFile && typeof previous.note === 'string' ? { ...origin, note: previous.note } : origin;
}

/**
 * `text` (YAML) with the top-level `key` set to `value`: its lines replaced where it is, else
 * appended. Everything else stays byte for byte (comments, the license's folded note), so going to
 * another version and back gives the same file.
 */
export function setTopLevel(text, key, value) {
  const entry = stringify({ [key]: value }, { lineWidth: 0 });
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (start === -1) return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${entry}`;
  let end = start + 1;
  while (end < lines.length && /^(\s|$)/.test(lines[end]) && lines[end] !== '') end++;
  return [...lines.slice(0, start), entry.replace(/\n$/, ''), ...lines.slice(end)].join('\n');
}

/** The version of an input: --version, else the date in `openrouter-openapi.YYYY-MM-DD.yaml`, else today (UTC). */
export function versionOf(input, explicit, today = new Date()) {
  if (explicit !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(explicit)) throw new Error(`--version ${explicit}: expected YYYY-MM-DD`);
    return explicit;
  }
  const name = /^https?:\/\//.test(input) ? new URL(input).pathname : basename(input);
  return name.match(DATED_NAME)?.[1] ?? today.toISOString().slice(0, 10);
}

/**
 * Places `input` as the published description of the project at `root` (`origin`: where a local
 * file came from, else the input names its own origin); returns what changed:
 * { from, to } (version and operations of each) and the operations added and removed.
 */
export async function placePublished({ root, input, version: explicitVersion, origin, cwd = root }) {
  const dir = join(root, 'openapi', PUBLISHED_DIR);
  const file = join(dir, PUBLISHED_FILE);
  const sourceFile = join(dir, 'SOURCE.yaml');
  const bytes = await readInput(input, cwd);
  const document = parseCached(bytes.toString('utf8'), input);
  if (!/^3\.1\./.test(document.openapi)) {
    throw new Error(`${input}: OpenAPI 3.1 expected (the normalizer reads 3.1), found ${document.openapi}`);
  }
  const previousBytes = existsSync(file) ? readFileSync(file) : null;
  const previous = previousBytes
    ? parseCached(previousBytes.toString('utf8'), `openapi/${PUBLISHED_DIR}/${PUBLISHED_FILE}`)
    : null;
  const source = parseDocument(existsSync(sourceFile) ? readFileSync(sourceFile, 'utf8') : '{}');
  const previousVersion = source.get('version') ?? null;
  const operations = operationKeys(document);
  const before = previous ? operationKeys(previous) : [];
  // The version already in place (the weekly run finding nothing new): nothing is rewritten, so
  // SOURCE.yaml keeps its version and origin and the run makes no diff of its own.
  const unchanged =
    previousBytes?.equals(bytes) === true &&
    (explicitVersion === undefined || explicitVersion === String(previousVersion));
  const version = unchanged ? String(previousVersion) : versionOf(input, explicitVersion);

  if (!unchanged) {
    writeFileSync(file, bytes);
    let text = existsSync(sourceFile) ? readFileSync(sourceFile, 'utf8') : '';
    const fields = {
      version,
      date: version,
      origin: originOf(origin ?? input, source.get('origin')?.toJSON?.()),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      operations: operations.length,
    };
    for (const [key, value] of Object.entries(fields)) text = setTopLevel(text, key, value);
    writeFileSync(sourceFile, text);
  }

  return {
    unchanged,
    from: previous ? { version: String(previousVersion), operations: before.length } : null,
    to: {
      version,
      operations: operations.length,
      origin: origin ?? (/^https?:\/\//.test(input) ? input : basename(input)),
    },
    operationsAdded: operations.filter((key) => !before.includes(key)),
    operationsRemoved: before.filter((key) => !operations.includes(key)),
    // What the previous version already had: its schema names, for the name-collision check (kept
    // in changes.json, so a run that stopped can be resumed without the previous file).
    previousSchemaNames: previous ? Object.keys(previous.components?.schemas ?? {}).sort() : null,
  };
}
