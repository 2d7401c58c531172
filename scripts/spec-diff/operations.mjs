import { compareSchema, dataPath, emit } from './compare-schema.mjs';
import { arr, code, deref, isObj, METHODS } from './shared.mjs';

// ---------------------------------------------------------------------------------------------
// Operations

/** @typedef {{ method: string, path: string, op: Record<string, any>, pathParams: unknown }} Operation */

/** @param {any} doc @returns {Operation[]} */
export function collectOperations(doc) {
  /** @type {Operation[]} */
  const ops = [];
  if (!isObj(doc?.paths)) return ops;
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = deref(doc, rawItem);
    if (!isObj(item)) continue;
    for (const m of METHODS) {
      if (isObj(item[m])) ops.push({ method: m.toUpperCase(), path, op: item[m], pathParams: item.parameters });
    }
  }
  return ops;
}

/** @param {string} path */
const templateKey = (path) => path.replace(/\{[^}]*\}/g, '{}');

/** Pairs the operations of both documents: first by method + exact path, then ignoring path parameter names. @param {Operation[]} oldOps @param {Operation[]} newOps */
export function matchOperations(oldOps, newOps) {
  /** @type {[Operation, Operation][]} */
  const pairs = [];
  const exact = new Map(newOps.map((o) => [`${o.method} ${o.path}`, o]));
  const leftOld = [];
  const usedNew = new Set();
  for (const o of oldOps) {
    const n = exact.get(`${o.method} ${o.path}`);
    if (n) {
      pairs.push([o, n]);
      usedNew.add(n);
    } else leftOld.push(o);
  }
  const leftNew = newOps.filter((o) => !usedNew.has(o));
  /** @param {Operation[]} list */
  const byTemplate = (list) => {
    /** @type {Map<string, Operation[]>} */
    const m = new Map();
    for (const o of list) {
      const k = `${o.method} ${templateKey(o.path)}`;
      m.set(k, [...(m.get(k) ?? []), o]);
    }
    return m;
  };
  const tOld = byTemplate(leftOld);
  const tNew = byTemplate(leftNew);
  const removed = [];
  const matchedNew = new Set();
  for (const o of leftOld) {
    const k = `${o.method} ${templateKey(o.path)}`;
    const candidates = tNew.get(k);
    if (candidates?.length === 1 && tOld.get(k)?.length === 1) {
      pairs.push([o, /** @type {Operation} */ (candidates[0])]);
      matchedNew.add(candidates[0]);
    } else removed.push(o);
  }
  return { pairs, removed, added: leftNew.filter((o) => !matchedNew.has(o)) };
}

/** @param {Operation} o */
export const opLabel = (o) => `${o.method} ${o.path}`;
/** @param {Operation} o */
export const opIdNote = (o) => (typeof o.op.operationId === 'string' ? ` (operationId ${code(o.op.operationId)})` : '');

/** @param {any} doc @param {Operation} o @returns {Map<string, Record<string, any>>} */
function parametersOf(doc, o) {
  const map = new Map();
  for (const raw of [...arr(o.pathParams), ...arr(o.op.parameters)]) {
    const p = deref(doc, raw);
    if (!isObj(p) || typeof p.name !== 'string') continue;
    const where = typeof p.in === 'string' ? p.in : 'query';
    map.set(`${where}\u0000${where === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return map;
}

/** @param {Record<string, any>} p */
function parameterSchema(p) {
  if (p.schema !== undefined) return p.schema;
  if (isObj(p.content)) {
    const first = Object.values(p.content)[0];
    if (isObj(first)) return first.schema;
  }
  return undefined;
}

/** @param {string} mediaType */
const mediaSuffix = (mediaType) => (mediaType === '' || mediaType === 'application/json' ? '' : ` (${mediaType})`);

/**
 * @param {Ctx['out']} out @param {any} oldDoc @param {any} newDoc @param {Operation} oo @param {Operation} no
 */
export function compareOperation(out, oldDoc, newDoc, oo, no) {
  const label = opLabel(no);
  /** @param {ChangeGroup} group @param {Direction} dir @param {(segs: Segment[]) => string} render @returns {Ctx} */
  const ctx = (group, dir, render) => ({ oldDoc, newDoc, dir, group, render, out, stack: new Map(), depth: 0 });
  const opCtx = ctx('Operations', 'both', () => label);

  if (oo.op.operationId !== no.op.operationId) {
    const from = typeof oo.op.operationId === 'string' ? code(oo.op.operationId) : 'none';
    const to = typeof no.op.operationId === 'string' ? code(no.op.operationId) : 'none';
    emit(opCtx, [], 'operation-id-changed', 'breaking', `operationId renamed from ${from} to ${to}`);
  }
  if (oo.path !== no.path) {
    emit(opCtx, [], 'path-template-changed', 'non-breaking', `path template was ${code(oo.path)}`);
  }
  if (oo.op.deprecated !== true && no.op.deprecated === true) {
    emit(opCtx, [], 'operation-deprecated', 'non-breaking', 'operation deprecated');
  }

  // Parameters
  const pa = parametersOf(oldDoc, oo);
  const pb = parametersOf(newDoc, no);
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort()) {
    const a = pa.get(key);
    const b = pb.get(key);
    const p = /** @type {Record<string, any>} */ (b ?? a);
    const name = /** @type {string} */ (p.name);
    const where = typeof p.in === 'string' ? p.in : 'query';
    const c = ctx(
      'Parameters',
      'request',
      (segs) => `${label} ${where} parameter ${dataPath([{ t: 'prop', name }, ...segs])}`,
    );
    const reqA = a?.required === true || where === 'path';
    const reqB = b?.required === true || where === 'path';
    if (!a) {
      if (reqB) emit(c, [], 'parameter-added', 'breaking', 'required parameter added');
      else emit(c, [], 'parameter-added', 'non-breaking', 'optional parameter added');
    } else if (!b) {
      emit(c, [], 'parameter-removed', 'breaking', 'parameter removed');
    } else {
      if (!reqA && reqB) emit(c, [], 'parameter-now-required', 'breaking', 'parameter is now required');
      if (reqA && !reqB) emit(c, [], 'parameter-now-optional', 'non-breaking', 'parameter is now optional');
      if (a.deprecated !== true && b.deprecated === true) {
        emit(c, [], 'parameter-deprecated', 'non-breaking', 'parameter deprecated');
      }
      compareSchema(parameterSchema(a) ?? {}, parameterSchema(b) ?? {}, c, []);
    }
  }

  // Request body
  const ba = deref(oldDoc, oo.op.requestBody);
  const bb = deref(newDoc, no.op.requestBody);
  const bodyCtx = (/** @type {string} */ mt) =>
    ctx('Request bodies', 'request', (segs) => {
      const path = dataPath(segs);
      return `${label} request body${mediaSuffix(mt)}${path ? ` ${path}` : ''}`;
    });
  if (!isObj(ba) && isObj(bb)) {
    if (bb.required === true) emit(bodyCtx(''), [], 'request-body-added', 'breaking', 'required request body added');
    else emit(bodyCtx(''), [], 'request-body-added', 'non-breaking', 'optional request body added');
  } else if (isObj(ba) && !isObj(bb)) {
    emit(bodyCtx(''), [], 'request-body-removed', 'breaking', 'request body removed');
  } else if (isObj(ba) && isObj(bb)) {
    if (ba.required !== true && bb.required === true) {
      emit(bodyCtx(''), [], 'request-body-now-required', 'breaking', 'request body is now required');
    } else if (ba.required === true && bb.required !== true) {
      emit(bodyCtx(''), [], 'request-body-now-optional', 'non-breaking', 'request body is now optional');
    }
    compareContent(ba.content, bb.content, bodyCtx, 'request');
  }

  // Responses
  const ra = isObj(oo.op.responses) ? oo.op.responses : {};
  const rb = isObj(no.op.responses) ? no.op.responses : {};
  for (const status of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const a = deref(oldDoc, ra[status]);
    const b = deref(newDoc, rb[status]);
    const respCtx = (/** @type {string} */ mt) =>
      ctx('Responses', 'response', (segs) => {
        const path = dataPath(segs);
        return `${label} ${status}${mediaSuffix(mt)}${path ? ` ${path}` : ''}`;
      });
    const success = /^2/.test(status);
    if (!isObj(a) && isObj(b)) {
      emit(respCtx(''), [], 'response-added', 'non-breaking', `response status ${status} added`);
    } else if (isObj(a) && !isObj(b)) {
      const category = success ? 'breaking' : 'non-breaking';
      emit(respCtx(''), [], 'response-removed', category, `response status ${status} removed`);
    } else if (isObj(a) && isObj(b)) {
      compareContent(a.content, b.content, respCtx, 'response');
    }
  }
}

/**
 * @param {unknown} ca @param {unknown} cb @param {(mediaType: string) => Ctx} makeCtx @param {'request' | 'response'} what
 */
function compareContent(ca, cb, makeCtx, what) {
  const a = isObj(ca) ? ca : {};
  const b = isObj(cb) ? cb : {};
  for (const mt of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const c = makeCtx(mt);
    if (!(mt in b)) {
      emit(c, [], 'media-type-removed', 'breaking', `${what} media type ${code(mt)} removed`);
    } else if (!(mt in a)) {
      emit(c, [], 'media-type-added', 'non-breaking', `${what} media type ${code(mt)} added`);
    } else {
      const sa = isObj(a[mt]) ? a[mt].schema : undefined;
      const sb = isObj(b[mt]) ? b[mt].schema : undefined;
      if (sa === undefined && sb !== undefined) {
        emit(c, [], 'schema-added', 'non-breaking', `${what} schema added`);
      } else if (sa !== undefined && sb === undefined) {
        emit(c, [], 'schema-removed', 'breaking', `${what} schema removed`);
      } else if (sa !== undefined && sb !== undefined) {
        compareSchema(sa, sb, c, []);
      }
    }
  }
}
