import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkDocument } from './checks.mjs';
import { Merger } from './merge.mjs';
import { applyOverlay } from './overlay.mjs';
import { loadPublished } from './published.mjs';
import { stableOrder } from './stable-output.mjs';
import { removeAuthorizationHeader } from './steps/authorization-header.mjs';
import { describeErrorResponses } from './steps/error-responses.mjs';
import { describeEventStreams } from './steps/event-streams.mjs';
import { removeInvalidExamples } from './steps/invalid-examples.mjs';
import { fixLiteralEnums } from './steps/literal-enums.mjs';
import {
  hoistInlineSchemas,
  hoistRequestBodies,
  hoistResponseBodies,
  renameSchemas,
  setOperationIds,
  setReadableTags,
} from './steps/names.mjs';
import { convertNullable } from './steps/nullable.mjs';
import { fixObjectEnums } from './steps/object-enums.mjs';
import { openEnums } from './steps/open-enums.mjs';
import { dedupeUnionBranches } from './steps/overlapping-unions.mjs';
import { fixSchemaKeywords } from './steps/schema-keywords.mjs';
import { unifySecuritySchemes } from './steps/security-schemes.mjs';
import { removeUnusedComponents } from './steps/unused-components.mjs';

const readYaml = (file) => parse(readFileSync(file, 'utf8'));

/** The source pages, most authoritative first (their `source.precedence`, highest first). */
export function loadSources(dir) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const data = readYaml(join(dir, file));
      if (typeof data?.source?.precedence !== 'number') throw new Error(`${file}: needs source.precedence (a number)`);
      if (!Array.isArray(data.fragments) || data.fragments.length === 0) throw new Error(`${file}: has no fragments`);
      return { file, ...data };
    })
    .sort((a, b) => b.source.precedence - a.source.precedence);
}

/** The mechanical fixes of one page's document, in order (each one a tested step). */
export function fixFragment(document, names, where, mergeSame) {
  const doc = structuredClone(document);
  fixObjectEnums(doc);
  fixLiteralEnums(doc);
  convertNullable(doc);
  fixSchemaKeywords(doc);
  dedupeUnionBranches(doc);
  removeAuthorizationHeader(doc);
  unifySecuritySchemes(doc);
  describeEventStreams(doc);
  describeErrorResponses(doc);
  setReadableTags(doc, names.tags ?? {}, names.operationTags ?? {}, where);
  setOperationIds(doc, names.operationIds ?? {}, where);
  hoistRequestBodies(doc, names.requestBodies ?? {}, where);
  hoistResponseBodies(doc, names.responseBodies ?? {}, where);
  renameSchemas(doc, names.schemas ?? {}, where, mergeSame);
  hoistInlineSchemas(doc, names.inline ?? {}, where);
  return doc;
}

/**
 * sources + names + overlays -> the normalized document and the merge conflicts found on the way.
 * The published description is merged first (it is the more authoritative source), then the docs
 * pages, most authoritative first: the union of what they describe, the earlier one winning a
 * contradiction. Its component names are mapped to the pages' names (names.yaml publishedSchemas).
 */
export function normalize(openapiDir) {
  const names = readYaml(join(openapiDir, 'names.yaml'));
  const base = readYaml(join(openapiDir, 'base.yaml'));
  const merger = new Merger();
  const published = loadPublished(openapiDir);
  const mergeInto = (a, b, name) => merger.mergeSchema(a, b, `components.schemas.${name}`);
  merger.page = published.label;
  merger.add(
    fixFragment(
      published.document,
      { ...names, schemas: names.publishedSchemas ?? {}, inline: names.publishedInline ?? {} },
      published.label,
      mergeInto,
    ),
    published.label,
    { restatements: false },
  );
  for (const source of loadSources(join(openapiDir, 'sources'))) {
    for (const fragment of source.fragments) {
      const page = `${source.file} (${fragment.page})`;
      merger.page = page;
      merger.add(fixFragment(fragment.document, names, page, mergeInto), page);
    }
  }
  const doc = {
    ...base,
    tags: mergeTags(base.tags ?? [], published.document.tags ?? [], names.tags ?? {}),
    paths: merger.doc.paths,
    components: { ...base.components, schemas: merger.doc.components.schemas },
  };
  const overlayDir = join(openapiDir, 'overlays');
  const overlays = readdirSync(overlayDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  for (const file of overlays) applyOverlay(doc, readYaml(join(overlayDir, file)), `overlays/${file}`);
  openEnums(doc);
  fixSchemaKeywords(doc); // again: merging and overlays can join a page's enum to a nullable one
  const unused = removeUnusedComponents(doc);
  const invalidExamples = removeInvalidExamples(doc);
  const ordered = stableOrder(doc);
  checkDocument(ordered);
  return {
    document: ordered,
    conflicts: merger.conflicts,
    overlays,
    published: published.source,
    unused,
    invalidExamples,
  };
}

/** base.yaml's tags, then the published description's other tags (renamed like operations' tags). */
export function mergeTags(baseTags, publishedTags, tagNames) {
  const tags = [...baseTags];
  for (const tag of publishedTags) {
    const name = tagNames[tag.name] ?? tag.name;
    if (tags.some((kept) => kept.name === name)) continue;
    tags.push({ name, ...(tag.description ? { description: tag.description } : {}) });
  }
  return tags;
}
