import { componentsReachedFrom, walkSchema } from '../walk.mjs';
import { OPEN_ENUM } from './open-enums.mjs';

/**
 * Defect (published description): closed enums in answers. The API outgrows them (new providers,
 * statuses, finish reasons, modalities), and a client that trusts a closed enum rejects the answer
 * that names a new value — what users of OpenRouter's own SDK report. Every string enum of more
 * than one value reachable from a response (JSON body or stream event) is marked open
 * (`x-open-enum`, turned into `anyOf [known, string]` by the open-enums step), except on the
 * properties that discriminate unions (a tag must stay exact, or two branches of a `oneOf` would
 * both match). Request-only enums stay closed, so a typo there is still caught.
 * Returns the places marked, for the report.
 */
export function openResponseEnums(doc) {
  const schemas = doc.components?.schemas ?? {};
  const tags = discriminatorProperties(schemas);
  const marked = [];
  for (const name of componentsReachedFromResponses(doc)) {
    walkSchema(schemas[name], (schema, path) => {
      if (!Array.isArray(schema.enum) || OPEN_ENUM in schema) return;
      const values = schema.enum.filter((value) => value !== null);
      if (values.length < 2 || !values.every((value) => typeof value === 'string')) return;
      const property =
        path.at(-2) === 'properties' ? path.at(-1) : path.at(-3) === 'properties' ? path.at(-2) : undefined;
      if (property !== undefined && tags.has(property)) return;
      schema[OPEN_ENUM] = true;
      marked.push([name, ...path].join('.'));
    });
  }
  return marked;
}

function discriminatorProperties(schemas) {
  const tags = new Set();
  for (const schema of Object.values(schemas)) {
    walkSchema(schema, (node) => {
      if (typeof node.discriminator?.propertyName === 'string') tags.add(node.discriminator.propertyName);
    });
  }
  return tags;
}

/** The component names reachable from any response's schema or `x-sse-data`. */
export function componentsReachedFromResponses(doc) {
  const roots = [];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      for (const response of Object.values(op?.responses ?? {})) {
        for (const media of Object.values(response?.content ?? {})) roots.push(media?.schema, media?.['x-sse-data']);
      }
    }
  }
  return [...componentsReachedFrom(doc, roots)].sort();
}
