import { operationsOf } from './walk.mjs';

// names.yaml entries are decisions about things in the sources; an entry about a schema that is no
// longer there (the published description renamed it) is stale: a problem naming the entry to edit.
// The names of an operation no source has any more are kept, not a problem (CONTRIBUTING.md, "Removed
// operations"): the operation leaves the SDK, and if it comes back it has its names again. A
// published schema that lands on a name the pages use, without a decision that they are one concept,
// merges two things into one component.

const NAMES_FILE = 'openapi/names.yaml';

/**
 * Entries of names.yaml that match nothing in the published description or the pages: a problem for
 * a schema name; returned (`[{ section, operation }]`, sorted) for the names of an absent operation.
 */
export function findStaleNames(
  names,
  publishedDocument,
  sources,
  problems,
  publishedLabel = 'the published description',
) {
  const published = publishedDocument.components?.schemas ?? {};
  for (const name of Object.keys(names.publishedSchemas ?? {})) {
    if (name in published) continue;
    problems.add({
      what: `names.yaml publishedSchemas "${name}" matches no schema of the published description (remove the entry, or key it by the schema's new name)`,
      where: publishedLabel,
      file: NAMES_FILE,
      subject: `publishedSchemas ${name}`,
    });
  }
  const keys = new Set(operationKeys(publishedDocument));
  for (const source of sources) {
    for (const fragment of source.fragments ?? []) for (const key of operationKeys(fragment.document)) keys.add(key);
  }
  const kept = [];
  for (const section of ['operationIds', 'operationTags', 'requestBodies', 'responseBodies']) {
    for (const key of Object.keys(names[section] ?? {})) {
      if (!keys.has(key)) kept.push({ section, operation: key });
    }
  }
  return kept.sort((a, b) => (a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : 0));
}

/**
 * Published schemas that keep a name a docs page also uses, with no publishedSchemas entry saying
 * they are one concept, and that the merge found contradicting the page's schema (merge-report.md):
 * [{ name, conflicts }]. Not problems here: the merge report lists them, and `npm run regenerate`
 * stops on the ones a new published version brings (scripts/regenerate/steps/collisions.mjs).
 */
export function findNameCollisions(publishedDocument, publishedSchemas, pageSchemaNames, conflicts) {
  return Object.keys(publishedDocument.components?.schemas ?? {})
    .filter((name) => !(name in publishedSchemas) && pageSchemaNames.has(name))
    .map((name) => ({
      name,
      conflicts: conflicts.filter(
        ({ at }) => at === `components.schemas.${name}` || at.startsWith(`components.schemas.${name}.`),
      ).length,
    }))
    .filter(({ conflicts: count }) => count > 0);
}

function* operationKeys(document) {
  for (const [route, item] of Object.entries(document?.paths ?? {})) {
    for (const [method] of operationsOf(item)) yield `${method.toUpperCase()} ${route}`;
  }
}
