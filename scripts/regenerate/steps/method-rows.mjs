import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { operationKeys } from './published.mjs';

// openapi/methods.yaml follows the document, without stopping the run (CONTRIBUTING.md, "Removed
// operations" and "New operations"):
// - the row of an operation the document no longer has moves to the file's `removed:` section (the
//   method leaves the client; the report lists it as a breaking change);
// - an operation without a row gets its row back from `removed:` if it had one (the same name as
//   before), else the name the naming rule at the top of methods.yaml gives it, which the report
//   lists for review (renaming it before a release is one line of methods.yaml).
// Both sections stay sorted by path, then method, as the file is written.

const REMOVED_COMMENT = [
  ' Rows of operations that left the description (CONTRIBUTING.md, "Removed operations"): not methods',
  ' of the client; kept so that an operation that comes back gets its name back. Written by',
  ' `npm run regenerate`; a row may be deleted by hand once its operation is not expected back.',
].join('\n');

const VERBS = { get: 'get', post: 'create', patch: 'update', delete: 'delete', put: 'upsert' };
const camel = (text) => text.replace(/[-_]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());

/**
 * The name the naming rule of methods.yaml gives an operation (rules 1 and 2): the path's nouns are
 * the resource and sub-resources (camelCase), the method is list (GET of a collection: the last noun
 * ends in s), get (GET of one item or a singleton), create (POST), update (PATCH), delete (DELETE),
 * upsert (PUT), or the path's last word when a GET or POST under a resource ends with a word that
 * is not a plural noun (`.../members/add`: add, `/files/{id}/content`: files.content).
 * A name already taken gets the last noun added (`listMembers`), then a number.
 * @param {string} operation `METHOD /path`
 * @param {Set<string>} taken names in use
 */
export function proposeMethodName(operation, taken = new Set()) {
  const [method, path] = operation.split(' ');
  const segments = path.split('/').filter(Boolean);
  const endsWithParameter = /^\{.*\}$/.test(segments.at(-1) ?? '');
  const nouns = segments.filter((segment) => !/^\{.*\}$/.test(segment)).map(camel);
  let verb = VERBS[method.toLowerCase()] ?? method.toLowerCase();
  const last = nouns.at(-1) ?? 'root';
  if (method === 'GET' && !endsWithParameter && last.endsWith('s')) verb = 'list';
  else if (['GET', 'POST'].includes(method) && !endsWithParameter && nouns.length > 1 && !last.endsWith('s')) {
    verb = nouns.pop(); // the API's own word: files.content, analytics.meta, members.add
  }
  const resource = nouns.length > 0 ? nouns.join('.') : 'root';
  let name = `${resource}.${verb}`;
  if (taken.has(name)) name = `${resource}.${verb}${last.charAt(0).toUpperCase()}${last.slice(1)}`;
  for (let n = 2; taken.has(name); n++) name = `${resource}.${verb}${n}`;
  return name;
}

const routeOrder = (a, b) => {
  const [methodA, pathA] = String(a.key.value ?? a.key).split(' ');
  const [methodB, pathB] = String(b.key.value ?? b.key).split(' ');
  if (pathA !== pathB) return pathA < pathB ? -1 : 1;
  return methodA < methodB ? -1 : methodA > methodB ? 1 : 0;
};
const nameOf = (value) => (isMap(value) ? value.get('name') : (value?.value ?? value));

/**
 * Brings methods.yaml of the project at `root` in line with `document`; writes it when something
 * moved. Returns what it did: removed, restored and proposed rows ({ operation, name }).
 */
export function updateMethodRows({ root, document }) {
  const file = join(root, 'openapi', 'methods.yaml');
  const result = { removed: [], restored: [], proposed: [] };
  if (!existsSync(file)) return result;
  const yaml = parseDocument(readFileSync(file, 'utf8'));
  const methods = yaml.get('methods');
  if (!isMap(methods)) return result;
  let removed = yaml.get('removed');
  const operations = new Set(operationKeys(document));

  for (const pair of [...methods.items]) {
    const operation = String(pair.key.value ?? pair.key);
    if (operations.has(operation)) continue;
    if (!isMap(removed)) {
      yaml.set('removed', yaml.createNode({}));
      removed = yaml.get('removed');
      yaml.contents.items.at(-1).key = Object.assign(yaml.createNode('removed'), { commentBefore: REMOVED_COMMENT });
    }
    methods.items.splice(methods.items.indexOf(pair), 1);
    removed.items.push(pair);
    result.removed.push({ operation, name: nameOf(pair.value) });
  }
  const rowOperations = new Set(methods.items.map((pair) => String(pair.key.value ?? pair.key)));
  const taken = new Set(methods.items.map((pair) => nameOf(pair.value)));
  for (const operation of operations) {
    if (rowOperations.has(operation)) continue;
    const kept = isMap(removed)
      ? removed.items.find((pair) => String(pair.key.value ?? pair.key) === operation)
      : undefined;
    if (kept) {
      removed.items.splice(removed.items.indexOf(kept), 1);
      methods.items.push(kept);
      result.restored.push({ operation, name: nameOf(kept.value) });
      taken.add(nameOf(kept.value));
      continue;
    }
    const name = proposeMethodName(operation, taken);
    taken.add(name);
    methods.items.push(yaml.createPair(operation, name));
    result.proposed.push({ operation, name });
  }
  if (result.removed.length + result.restored.length + result.proposed.length === 0) return result;
  methods.items.sort(routeOrder);
  if (isMap(removed)) {
    removed.items.sort(routeOrder);
    if (removed.items.length === 0) yaml.delete('removed');
  }
  // The file's style: `{ name: x, positional: [id] }` (padded maps, unpadded lists).
  const text = yaml.toString({ lineWidth: 0 }).replace(/\[ ([^[\]\n]*?) \]/g, '[$1]');
  writeFileSync(file, text);
  return result;
}
