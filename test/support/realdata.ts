// The recorded live API answers in ../shared/realdata (beside the project), when present: which
// operation each file came from (one table), and its bodies as JSON values (a JSON file's body,
// or each `data:` event of a stream).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// REALDATA_DIR overrides the place (a git worktree is not beside ../shared).
export const realdataDir = process.env.REALDATA_DIR
  ? resolve(process.env.REALDATA_DIR)
  : resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/realdata');
export const hasRealdata = existsSync(realdataDir);

if (!hasRealdata) {
  console.warn(`[realdata] ${realdataDir} is absent: the tests that check real API responses are skipped.`);
}

export function readRealdata(relative: string): string {
  return readFileSync(join(realdataDir, relative), 'utf8');
}

export function listRealdata(folder: string, extension: string): string[] {
  const dir = join(realdataDir, folder);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(extension))
        .sort()
    : [];
}

/** Every recorded file (relative path, `/`-separated), sorted; the folder's README is not a recording. */
export function listAllRealdata(dir = realdataDir, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const relative = prefix + name;
    if (statSync(join(dir, name)).isDirectory()) files.push(...listAllRealdata(join(dir, name), `${relative}/`));
    else if (relative !== 'README.md') files.push(relative);
  }
  return files;
}

export interface RealdataOperation {
  method: string;
  path: string;
  status: string;
}

// One row per kind of recording. `status: 'name'` takes the status from the file name (the
// three digits before the extension, or after `error.`). realdata/README.md names the origin of
// each file. The errors/ folder does not say which request produced each body, so the rows
// below decide from the message, the file name and the recorder:
// - "<model> is not a valid model ID" (400) names a model sent in a request body; the same
//   message reported elsewhere comes from chat calls, GET /model/... and /endpoints answer an
//   unknown model with 404 "Not Found" (the two 404 files below), and neither declares a 400;
// - "No endpoints found that support tool use" and "This model is unavailable for free ... use
//   this slug instead" are router answers to a completion request (a tool-use request, a `:free`
//   model retired from the free tier);
// - models-by-id-not-found: the "get a model by id" operation, GET /model/{author}/{slug};
// - not-found.ploke: ploke recorded GET /models/{author}/{slug}/endpoints (endpoints/ is its).
const table: [pattern: RegExp, method: string, path: string, status: string][] = [
  [/^models\.[\w-]+\.json$/, 'get', '/models', '200'],
  [/^embeddings-models\.[\w-]+\.json$/, 'get', '/models/embeddings', '200'],
  [/^endpoints\/[\w.-]+\.json$/, 'get', '/models/{author}/{slug}/endpoints', '200'],
  [/^providers\.[\w-]+\.json$/, 'get', '/providers', '200'],
  [/^key\.[\w-]+\.json$/, 'get', '/key', '200'],
  [/^errors\/error\.400\.invalid-model-id\.[\w.-]+\.json$/, 'post', '/chat/completions', '400'],
  [/^errors\/error\.404\.models-by-id-not-found\.[\w.-]+\.json$/, 'get', '/model/{author}/{slug}', '404'],
  [/^errors\/error\.404\.no-endpoints-tool-use\.[\w.-]+\.json$/, 'post', '/chat/completions', '404'],
  [/^errors\/error\.404\.not-found\.ploke\.[\w.-]+\.json$/, 'get', '/models/{author}/{slug}/endpoints', '404'],
  [/^errors\/error\.404\.unavailable-for-free\.[\w.-]+\.json$/, 'post', '/chat/completions', '404'],
  [/^chat\/[\w.-]+\.\d{3}\.(json|sse)$/, 'post', '/chat/completions', 'name'],
  [/^responses\/[\w.-]+\.\d{3}\.(json|sse)$/, 'post', '/responses', 'name'],
  [/^embeddings\/[\w.-]+\.\d{3}\.json$/, 'post', '/embeddings', 'name'],
  [/^generation\/[\w.-]+\.\d{3}\.json$/, 'get', '/generation', 'name'],
  [/^images\/[\w.-]+\.\d{3}\.json$/, 'post', '/images', 'name'],
];

/** The operation a recorded file answers, or undefined when no row of the table maps it. */
export function realdataOperation(file: string): RealdataOperation | undefined {
  const row = table.find(([pattern]) => pattern.test(file));
  if (!row) return undefined;
  const [, method, path, status] = row;
  return { method, path, status: status === 'name' ? (file.match(/\.(\d{3})\.(json|sse)$/)?.[1] ?? '?') : status };
}

/** One JSON value the API sent: a whole body, or the `data:` of one event of a stream. */
export interface RealdataSample extends RealdataOperation {
  file: string;
  /** `file` for a body, `file event N` (1-based) for a stream's event. */
  label: string;
  /** The response's media type: `application/json`, or `text/event-stream` for an event. */
  mediaType: 'application/json' | 'text/event-stream';
  value: unknown;
  /** An event's data as sent (a body is the file itself). */
  data?: string;
}

/**
 * A non-streamed body. The API may send keep-alive whitespace before the JSON: only whitespace
 * may precede it, and the rest must be one JSON document.
 */
export function parseJsonBody(text: string, file: string): unknown {
  const start = text.search(/\S/);
  if (start < 0) throw new Error(`${file}: empty body`);
  if (!/^\s*$/.test(text.slice(0, start))) throw new Error(`${file}: something other than whitespace before the JSON`);
  return JSON.parse(text.slice(start));
}

/**
 * The data of each event of a stream (text/event-stream framing: events end at a blank line,
 * `data:` lines of one event join with a newline, `:` lines are comments), without `[DONE]`.
 */
export function parseSseData(text: string): string[] {
  const data: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) data.push(lines.join('\n'));
    lines = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') flush();
    else if (line.startsWith('data:')) lines.push(line.slice(line.startsWith('data: ') ? 6 : 5));
  }
  flush();
  return data.filter((d) => d !== '[DONE]');
}

/** Every value of every recording the table maps (bodies, and each event of each stream). */
export function realdataSamples(files = listAllRealdata()): RealdataSample[] {
  const samples: RealdataSample[] = [];
  for (const file of files) {
    const operation = realdataOperation(file);
    if (!operation) continue;
    const text = readRealdata(file);
    if (file.endsWith('.sse')) {
      parseSseData(text).forEach((data, i) => {
        const label = `${file} event ${i + 1}`;
        samples.push({
          ...operation,
          file,
          label,
          mediaType: 'text/event-stream',
          value: parseEvent(data, label),
          data,
        });
      });
    } else {
      samples.push({
        ...operation,
        file,
        label: file,
        mediaType: 'application/json',
        value: parseJsonBody(text, file),
      });
    }
  }
  return samples;
}

function parseEvent(data: string, label: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new Error(`${label}: data is not JSON (${(error as Error).message})`);
  }
}
