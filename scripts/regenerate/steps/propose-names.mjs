import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { loadPublished } from '../../normalize/published.mjs';

// A new operation goes through (CONTRIBUTING.md, "New operations"): the names the normalizer asks
// for in openapi/names.yaml are proposed instead of stopping the run. Its operationId is the source's
// own in camelCase (`create-brand-new` -> createBrandNew), else made from the method and path; its
// inline bodies are that id in PascalCase + Request / Response (+ Body when the name is taken). The
// report lists each proposal for review; renaming before a release is one line of names.yaml.

const SUBJECTS = [
  [/^operationId of (.+)$/, 'operationIds'],
  [/^request body of (.+)$/, 'requestBodies'],
  [/^2\d\d body of (.+)$/, 'responseBodies'],
];

const words = (text) =>
  String(text)
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean);
const pascal = (text) =>
  words(text)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
const camelCase = (text) => {
  const name = pascal(text);
  return name.charAt(0).toLowerCase() + name.slice(1);
};

/** The operationId proposed for `METHOD /path`: the source's, in camelCase, else method + path words. */
export function proposeOperationId(operation, sourceId) {
  if (typeof sourceId === 'string' && /[A-Za-z]/.test(sourceId)) return camelCase(sourceId);
  const [method, path] = operation.split(' ');
  const nouns = path.split('/').filter((segment) => segment && !segment.startsWith('{'));
  return camelCase([method.toLowerCase(), ...nouns].join(' '));
}

/**
 * Splits `problems` into the ones a proposal settles and the rest; returns the proposals
 * ({ section, operation, name }) for the names.yaml of the project at `root` (not written).
 */
export function proposeNames({ root, problems }) {
  const openapiDir = join(root, 'openapi');
  const names = parseDocument(readFileSync(join(openapiDir, 'names.yaml'), 'utf8')).toJSON() ?? {};
  let published = { paths: {}, components: { schemas: {} } };
  try {
    published = loadPublished(openapiDir).document;
  } catch {
    // the normalizer reports it
  }
  const taken = new Set([
    ...Object.keys(published.components?.schemas ?? {}),
    ...Object.values(names.requestBodies ?? {}),
    ...Object.values(names.responseBodies ?? {}),
  ]);
  const proposals = [];
  const rest = [];
  const operationIds = { ...(names.operationIds ?? {}) };
  const wanted = problems.map((problem) => {
    for (const [pattern, section] of SUBJECTS) {
      const operation = pattern.exec(problem.subject ?? '')?.[1];
      if (operation) return { problem, section, operation };
    }
    return { problem };
  });
  // operationIds first: body names are made from them.
  for (const { section, operation } of wanted.filter((w) => w.section === 'operationIds')) {
    const [method, path] = operation.split(' ');
    operationIds[operation] = proposeOperationId(
      operation,
      published.paths?.[path]?.[method.toLowerCase()]?.operationId,
    );
    proposals.push({ section, operation, name: operationIds[operation] });
  }
  for (const { problem, section, operation } of wanted) {
    if (!section) {
      rest.push(problem);
      continue;
    }
    if (section === 'operationIds' || proposals.some((p) => p.section === section && p.operation === operation)) {
      continue;
    }
    const base = pascal(operationIds[operation] ?? proposeOperationId(operation));
    let name = `${base}${section === 'requestBodies' ? 'Request' : 'Response'}`;
    if (taken.has(name)) name = `${name}Body`;
    for (let n = 2; taken.has(name); n++) name = `${base}${section === 'requestBodies' ? 'Request' : 'Response'}${n}`;
    taken.add(name);
    proposals.push({ section, operation, name });
  }
  return { proposals, rest };
}

/** Writes `proposals` into names.yaml (each at the end of its section); returns the previous text. */
export function writeProposals(root, proposals) {
  const file = join(root, 'openapi', 'names.yaml');
  const before = readFileSync(file, 'utf8');
  const yaml = parseDocument(before);
  for (const { section, operation, name } of proposals) {
    if (!isMap(yaml.get(section))) yaml.set(section, yaml.createNode({}));
    yaml.get(section).set(operation, name);
  }
  writeFileSync(file, yaml.toString({ lineWidth: 0 }));
  return before;
}
