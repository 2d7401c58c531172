// Shared vocabulary of the API-change report: categories, groups, small value helpers, and the
// local $ref resolution every other part uses.

/**
 * @typedef {'Operations' | 'Parameters' | 'Request bodies' | 'Responses' | 'Schemas'} ChangeGroup
 * @typedef {'breaking' | 'attention' | 'non-breaking'} Category
 * @typedef {{ kind: string, group: ChangeGroup, location: string, message: string }} Change
 * @typedef {{ breaking: Change[], attention: Change[], nonBreaking: Change[] }} DiffResult
 * @typedef {'request' | 'response' | 'both'} Direction
 * @typedef {{ t: 'prop', name: string } | { t: 'items' } | { t: 'additional' } | { t: 'variant', kw: string, key: string }} Segment
 */

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** @type {ChangeGroup[]} */
export const GROUPS = ['Operations', 'Parameters', 'Request bodies', 'Responses', 'Schemas'];
/** @type {Record<Category, number>} */
export const RANK = { 'non-breaking': 0, attention: 1, breaking: 2 };
export const SCHEMA_PREFIX = '#/components/schemas/';

/** @param {unknown} x @returns {x is Record<string, any>} */
export const isObj = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
/** @param {unknown} x @returns {any[]} */
export const arr = (x) => (Array.isArray(x) ? x : []);
/** An enum value: strings as they are, unless they would read as another JSON value (`"0"` vs `0`). @param {unknown} v */
export const valueCode = (v) => {
  if (typeof v !== 'string') return code(v);
  let readsAsOther = v.trim() !== v || v === '';
  try {
    readsAsOther ||= typeof JSON.parse(v) !== 'string';
  } catch {}
  return code(readsAsOther ? JSON.stringify(v) : v);
};
/** @param {unknown} v */
export const code = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
};

/**
 * The category of a change that has one verdict for requests and one for responses.
 * @param {Direction} dir @param {Category} onRequest @param {Category} onResponse @returns {Category}
 */
export function verdict(dir, onRequest, onResponse) {
  if (dir === 'request') return onRequest;
  if (dir === 'response') return onResponse;
  return RANK[onRequest] >= RANK[onResponse] ? onRequest : onResponse;
}

/** @param {string} ref @returns {string | undefined} the component schema name a $ref points to */
export function componentName(ref) {
  if (!ref.startsWith(SCHEMA_PREFIX)) return undefined;
  const rest = ref.slice(SCHEMA_PREFIX.length);
  if (rest === '' || rest.includes('/')) return undefined;
  return unescapePointer(rest);
}

/** @param {string} token */
export function unescapePointer(token) {
  let t = token;
  try {
    t = decodeURIComponent(token);
  } catch {}
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves a local JSON pointer (`#/a/b`); undefined for anything else. @param {any} doc @param {unknown} ref */
export function resolvePointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const body = ref.slice(1);
  if (body === '') return doc;
  if (!body.startsWith('/')) return undefined;
  let cur = doc;
  for (const part of body.slice(1).split('/').map(unescapePointer)) {
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = /** @type {any} */ (cur)[part];
  }
  return cur;
}

/** Follows $ref chains of non-schema objects (parameters, request bodies, responses, path items). @param {any} doc @param {unknown} obj */
export function deref(doc, obj) {
  let cur = obj;
  for (let i = 0; i < 32 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const target = resolvePointer(doc, cur.$ref);
    if (target === undefined) return cur;
    cur = target;
  }
  return cur;
}

/** @param {any} doc @param {string} name */
export function componentSchema(doc, name) {
  const schemas = doc?.components?.schemas;
  return isObj(schemas) && Object.hasOwn(schemas, name) ? schemas[name] : undefined;
}
