import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSpecs } from '../../spec-diff/compare.mjs';
import { methodLookup } from '../../spec-diff/methods.mjs';
import { operationsTouched } from '../../spec-diff/touches.mjs';
import { renderReport } from '../render-report.mjs';

// The API-change report of one regenerate run: openapi/changes.json (for tools: the workflow, the
// replay test) and openapi/CHANGES.md (for people: the pull request's description). A run that
// stopped writes one too, with what the published description changed and what needs a decision,
// and no API section: "No API changes." is only ever said of a document that was built.

/**
 * @param {{ published: object | null, oldDocument: object | null, newDocument?: object,
 *   methodNames: ReturnType<import('../../spec-diff/methods.mjs').loadMethodNames>,
 *   problems: object[], notes: string[], methodRows?: object | null, generated?: boolean }} run
 *   (generated: false with --normalize-only)
 */
export function buildReport({
  published,
  oldDocument,
  newDocument,
  methodNames,
  problems,
  notes,
  methodRows = null,
  nameProposals = [],
  generated = true,
}) {
  const status = problems.length > 0 ? 'stopped' : 'consistent';
  let api = null;
  if (status === 'consistent' && newDocument) {
    const before = oldDocument ?? { openapi: '3.1.0', paths: {} };
    const diff = diffSpecs(before, newDocument);
    const methodOf = methodLookup(before, newDocument, methodNames);
    const touches = operationsTouched(diff, before, newDocument);
    const methods = {};
    for (const operations of Object.values(touches)) {
      for (const operation of operations) methods[operation] = methodOf(operation) ?? null;
    }
    api = {
      summary: {
        breaking: diff.breaking.length,
        attention: diff.attention.length,
        nonBreaking: diff.nonBreaking.length,
      },
      ...diff,
      touches,
      methods,
      operationsAdded: diff.nonBreaking.filter((c) => c.kind === 'operation-added').map((c) => c.location),
      operationsRemoved: diff.breaking.filter((c) => c.kind === 'operation-removed').map((c) => c.location),
      summaries: summariesOf(newDocument),
    };
  }
  return {
    status,
    generated: status === 'consistent' && generated,
    methodNames: methodNames.source,
    // Rows of openapi/methods.yaml this run wrote: proposed names (for review), removed, restored.
    methodRows,
    // names.yaml entries this run proposed for new operations ({ section, operation, name }), for review.
    nameProposals,
    published,
    api,
    problems,
    notes,
  };
}

/** Writes openapi/changes.json and openapi/CHANGES.md; returns the Markdown. */
export function writeReport(root, report) {
  const markdown = renderReport(report);
  writeFileSync(join(root, 'openapi', 'changes.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'openapi', 'CHANGES.md'), markdown);
  return markdown;
}

function summariesOf(document) {
  const summaries = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (typeof op?.summary === 'string') summaries[`${method.toUpperCase()} ${path}`] = op.summary;
    }
  }
  return summaries;
}
