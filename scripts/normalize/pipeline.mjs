import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkDocument } from './checks.mjs';
import { Merger } from './merge.mjs';
import { applyOverlay } from './overlay.mjs';
import { Problems, ProblemsError, throwFirst } from './problems.mjs';
import { loadPublished } from './published.mjs';
import { stableOrder } from './stable-output.mjs';
import { findNameCollisions, findStaleNames } from './stale-names.mjs';
import { scopeAnswerSchemas, splitAnswerSchemas } from './steps/answer-schemas.mjs';
import { removeAuthorizationHeader } from './steps/authorization-header.mjs';
import { absoluteDocLinks } from './steps/doc-links.mjs';
import { describeErrorResponses } from './steps/error-responses.mjs';
import { describeEventStreams } from './steps/event-streams.mjs';
import { identifierNames } from './steps/identifier-names.mjs';
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
import { openResponseEnums } from './steps/open-response-enums.mjs';
import { openUnions } from './steps/open-unions.mjs';
import { dedupeUnionBranches } from './steps/overlapping-unions.mjs';
import { fixSchemaKeywords } from './steps/schema-keywords.mjs';
import { unifySecuritySchemes } from './steps/security-schemes.mjs';
import { removeUnusedComponents } from './steps/unused-components.mjs';

const readYaml = (file) => parse(readFileSync(file, 'utf8'));

/** The source pages, most authoritative first (their `source.precedence`, highest first). */
export function loadSources(dir, problems = throwFirst) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const data = readYaml(join(dir, file));
      const problem = (what) => problems.add({ what, where: file, file: `openapi/sources/${file}` });
      if (typeof data?.source?.precedence !== 'number') {
        problem('needs source.precedence (a number)');
        return [];
      }
      if (!Array.isArray(data.fragments) || data.fragments.length === 0) {
        problem('has no fragments');
        return [];
      }
      return [{ file, ...data }];
    })
    .sort((a, b) => b.source.precedence - a.source.precedence);
}

/**
 * The mechanical fixes of one page's document, in order (each one a tested step). Missing names
 * go to `problems` (all of them are collected); without a collector the first one is thrown.
 */
export function fixFragment(document, names, where, mergeSame, problems) {
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
  setReadableTags(doc, names.tags ?? {}, names.operationTags ?? {}, where, problems);
  setOperationIds(doc, names.operationIds ?? {}, where, problems);
  hoistRequestBodies(doc, names.requestBodies ?? {}, where, problems);
  hoistResponseBodies(doc, names.responseBodies ?? {}, where, problems);
  renameSchemas(doc, names.schemas ?? {}, where, mergeSame, problems, names.schemasSection);
  hoistInlineSchemas(doc, names.inline ?? {}, where, problems);
  return doc;
}

/**
 * sources + names + overlays -> the normalized document and the merge conflicts found on the way.
 * The published description is merged first (it is the more authoritative source), then the docs
 * pages, most authoritative first: the union of what they describe, the earlier one winning a
 * contradiction. Its component names are mapped to the pages' names (names.yaml publishedSchemas).
 * Every problem that needs a decision (a missing name, a stale names.yaml entry or overlay target, a
 * broken check) is collected; if there is any, a ProblemsError with all of them is thrown at the end.
 */
export function normalize(openapiDir) {
  const problems = new Problems();
  const names = readYaml(join(openapiDir, 'names.yaml'));
  const base = readYaml(join(openapiDir, 'base.yaml'));
  const merger = new Merger();
  const published = loadPublished(openapiDir);
  const sources = loadSources(join(openapiDir, 'sources'), problems);
  const namesOfAbsentOperations = findStaleNames(names, published.document, sources, problems, published.label);
  const mergeInto = (a, b, name) => merger.mergeSchema(a, b, `components.schemas.${name}`);
  merger.page = published.label;
  merger.add(
    fixFragment(
      published.document,
      {
        ...names,
        schemas: names.publishedSchemas ?? {},
        schemasSection: 'publishedSchemas',
        inline: names.publishedInline ?? {},
      },
      published.label,
      mergeInto,
      problems,
    ),
    published.label,
    { restatements: false },
  );
  const pageSchemaNames = new Set();
  for (const source of sources) {
    for (const fragment of source.fragments) {
      const page = `${source.file} (${fragment.page})`;
      merger.page = page;
      const fixed = fixFragment(fragment.document, names, page, mergeInto, problems);
      for (const name of Object.keys(fixed.components?.schemas ?? {})) pageSchemaNames.add(name);
      merger.add(fixed, page);
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
  for (const file of overlays) applyOverlay(doc, readYaml(join(overlayDir, file)), `overlays/${file}`, problems);
  const scopedSchemas = scopeAnswerSchemas(doc);
  const answerSchemas = splitAnswerSchemas(doc, names.answerSchemas ?? {}, problems);
  const openedEnums = openResponseEnums(doc);
  openEnums(doc, problems);
  const openedUnions = openUnions(doc);
  absoluteDocLinks(doc);
  fixSchemaKeywords(doc); // again: merging and overlays can join a page's enum to a nullable one
  const unused = removeUnusedComponents(doc);
  const invalidExamples = removeInvalidExamples(doc);
  const renamedIdentifiers = identifierNames(doc);
  const ordered = stableOrder(doc);
  checkDocument(ordered, problems);
  const collisions = findNameCollisions(
    published.document,
    names.publishedSchemas ?? {},
    pageSchemaNames,
    merger.conflicts,
  );
  if (problems.list.length > 0) throw new ProblemsError(problems.list, { collisions });
  return {
    namesOfAbsentOperations,
    collisions,
    document: ordered,
    conflicts: merger.conflicts,
    overlays,
    published: published.source,
    unused,
    invalidExamples,
    openedEnums,
    answerSchemas,
    scopedSchemas,
    openedUnions,
    renamedIdentifiers,
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
