// Finds the open enums of a document by their shape: an `anyOf`/`oneOf` with one branch that is
// a string enum (often a named `...Known` schema) and one plain `{type: string}` that admits new
// values. Each is probed with a value the enum does not list.
import { atPointer, type OpenAPIDocument, pointerOf } from '../spec-validator';

export interface OpenEnum {
  /** JSON pointer of the union. */
  at: string;
  /** JSON pointer of the enum branch (its `$ref` target when it is a reference). */
  known: string;
  values: string[];
}

type Node = Record<string, unknown>;

export function findOpenEnums(spec: OpenAPIDocument): OpenEnum[] {
  const found: OpenEnum[] = [];
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, `${at}/${i}`);
      });
      return;
    }
    if (!isNode(node)) return;
    for (const keyword of ['anyOf', 'oneOf']) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      const plain = branches.some(
        (b) => isNode(b) && b.type === 'string' && Object.keys(b).every((k) => k === 'type' || k === 'description'),
      );
      const knownIndex = branches.findIndex((b, i) => enumOf(spec, b, `${at}/${keyword}/${i}`) !== undefined);
      if (plain && knownIndex >= 0) {
        const known = enumOf(spec, branches[knownIndex], `${at}/${keyword}/${knownIndex}`);
        if (known) found.push({ at, known: known.at, values: known.values });
      }
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

function enumOf(spec: OpenAPIDocument, branch: unknown, at: string): { at: string; values: string[] } | undefined {
  let node = branch;
  let where = at;
  for (let hops = 0; isNode(node) && typeof node.$ref === 'string' && hops < 20; hops++) {
    where = node.$ref.replace(/^#/, '');
    node = atPointer(spec, where);
  }
  if (!isNode(node) || !Array.isArray(node.enum)) return undefined;
  if (!node.enum.every((v) => typeof v === 'string')) return undefined;
  return { at: where, values: node.enum as string[] };
}

/** A value no enum lists. */
export function unlistedValue(values: string[]): string {
  let candidate = 'zz-unlisted-value';
  while (values.includes(candidate)) candidate += '-x';
  return candidate;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
