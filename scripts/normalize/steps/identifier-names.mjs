/**
 * A component name as one PascalCase identifier: words split at underscores and at case changes,
 * an acronym run counted as one word (`BYOKKey` -> `ByokKey`, `OpenAIFile` -> `OpenAiFile`,
 * `Legacy_ChatContentVideo` -> `LegacyChatContentVideo`). This is also how the TypeScript generator
 * names types, so the document, the SDK and other languages' generators all use the same name.
 */
export function pascalIdentifier(name) {
  const words = name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .filter(Boolean);
  return words.map((word) => word[0].toUpperCase() + word.slice(1).toLowerCase()).join('');
}

const SCHEMA_REF = '#/components/schemas/';

/**
 * Defect (published description): component names that are not plain identifiers
 * (`AdvisorServerTool_OpenRouter`) or that generators rewrite (`BYOKKey` becomes `ByokKey` in
 * TypeScript), so one type had two names. Every component takes its `pascalIdentifier` form; every
 * `$ref`, discriminator mapping and `x-sse-data` follows. Two names that would become the same
 * identifier (also ignoring case, for case-insensitive languages and file systems) are an error
 * naming both. Returns the renames, for the report.
 */
export function identifierNames(doc) {
  const schemas = doc.components?.schemas ?? {};
  const renames = {};
  const taken = new Map();
  for (const name of Object.keys(schemas)) {
    const identifier = pascalIdentifier(name);
    const key = identifier.toLowerCase();
    if (taken.has(key)) {
      throw new Error(
        `schemas "${taken.get(key)}" and "${name}" would both be named ${identifier}: give one another name in openapi/names.yaml`,
      );
    }
    taken.set(key, name);
    if (identifier !== name) renames[name] = identifier;
  }
  if (Object.keys(renames).length === 0) return renames;
  const renameRef = (ref) =>
    typeof ref === 'string' && ref.startsWith(SCHEMA_REF) && ref.slice(SCHEMA_REF.length) in renames
      ? SCHEMA_REF + renames[ref.slice(SCHEMA_REF.length)]
      : ref;
  const pending = [doc.paths, doc.components];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') node.$ref = renameRef(value);
        else if (key === 'mapping' && value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [tag, ref] of Object.entries(value)) value[tag] = renameRef(ref);
        } else if (key !== 'example' && key !== 'examples') pending.push(value);
      }
    }
  }
  doc.components.schemas = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [renames[name] ?? name, schema]),
  );
  return renames;
}
