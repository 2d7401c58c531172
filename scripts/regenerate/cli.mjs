#!/usr/bin/env node
// npm run regenerate [-- <published version: file or URL>] [--version YYYY-MM-DD] [--origin URL] [--seeds DIR] [--normalize-only]
//
// One command from a new published description to a consistent project: puts the version in place
// (openapi/sources/published/), extracts every docs page, normalizes, generates everything generated
// (npm run generate), checks the answers the live API was seen to send against it (../shared/realdata,
// when present) and writes the API-change report (openapi/CHANGES.md, openapi/changes.json).
// Exit 0: consistent. Exit 1: a human decision is needed; ONE message lists every problem with the
// file to edit (the report says the same). Exit 2: bad arguments or an unreadable input (nothing changed).
// --normalize-only writes openapi/openapi.yaml without running the generators (the replay test).
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { writeNormalized } from '../normalize/output.mjs';
import { renderProblems } from '../normalize/problems.mjs';
import { loadMethodNames } from '../spec-diff/methods.mjs';
import { parseSpec } from '../spec-diff/read.mjs';
import { extractPages } from './steps/extract.mjs';
import { generateAll } from './steps/generate.mjs';
import { updateMethodRows } from './steps/method-rows.mjs';
import { checkMethodNames } from './steps/methods.mjs';
import { normalizeSources } from './steps/normalize.mjs';
import { proposeNames, writeProposals } from './steps/propose-names.mjs';
import { placePublished } from './steps/published.mjs';
import { checkRecordedAnswers } from './steps/recorded-answers.mjs';
import { buildReport, writeReport } from './steps/report.mjs';

const USAGE = `usage: npm run regenerate [-- <published version: file or URL>] [options]
  <file or URL>       a new OpenRouter OpenAPI description (YAML or JSON, OpenAPI 3.1); without it the
                      committed one is kept and everything else is regenerated
  --version DATE      its version (YYYY-MM-DD); default: the date in openrouter-openapi.DATE.yaml, else today
  --origin URL        where a local file came from, for SOURCE.yaml (a GitHub file URL at a commit is
                      recorded as repository, path and commit); default: the URL, or the file's name
  --seeds DIR         the docs pages (default ../shared/seeds; absent: the committed sources are used)
  --normalize-only    write openapi/openapi.yaml and the report, not the generated code
`;

/** @returns {{ input?: string, version?: string, origin?: string, seeds: string, normalizeOnly: boolean } | string} options, or an error */
export function parseArguments(argv) {
  const options = { seeds: '../shared/seeds', normalizeOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--version' || arg === '--seeds' || arg === '--origin') {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value`;
      options[arg.slice(2)] = value;
    } else if (arg === '--normalize-only') options.normalizeOnly = true;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (options.input === undefined) options.input = arg;
    else return `one published version at a time (got ${options.input} and ${arg})`;
  }
  return options;
}

/**
 * Runs regenerate in the project at `root`; returns the exit code. Output goes to `io`.
 * @param {string[]} argv
 * @param {{ root?: string, cwd?: string, out?: (line: string) => void, err?: (line: string) => void }} [io]
 */
export async function regenerate(argv, io = {}) {
  const root = resolve(io.root ?? process.cwd());
  const cwd = io.cwd ?? process.cwd();
  const out = io.out ?? ((line) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line) => process.stderr.write(`${line}\n`));
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    err(`npm run regenerate: ${options}\n${USAGE}`);
    return 2;
  }
  if (options.origin !== undefined && options.input === undefined) {
    err(`npm run regenerate: --origin says where a new version came from: give the version too\n${USAGE}`);
    return 2;
  }
  const openapiDir = join(root, 'openapi');
  // Read now, parsed only if the run goes through (the report compares it with the new one).
  const oldFile = join(openapiDir, 'openapi.yaml');
  const oldText = existsSync(oldFile) ? readFileSync(oldFile, 'utf8') : null;

  let published = null;
  if (options.input !== undefined) {
    try {
      published = await placePublished({
        root,
        input: options.input,
        version: options.version,
        origin: options.origin,
        cwd,
      });
    } catch (error) {
      err(`npm run regenerate: ${error.message}`);
      return 2;
    }
    out(
      published.unchanged
        ? `published description ${published.to.version}: the one already in place (nothing new)`
        : `published description ${published.to.version} in place: ${published.to.operations} operations (${published.operationsAdded.length} added, ${published.operationsRemoved.length} removed)`,
    );
  } else {
    published = pendingPublished(openapiDir);
  }

  const notes = [];
  const problems = [];
  const extracted = extractPages({ root, seedsDir: resolve(cwd, options.seeds) });
  problems.push(...extracted.problems);
  notes.push(...extracted.notes);
  for (const note of extracted.notes) out(note);

  let normalized = normalizeSources({ root, previousSchemaNames: published?.previousSchemaNames ?? null });
  // Names a new operation needs are proposed (steps/propose-names.mjs) and the normalizer runs again;
  // when something else still needs a decision, names.yaml is put back as it was.
  let nameProposals = [];
  const proposed = proposeNames({ root, problems: normalized.problems });
  if (problems.length === 0 && proposed.proposals.length > 0 && proposed.rest.length === 0) {
    const before = writeProposals(root, proposed.proposals);
    const again = normalizeSources({ root, previousSchemaNames: published?.previousSchemaNames ?? null });
    if (again.problems.length === 0) {
      normalized = again;
      nameProposals = proposed.proposals;
      for (const { section, operation, name } of nameProposals) {
        out(`proposed name (review it in openapi/names.yaml ${section}): ${operation} → ${name}`);
      }
    } else writeFileSync(join(root, 'openapi', 'names.yaml'), before);
  }
  problems.push(...normalized.problems);
  // methods.yaml follows the document (steps/method-rows.mjs): a removed operation's row is set
  // aside, a new operation gets a proposed name; the report lists both.
  let methodRows = null;
  if (normalized.result && problems.length === 0) {
    methodRows = updateMethodRows({ root, document: normalized.result.document });
    for (const { operation, name } of methodRows.proposed) {
      out(`proposed method name (review it in openapi/methods.yaml): ${operation} → client.${name}`);
    }
    for (const { operation, name } of methodRows.removed) {
      out(`removed operation: ${operation} (client.${name}); its row moved to the removed section of methods.yaml`);
    }
    for (const { operation, name } of methodRows.restored) {
      out(`operation back: ${operation} gets its former method name client.${name}`);
    }
    const kept = normalized.result.namesOfAbsentOperations ?? [];
    if (kept.length > 0) {
      notes.push(
        `names.yaml keeps the names of ${new Set(kept.map((entry) => entry.operation)).size} operations no source has (CONTRIBUTING.md, "Removed operations"): ${[...new Set(kept.map((entry) => entry.operation))].join(', ')}`,
      );
    }
  }
  const methodNames = loadMethodNames(openapiDir);
  if (normalized.result) problems.push(...checkMethodNames(methodNames, normalized.result.document));

  if (problems.length === 0) {
    if (options.normalizeOnly) writeNormalized(openapiDir, normalized.result);
    else problems.push(...generateAll({ root }));
  }
  if (problems.length === 0 && !options.normalizeOnly) {
    const recorded = checkRecordedAnswers({ root });
    problems.push(...recorded.problems);
    notes.push(...recorded.notes);
    for (const note of recorded.notes) out(note);
  }
  const report = buildReport({
    published,
    oldDocument: problems.length === 0 ? parseOld(oldText) : null,
    newDocument: normalized.result?.document,
    methodNames,
    problems,
    notes,
    methodRows,
    nameProposals,
    generated: !options.normalizeOnly,
  });
  writeReport(root, report);
  if (problems.length > 0) {
    err(
      `npm run regenerate stopped: ${renderProblems(problems)}\n\nThen run \`npm run regenerate\` again (the report so far: openapi/CHANGES.md).`,
    );
    return 1;
  }
  const { summary } = report.api;
  out(
    `consistent: ${summary.breaking} breaking, ${summary.attention} needing attention, ${summary.nonBreaking} non-breaking API changes (openapi/CHANGES.md, openapi/changes.json)`,
  );
  return 0;
}

/** The normalized document as it was before this run, or null when there was none. */
function parseOld(text) {
  if (text === null) return null;
  try {
    return parseSpec(text, 'openapi/openapi.yaml');
  } catch {
    return null; // a broken committed output is replaced; the report then compares with nothing
  }
}

/**
 * A run without a new version after one that stopped: the published description it placed is still
 * pending, and the report keeps saying what it changed.
 */
function pendingPublished(openapiDir) {
  const file = join(openapiDir, 'changes.json');
  if (!existsSync(file)) return null;
  try {
    const last = JSON.parse(readFileSync(file, 'utf8'));
    const source = parse(readFileSync(join(openapiDir, 'sources', 'published', 'SOURCE.yaml'), 'utf8'));
    const pending =
      last.status === 'stopped' && last.published && String(source?.version) === last.published.to.version;
    return pending ? last.published : null;
  } catch {
    return null;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  regenerate(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      // A defect of this script: still one line, never a stack trace.
      process.stderr.write(`npm run regenerate: unexpected failure: ${error?.message ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
