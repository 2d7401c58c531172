// Walks a JSON value beside the schema that should describe it and lists (a) each object field the
// schema does not name (a field admitted only by an open object, `additionalProperties: true` or
// no `additionalProperties`, is not described) and (b) each value whose JSON type, or closed
// enum/const, the schema does not admit there. `$ref` and `allOf` merge; of an `anyOf`/`oneOf`
// the branches the value validates against count (checked with ajv), or, when none does, the
// branches whose tag properties (`const`) and type fit it, else all. A typed map
// (`additionalProperties: {schema}` or `patternProperties`) describes its entries: keys are data.
import type { SpecValidator } from './spec-validator';
import { atPointer, type OpenAPIDocument } from './spec-validator';

type Schema = Record<string, unknown>;
interface Leaf {
  /** JSON pointer of the schema in the document, or a note for an absent one. */
  at: string;
  schema: Schema;
}
type Alternative = Leaf[];

export interface Finding {
  /** Where the schema is (`#/components/schemas/X`), where the value is (file, JSON pointer). */
  schemaPath: string;
  label: string;
  pointer: string;
  /** The field's name (undescribed fields) or what was found against what is admitted. */
  detail: string;
}

export interface CoverageReport {
  seen: number;
  described: number;
  undescribed: Finding[];
  mismatches: Finding[];
}

const MAX_ALTERNATIVES = 64;

export class FieldCoverage {
  readonly report: CoverageReport = { seen: 0, described: 0, undescribed: [], mismatches: [] };

  constructor(
    private readonly spec: OpenAPIDocument,
    private readonly validator: SpecValidator,
  ) {}

  /** Walks `value` beside the schema at `schemaPointer` (a JSON pointer into the document). */
  walk(schemaPointer: string, value: unknown, label: string): void {
    this.node(this.flatten(schemaPointer, value), value, label, '');
  }

  private node(alternatives: Alternative[], value: unknown, label: string, pointer: string): void {
    let fitting = alternatives.filter((alt) => admits(alt, value, true));
    if (fitting.length === 0) {
      this.report.mismatches.push({
        schemaPath: refOf(alternatives),
        label,
        pointer,
        detail: mismatch(alternatives, value),
      });
      fitting = alternatives.filter((alt) => admits(alt, value, false));
      if (fitting.length === 0) {
        this.report.seen += countFields(value);
        return;
      }
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const items = this.children(fitting, item, (s) => itemSchema(s, i));
        // An array without `items` admits any element; the fields inside are still undescribed.
        const open = [[{ at: `${refOf(fitting)}/items(absent)`, schema: {} }]];
        this.node(items.length > 0 ? items : open, item, label, `${pointer}/${i}`);
      });
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPointer = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        this.report.seen += 1;
        const named = this.children(fitting, child, (s) => (hasOwn(s.properties, key) ? 'properties' : undefined), key);
        const childAlternatives =
          named.length > 0 ? named : this.children(fitting, child, (s) => mapEntrySchema(s, key));
        if (childAlternatives.length === 0) {
          this.report.undescribed.push({ schemaPath: objectRefOf(fitting), label, pointer: childPointer, detail: key });
          this.report.seen += countFields(child);
          continue;
        }
        this.report.described += 1;
        this.node(childAlternatives, child, label, childPointer);
      }
    }
  }

  /**
   * The alternatives of a child value: in each alternative, the leaves that give a schema for it
   * (`locate` names the keyword path under the leaf) apply together; alternatives that give none
   * drop out. `key` completes `properties/<key>`.
   */
  private children(
    alternatives: Alternative[],
    child: unknown,
    locate: (schema: Schema) => string | undefined,
    key?: string,
  ): Alternative[] {
    const result: Alternative[] = [];
    for (const alt of alternatives) {
      const parts: Alternative[][] = [];
      for (const leaf of alt) {
        const where = locate(leaf.schema);
        if (where === undefined) continue;
        const path = where === 'properties' && key !== undefined ? `properties/${escapePointer(key)}` : where;
        parts.push(this.flatten(`${leaf.at}/${path}`, child));
      }
      if (parts.length > 0) result.push(...product(parts));
    }
    return result.slice(0, MAX_ALTERNATIVES);
  }

  /** The schema at `at` as alternatives of leaves that all apply to `value`. */
  private flatten(at: string, value: unknown, depth = 0): Alternative[] {
    if (depth > 50) throw new Error(`field coverage: $ref cycle at ${at}`);
    const raw = atPointer(this.spec, at);
    if (raw === undefined) throw new Error(`field coverage: no schema at #${at}`);
    if (raw === true) return [[{ at, schema: {} }]];
    if (raw === false) return [[{ at, schema: { not: {} } }]];
    const schema = raw as Schema;
    const parts: Alternative[][] = [[[{ at, schema }]]];
    if (typeof schema.$ref === 'string') parts.push(this.flatten(schema.$ref.replace(/^#/, ''), value, depth + 1));
    (asArray(schema.allOf) ?? []).forEach((_, i) => {
      parts.push(this.flatten(`${at}/allOf/${i}`, value, depth + 1));
    });
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = asArray(schema[keyword]);
      if (!branches) continue;
      const chosen = this.chooseBranches(
        branches.map((_, i) => `${at}/${keyword}/${i}`),
        value,
        depth,
      );
      parts.push(chosen.flatMap((branch) => this.flatten(branch, value, depth + 1)));
    }
    return product(parts).slice(0, MAX_ALTERNATIVES);
  }

  private chooseBranches(branches: string[], value: unknown, depth: number): string[] {
    const valid = branches.filter((branch) => this.validator.at(branch)(value));
    if (valid.length > 0) return valid;
    const byType = branches.filter((b) => this.flatten(b, value, depth + 1).some((alt) => admits(alt, value, false)));
    const byTag = byType.filter((b) => this.flatten(b, value, depth + 1).some((alt) => tagsFit(alt, value)));
    if (byTag.length > 0) return byTag;
    return byType.length > 0 ? byType : branches;
  }
}

/** The readable lists of a report: undescribed fields and type mismatches, grouped by schema. */
export function formatFindings(findings: Finding[], examples = 3): string {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `#${f.schemaPath}  ${f.detail}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => {
      const where = list.slice(0, examples).map((f) => `    ${f.label} ${f.pointer || '(root)'}`);
      const more = list.length > examples ? [`    ... ${list.length - examples} more`] : [];
      return [`${key}  (${list.length})`, ...where, ...more].join('\n');
    })
    .join('\n');
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function admits(alt: Alternative, value: unknown, checkValues: boolean): boolean {
  return alt.every((leaf) => leafAdmits(leaf.schema, value, checkValues));
}

function leafAdmits(schema: Schema, value: unknown, checkValues: boolean): boolean {
  if (isObject(schema.not) && Object.keys(schema.not).length === 0) return false;
  const types = typeof schema.type === 'string' ? [schema.type] : asArray(schema.type);
  if (types) {
    const actual = jsonType(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return false;
  }
  if (!checkValues) return true;
  if ('const' in schema && !sameJson(schema.const, value)) return false;
  const values = asArray(schema.enum);
  if (values && !values.some((v) => sameJson(v, value))) return false;
  return true;
}

/** A branch whose tag properties (`const`, or a one-value enum) contradict the value is not it. */
function tagsFit(alt: Alternative, value: unknown): boolean {
  if (!isObject(value)) return true;
  return alt.every((leaf) => {
    const properties = leaf.schema.properties;
    if (!isObject(properties)) return true;
    return Object.entries(properties).every(([key, property]) => {
      if (!hasOwn(value, key) || !isObject(property)) return true;
      const values = 'const' in property ? [property.const] : asArray(property.enum);
      return values?.length !== 1 || sameJson(values[0], value[key]);
    });
  });
}

function mismatch(alternatives: Alternative[], value: unknown): string {
  // Each alternative admits what all its leaves admit together; the alternatives are the choices.
  const choices = new Set<string>();
  for (const alt of alternatives) {
    let types: string[] | undefined;
    const constraints: string[] = [];
    for (const leaf of alt) {
      const own = typeof leaf.schema.type === 'string' ? [leaf.schema.type] : asArray(leaf.schema.type)?.map(String);
      if (own) types = types ? intersectTypes(types, own) : own;
      const values = 'const' in leaf.schema ? [leaf.schema.const] : asArray(leaf.schema.enum);
      if (values) constraints.push(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`.slice(0, 120));
    }
    const typeText = types ? types.join('/') || 'nothing' : 'any type';
    choices.add([typeText, ...constraints].join(' & '));
  }
  const shown =
    typeof value === 'object' || value === undefined ? jsonType(value) : `${jsonType(value)} ${JSON.stringify(value)}`;
  return `got ${shown.slice(0, 80)}; admits ${[...choices].join(' | ') || 'nothing'}`;
}

function intersectTypes(a: string[], b: string[]): string[] {
  const widen = (types: string[], t: string) => types.includes(t) || (t === 'integer' && types.includes('number'));
  return [
    ...a.filter((t) => widen(b, t)),
    ...b.filter((t) => t === 'integer' && a.includes('number') && !a.includes(t)),
  ];
}

/** The most specific schema to name for a finding: the deepest leaf of the first alternative. */
function refOf(alternatives: Alternative[]): string {
  const alt = alternatives[0] ?? [];
  return (alt.find((l) => 'type' in l.schema || 'enum' in l.schema || 'const' in l.schema) ?? alt.at(-1))?.at ?? '?';
}

function objectRefOf(alternatives: Alternative[]): string {
  const names = new Set<string>();
  for (const alt of alternatives) {
    const leaf =
      alt.find((l) => isObject(l.schema.properties)) ?? alt.find((l) => l.schema.type === 'object') ?? alt.at(-1);
    if (leaf) names.add(leaf.at);
  }
  return [...names].join(' | ');
}

function itemSchema(schema: Schema, index: number): string | undefined {
  const prefix = asArray(schema.prefixItems);
  if (prefix && index < prefix.length) return `prefixItems/${index}`;
  if ('items' in schema && schema.items !== undefined) return 'items';
  return undefined;
}

/** A typed map's entry schema: `patternProperties` that match, or a non-empty `additionalProperties`. */
function mapEntrySchema(schema: Schema, key: string): string | undefined {
  if (isObject(schema.patternProperties)) {
    const pattern = Object.keys(schema.patternProperties).find((p) => new RegExp(p, 'u').test(key));
    if (pattern !== undefined) return `patternProperties/${escapePointer(pattern)}`;
  }
  const extra = schema.additionalProperties;
  if (isObject(extra) && Object.keys(extra).length > 0) return 'additionalProperties';
  return undefined;
}

function product(parts: Alternative[][]): Alternative[] {
  let result: Alternative[] = [[]];
  for (const options of parts) {
    const next: Alternative[] = [];
    for (const prefix of result) for (const option of options) next.push([...prefix, ...option]);
    result = next.slice(0, MAX_ALTERNATIVES);
  }
  return result;
}

function countFields(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countFields(v), 0);
  if (!isObject(value)) return 0;
  return Object.values(value).reduce((n: number, v) => n + 1 + countFields(v), 0);
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(object: unknown, key: string): boolean {
  return isObject(object) && Object.hasOwn(object, key);
}

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
