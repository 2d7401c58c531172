import { walkSchema } from '../walk.mjs';
import { componentsReachedFromResponses } from './open-response-enums.mjs';

export const UNKNOWN_MEMBER = 'x-unknown-member';
const SCHEMA_REF = '#/components/schemas/';

/**
 * Defect (published description): tagged unions in answers are closed. The API adds members (a
 * Responses output item, a stream event, an annotation of a new `type`), and a closed `oneOf`
 * makes a validator, or a decoder generated in another language, reject the whole answer.
 *
 * The rule: every `oneOf`/`anyOf` reached from an answer (response body or stream event) whose
 * members each carry one tag value (`const` or a one-value `enum` of the discriminator property,
 * `type` without a discriminator; through `$ref` and `allOf`), all different, gets one more
 * member: an object whose tag is a string that is none of the known ones, any other fields
 * allowed (`x-unknown-member: true`). Known tags still select their member (exactly one member
 * matches any value), an unknown tag is accepted instead of rejected. It is plain JSON Schema
 * (`not` the known tags), so other generators read it; the TypeScript generator types the member so that
 * a known tag still narrows (scripts/hey-api.config.mjs). A union shared with requests is opened
 * there too: sending back what the API sent stays possible.
 * Returns the unions opened (where, and the known tags), for the report.
 */
export function openUnions(doc) {
  const schemas = doc.components?.schemas ?? {};
  const opened = [];
  const visit = (where) => (schema, path) => {
    for (const key of ['oneOf', 'anyOf']) {
      const members = schema[key];
      if (!Array.isArray(members) || members.some((m) => m?.[UNKNOWN_MEMBER])) continue;
      const property = schema.discriminator?.propertyName ?? 'type';
      const tagged = members.filter((member) => !isNull(schemas, member));
      if (tagged.length < 2) continue;
      const tags = tagged.map((member) => tagOf(schemas, member, property));
      if (tags.some((tag) => typeof tag !== 'string') || new Set(tags).size !== tags.length) continue;
      members.push(unknownMember(property, tags));
      opened.push({ at: [where, ...path].join('.'), property, tags });
    }
  };
  for (const name of componentsReachedFromResponses(doc)) walkSchema(schemas[name], visit(name));
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      for (const [status, response] of Object.entries(op?.responses ?? {})) {
        for (const [type, media] of Object.entries(response?.content ?? {})) {
          const where = `${method.toUpperCase()} ${route} ${status} ${type}`;
          for (const slot of ['schema', 'x-sse-data'])
            if (media?.[slot] && !media[slot].$ref) walkSchema(media[slot], visit(`${where} ${slot}`));
        }
      }
    }
  }
  return opened;
}

/** The member for tags the description does not know yet: its tag is a string, not a known one; any fields. */
export function unknownMember(property, tags) {
  return {
    type: 'object',
    description: `A member of a kind this description does not list yet (its \`${property}\` is none of the known ones); kept, not rejected.`,
    required: [property],
    properties: { [property]: { type: 'string', not: { enum: [...tags].sort() } } },
    additionalProperties: true,
    [UNKNOWN_MEMBER]: property,
  };
}

const resolve = (schemas, schema, seen = new Set()) => {
  while (typeof schema?.$ref === 'string' && schema.$ref.startsWith(SCHEMA_REF)) {
    const name = schema.$ref.slice(SCHEMA_REF.length);
    if (seen.has(name)) return undefined;
    seen.add(name);
    schema = schemas[name];
  }
  return schema;
};

function isNull(schemas, member) {
  const schema = resolve(schemas, member);
  return schema?.type === 'null' || (Array.isArray(schema?.enum) && schema.enum.every((v) => v === null));
}

/** The one tag value a member carries at `property`, or undefined. */
function tagOf(schemas, member, property, depth = 0) {
  const schema = resolve(schemas, member);
  if (!schema || depth > 10) return undefined;
  const own = resolve(schemas, schema.properties?.[property]);
  if (own) {
    if (own.const !== undefined) return own.const;
    const values = (own.enum ?? []).filter((v) => v !== null);
    return values.length === 1 ? values[0] : undefined;
  }
  for (const part of schema.allOf ?? []) {
    const tag = tagOf(schemas, part, property, depth + 1);
    if (tag !== undefined) return tag;
  }
  return undefined;
}
