// Finds the open unions of a document by their shape: an `anyOf`/`oneOf` with an object member
// whose tag is a string `not` one of the known tags (`properties: {type: {type: string, not:
// {enum: [...]}}}`, the open-unions step's unknown member). Each is probed with an object whose tag
// none of the members lists, which the same union without its unknown member must reject.
// The probe carries the tag only: quicktype merges a union's object members into one Go struct,
// which cannot keep fields no member names (DisallowUnknownFields would reject them; a client
// decoding without that flag drops them).
import { pointerOf } from '../spec-validator';

export interface OpenUnion {
  /** JSON pointer of the union. */
  at: string;
  keyword: 'anyOf' | 'oneOf';
  /** The tag property and the tags the known members carry. */
  property: string;
  tags: string[];
  /** The union as it is, and without its unknown member. */
  open: Node;
  closed: Node;
}

type Node = Record<string, unknown>;

export function findOpenUnions(spec: { components?: unknown; paths?: unknown }): OpenUnion[] {
  const found: OpenUnion[] = [];
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, `${at}/${i}`);
      });
      return;
    }
    if (!isNode(node)) return;
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const members = node[keyword];
      if (!Array.isArray(members)) continue;
      const index = members.findIndex((member) => unknownTag(member) !== undefined);
      if (index < 0) continue;
      const tag = unknownTag(members[index]);
      if (!tag) continue;
      const { discriminator: _, ...rest } = node;
      found.push({
        at,
        keyword,
        property: tag.property,
        tags: tag.tags,
        open: rest,
        closed: { ...rest, [keyword]: members.filter((_, i) => i !== index) },
      });
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'example' || key === 'examples' || key === 'enum' || key === 'const') continue;
      visit(child, `${at}${pointerOf(key)}`);
    }
  };
  visit(spec.components ?? {}, '/components');
  visit(spec.paths ?? {}, '/paths');
  return found;
}

function unknownTag(member: unknown): { property: string; tags: string[] } | undefined {
  if (!isNode(member) || !isNode(member.properties)) return undefined;
  for (const [property, schema] of Object.entries(member.properties)) {
    if (isNode(schema) && schema.type === 'string' && isNode(schema.not) && Array.isArray(schema.not.enum))
      return { property, tags: schema.not.enum as string[] };
  }
  return undefined;
}

/** An object of a kind no member lists. */
export function unlistedMember(union: OpenUnion): Record<string, unknown> {
  let tag = 'zz_unlisted_kind';
  while (union.tags.includes(tag)) tag += '_x';
  return { [union.property]: tag };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
