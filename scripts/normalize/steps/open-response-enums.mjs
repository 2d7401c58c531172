import { walkSchema } from '../walk.mjs';
import { OPEN_ENUM } from './open-enums.mjs';

const SCHEMA_REF = '#/components/schemas/';

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
  const schemas = doc.components?.schemas ?? {};
  const reached = new Set();
  const pending = [];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      for (const response of Object.values(op?.responses ?? {})) {
        for (const media of Object.values(response?.content ?? {})) pending.push(media?.schema, media?.['x-sse-data']);
      }
    }
  }
  const reach = (ref) => {
    if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF)) return;
    const name = ref.slice(SCHEMA_REF.length);
    if (reached.has(name) || !(name in schemas)) return;
    reached.add(name);
    pending.push(schemas[name]);
  };
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') reach(value);
        else if (key === 'mapping' && value && typeof value === 'object') Object.values(value).forEach(reach);
        else if (key !== 'example' && key !== 'examples') pending.push(value);
      }
    }
  }
  return [...reached].sort();
}
