// The operations of openapi/openapi.yaml joined with their public names in openapi/methods.yaml: one
// plain record per operation with everything the method emitter, the README table and the tests need
// (arguments in order, body and answer kinds, paging). Reads only; throws on a table that does not
// match the description, naming every mismatch.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

/** `GET /models` -> `{ name, ... }` for every row of methods.yaml. */
export function readTable(tablePath) {
  const { methods } = parse(readFileSync(tablePath, 'utf8'));
  const rows = new Map();
  for (const [route, row] of Object.entries(methods)) {
    rows.set(route, typeof row === 'string' ? { name: row } : row);
  }
  return rows;
}

/** Routes of the description missing from the table, and rows of the table naming no operation. */
export function tableMismatches(spec, rows) {
  const routes = new Set(specRoutes(spec).map(({ route }) => route));
  return {
    missing: [...routes].filter((route) => !rows.has(route)),
    unknown: [...rows.keys()].filter((route) => !routes.has(route)),
  };
}

function specRoutes(spec) {
  const routes = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) routes.push({ route: `${method.toUpperCase()} ${path}`, path, method, item, op: item[method] });
    }
  }
  return routes;
}

function deref(spec, node) {
  let current = node;
  while (current?.$ref) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((at, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  }
  return current;
}

/** `$.data` -> `data`: every list of this API has its items at a top-level key. */
function topLevelKey(jsonPath, route) {
  const match = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(jsonPath ?? '');
  if (!match) throw new Error(`${route}: x-speakeasy-pagination path ${jsonPath} is not a top-level key`);
  return match[1];
}

function pagingOf(op, route) {
  const pagination = op['x-speakeasy-pagination'];
  if (!pagination) return undefined;
  const input = (type) => pagination.inputs?.find((entry) => entry.type === type)?.name;
  const results = topLevelKey(pagination.outputs?.results, route);
  if (pagination.type === 'offsetLimit') {
    return { type: 'offsetLimit', offset: input('offset'), limit: input('limit'), results };
  }
  if (pagination.type === 'cursor') {
    return {
      type: 'cursor',
      cursor: input('cursor'),
      nextCursor: topLevelKey(pagination.outputs?.nextCursor, route),
      results,
    };
  }
  throw new Error(`${route}: unknown x-speakeasy-pagination type ${pagination.type}`);
}

/** json: an application/json answer; binary: bytes (audio, video, a file); empty: none documented. */
function answerKind(op) {
  const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
  const types = ok.flatMap(([, response]) => Object.keys(response.content ?? {}));
  if (types.length === 0) return 'empty';
  if (types.some((type) => type === 'application/json')) return 'json';
  return 'binary';
}

function bodyOf(spec, op) {
  const body = deref(spec, op.requestBody);
  if (!body) return undefined;
  const content = body.content ?? {};
  const json = 'application/json' in content;
  const multipart = content['multipart/form-data'];
  const files = multipart
    ? Object.entries(deref(spec, multipart.schema)?.properties ?? {})
        .filter(([, schema]) => schema.format === 'binary')
        .map(([name]) => name)
    : [];
  return { required: body.required === true, json, multipart: Boolean(multipart), files };
}

/**
 * Every operation with its public name and arguments. Throws when the table and the description
 * disagree (a route without a row, a row without a route, a bad or repeated name).
 */
export function readOperations(specPath, tablePath) {
  const spec = parse(readFileSync(specPath, 'utf8'));
  const rows = readTable(tablePath);
  const { missing, unknown } = tableMismatches(spec, rows);
  const problems = [
    ...missing.map((route) => `${route} has no row in openapi/methods.yaml`),
    ...unknown.map((route) => `openapi/methods.yaml names ${route}, which is not an operation of the description`),
  ];
  const names = new Set();
  const operations = [];
  for (const { route, path, method, item, op } of specRoutes(spec)) {
    const row = rows.get(route);
    if (!row) continue;
    const parts = String(row.name).split('.');
    if (parts.length < 2 || !parts.every((part) => IDENTIFIER.test(part))) {
      problems.push(`${route}: ${row.name} is not resource.method (camelCase parts)`);
      continue;
    }
    if (names.has(row.name)) problems.push(`${route}: ${row.name} is used twice`);
    names.add(row.name);
    const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
    const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    const pathArgs = [];
    for (let i = 0; i < pathNames.length; i++) {
      if (pathNames[i] === 'author' && pathNames[i + 1] === 'slug' && path.includes('{author}/{slug}')) {
        pathArgs.push({ kind: 'model', name: 'model' });
        i++;
      } else {
        pathArgs.push({ kind: pathNames[i] === 'hash' ? 'hash' : 'plain', name: pathNames[i] });
      }
    }
    const positional = row.positional ?? [];
    const query = parameters.filter((p) => p.in === 'query');
    for (const name of positional) {
      if (!query.some((p) => p.name === name && p.required)) {
        problems.push(`${route}: positional ${name} is not a required query parameter`);
      }
    }
    const restQuery = query.filter((p) => !positional.includes(p.name));
    // Every operation takes the query parameters its description has: without them a paged list
    // could only be paged through extraQuery (models.listForUser did).
    if (row.query === false && restQuery.length > 0) {
      problems.push(
        `${route}: query: false would hide the query parameters ${restQuery.map((p) => p.name).join(', ')}`,
      );
    }
    operations.push({
      route,
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      name: row.name,
      resource: parts.slice(0, -1).join('.'),
      methodName: parts.at(-1),
      handWritten: row.handWritten,
      summary: op.summary ?? '',
      description: op.description ?? '',
      deprecated: op.deprecated === true,
      secured: !(Array.isArray(op.security) && op.security.length === 0),
      pathArgs,
      positional,
      query: restQuery.length === 0 ? undefined : { required: restQuery.some((p) => p.required) },
      body: bodyOf(spec, op),
      answer: answerKind(op),
      paging: pagingOf(op, route),
      stream: Object.values(op.responses ?? {}).some((response) => 'text/event-stream' in (response.content ?? {})),
    });
  }
  if (problems.length > 0)
    throw new Error(`openapi/methods.yaml does not match the description:\n  ${problems.join('\n  ')}`);
  return operations;
}
