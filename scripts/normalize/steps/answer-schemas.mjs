import { componentsReachedFrom, operations } from '../walk.mjs';

export const ANSWER = 'x-answer';
const SCHEMA_REF = '#/components/schemas/';

/**
 * Defect (published description): one schema serves requests and answers, so an answer is typed as
 * loosely as what a request may send (the assistant message's content "string, parts or null",
 * where every recorded answer carries a string or null, never absent).
 *
 * The rule: a component that an overlay marks `x-answer` (the keywords the recorded answers
 * narrow: `properties` replaced one by one, `required` added) gets an answer copy, named in
 * names.yaml `answerSchemas`. Every `$ref` to it inside answers (response bodies and stream
 * events, and the components only they reach) now names the copy; requests keep the original.
 * A component reached from both a request and an answer that leads to a split one would need a
 * copy too: that is a problem to decide (a name in answerSchemas), never a silent choice.
 * The copy only narrows (a `properties` entry must be a subset of the original's, which the type
 * tests check by assigning an answer message to the request message type).
 * Returns the splits made ([original, copy]), for the report.
 */
export function splitAnswerSchemas(doc, answerNames = {}, problems) {
  const schemas = doc.components?.schemas ?? {};
  const marked = Object.keys(schemas).filter((name) => schemas[name]?.[ANSWER]);
  if (marked.length === 0) return [];
  const problem = (what) => {
    if (!problems) throw new Error(what);
    problems.add({ what, where: 'answerSchemas', file: 'openapi/names.yaml' });
  };
  const copies = new Map();
  for (const name of marked) {
    const copyName = answerNames[name];
    if (typeof copyName !== 'string') problem(`names.yaml answerSchemas needs a name for the answer copy of ${name}`);
    else if (copyName in schemas) problem(`names.yaml answerSchemas ${name}: ${copyName} is already a schema`);
    else copies.set(name, copyName);
  }
  const { answers, requests } = rootsByDirection(doc);
  const answerReached = componentsReachedFrom(doc, answers);
  const requestReached = componentsReachedFrom(doc, requests);
  for (const [name, copyName] of copies) {
    const { [ANSWER]: narrowing, ...original } = schemas[name];
    schemas[name] = original;
    schemas[copyName] = applyNarrowing(structuredClone(original), narrowing, name);
  }
  const rename = (ref) => {
    const name = typeof ref === 'string' && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
    return name && copies.has(name) ? SCHEMA_REF + copies.get(name) : undefined;
  };
  for (const name of answerReached) {
    if (copies.has(name) || !reachesAny(doc, name, copies)) continue;
    if (requestReached.has(name)) {
      problem(
        `${name} is reached from requests and answers and leads to ${[...copies.keys()].join(', ')}: give it an answer copy too (x-answer: {} and a name in answerSchemas)`,
      );
      continue;
    }
    rewriteRefs(schemas[name], rename);
  }
  for (const root of answers) rewriteRefs(root, rename);
  return [...copies];
}

export const SCOPED = 'x-scoped';

/**
 * Evidence scoped to an operation: an answer (a response media object) that an overlay marks
 * `x-scoped: { prefix, replace: { Component: Replacement } }` gets its own copies of the components
 * between its schema and each replaced one, named prefix + name, whose `$ref`s name the
 * replacement; every other operation keeps the originals. So a type loosened for what one
 * operation was seen to send (numbers among the prices of embedding models) stays tight elsewhere.
 * Returns the copies made ([original, copy]), for the report.
 */
export function scopeAnswerSchemas(doc) {
  const schemas = doc.components?.schemas ?? {};
  const made = [];
  for (const { key, op } of operations(doc)) {
    for (const response of Object.values(op.responses ?? {})) {
      for (const media of Object.values(response?.content ?? {})) {
        if (!media?.[SCOPED]) continue;
        const { prefix, replace } = media[SCOPED];
        delete media[SCOPED];
        if (typeof prefix !== 'string' || !prefix || typeof replace !== 'object' || replace === null)
          throw new Error(`${key}: ${SCOPED} needs a prefix and a replace map`);
        for (const [name, replacement] of Object.entries(replace)) {
          if (!(name in schemas) || !(replacement in schemas))
            throw new Error(`${key}: ${SCOPED} replaces ${name} with ${replacement}; both must be schemas`);
        }
        const targets = new Map(Object.entries(replace));
        const between = [...componentsReachedFrom(doc, [media.schema])].filter(
          (name) => !targets.has(name) && reachesAny(doc, name, targets),
        );
        const renames = new Map([...targets, ...between.map((name) => [name, prefix + name])]);
        for (const name of between) {
          const copy = prefix + name;
          if (made.some(([, earlier]) => earlier === copy)) continue; // another answer with the same scope
          if (copy in schemas)
            throw new Error(`${key}: ${SCOPED} would copy ${name} to ${copy}, which is already a schema`);
          schemas[copy] = structuredClone(schemas[name]);
          made.push([name, copy]);
        }
        const rename = (ref) => {
          const name = typeof ref === 'string' && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
          return name && renames.has(name) ? SCHEMA_REF + renames.get(name) : undefined;
        };
        for (const name of between) rewriteRefs(schemas[prefix + name], rename);
        rewriteRefs(media, rename);
      }
    }
  }
  return made;
}

function applyNarrowing(copy, narrowing, name) {
  if (typeof narrowing !== 'object' || narrowing === null) throw new Error(`${name}: ${ANSWER} must be an object`);
  for (const key of Object.keys(narrowing)) {
    if (key !== 'properties' && key !== 'required' && key !== 'description')
      throw new Error(`${name}: ${ANSWER} may set properties, required and description, not ${key}`);
  }
  for (const [property, schema] of Object.entries(narrowing.properties ?? {})) {
    if (!(property in (copy.properties ?? {})))
      throw new Error(`${name}: ${ANSWER} narrows ${property}, which the schema does not have`);
    copy.properties[property] = schema;
  }
  if (narrowing.required) copy.required = [...new Set([...(copy.required ?? []), ...narrowing.required])];
  if (narrowing.description) copy.description = narrowing.description;
  return copy;
}

/** The schema slots of answers (response bodies, stream events) and of requests (bodies, parameters). */
function rootsByDirection(doc) {
  const answers = [];
  const requests = [];
  for (const { op } of operations(doc)) {
    for (const media of Object.values(op.requestBody?.content ?? {})) if (media?.schema) requests.push(media.schema);
    for (const param of op.parameters ?? []) if (param?.schema) requests.push(param.schema);
    for (const response of Object.values(op.responses ?? {})) {
      for (const media of Object.values(response?.content ?? {})) {
        if (media?.schema) answers.push(media.schema);
        if (media?.['x-sse-data']) answers.push(media['x-sse-data']);
      }
    }
  }
  return { answers, requests };
}

function reachesAny(doc, name, targets) {
  const reached = componentsReachedFrom(doc, [doc.components.schemas[name]]);
  return [...targets.keys()].some((target) => reached.has(target));
}

function rewriteRefs(node, rename) {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, rename);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') node.$ref = rename(value) ?? value;
      else if (key === 'mapping' && value && typeof value === 'object') {
        for (const [tag, ref] of Object.entries(value)) value[tag] = rename(ref) ?? ref;
      } else if (key !== 'example' && key !== 'examples') rewriteRefs(value, rename);
    }
  }
}
