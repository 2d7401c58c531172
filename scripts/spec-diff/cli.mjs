#!/usr/bin/env node
// The API-change report: compares two OpenAPI 3.x documents and lists what changed for SDK users,
// breaking changes first, then changes that need attention, then non-breaking ones.
//
// usage: npm run spec:diff -- [--json] [--fail-on-breaking] <old> <new>
//   <old>, <new>   a YAML or JSON file, or git:<rev>:<path> (that file at that git revision, path from
//                  the repository root, read with `git show`)
//   --json         print the result as JSON instead of Markdown
//   --fail-on-breaking   exit 1 when there are breaking changes
// Exit codes: 0 ok, 1 breaking changes with --fail-on-breaking, 2 bad usage or unreadable input.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffSpecs } from './compare.mjs';
import { loadMethodNames, methodLookup } from './methods.mjs';
import { loadSpec } from './read.mjs';
import { renderMarkdown } from './render.mjs';
import { operationsTouched } from './touches.mjs';

const USAGE = `usage: spec-diff [--json] [--fail-on-breaking] <old> <new>
  <old>, <new>          an OpenAPI 3.x document: a YAML or JSON file, or git:<rev>:<path>
                        (that file at that git revision, path from the repository root)
  --json                print the result as JSON instead of Markdown
  --fail-on-breaking    exit with status 1 when there are breaking changes
Each change names the operations it touches and their SDK methods (openapi/methods.yaml in the
current folder when there is one, else the operationId).
`;

/**
 * Runs the command line; returns the exit code.
 * @param {string[]} argv
 * @param {{ stdout?: { write(s: string): unknown }, stderr?: { write(s: string): unknown }, cwd?: string }} [io]
 * @returns {number}
 */
export function main(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let json = false;
  let failOnBreaking = false;
  const positional = [];
  let options = true;
  for (const arg of argv) {
    if (options && arg === '--') options = false;
    else if (options && arg === '--json') json = true;
    else if (options && arg === '--fail-on-breaking') failOnBreaking = true;
    else if (options && (arg === '--help' || arg === '-h')) {
      stdout.write(USAGE);
      return 0;
    } else if (options && arg.startsWith('-') && arg !== '-') {
      stderr.write(`spec-diff: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length !== 2) {
    stderr.write(`spec-diff: expected two documents, got ${positional.length}\n${USAGE}`);
    return 2;
  }
  let result;
  let touches;
  let methodOf;
  try {
    const oldDoc = loadSpec(/** @type {string} */ (positional[0]), { cwd: io.cwd });
    const newDoc = loadSpec(/** @type {string} */ (positional[1]), { cwd: io.cwd });
    result = diffSpecs(oldDoc, newDoc);
    touches = operationsTouched(result, oldDoc, newDoc);
    methodOf = methodLookup(oldDoc, newDoc, loadMethodNames(resolve(io.cwd ?? process.cwd(), 'openapi')));
  } catch (error) {
    stderr.write(`spec-diff: ${/** @type {Error} */ (error).message}\n`);
    return 2;
  }
  if (json) {
    const summary = {
      breaking: result.breaking.length,
      attention: result.attention.length,
      nonBreaking: result.nonBreaking.length,
    };
    stdout.write(`${JSON.stringify({ summary, ...result, touches }, null, 2)}\n`);
  } else {
    stdout.write(renderMarkdown(result, { touches, methodOf }));
  }
  return failOnBreaking && result.breaking.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
