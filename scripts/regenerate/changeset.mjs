#!/usr/bin/env node
// Writes the changeset of a regenerate run (.changeset/regenerate-openapi.md, one file, rewritten by
// each run, so the regenerate pull request carries one): the bump follows the API-change report in
// openapi/changes.json (breaking: major, or minor while the version is 0.x; else minor for new
// operations, patch for the rest), the entry says which published version and what changed.
//
// usage: node scripts/regenerate/changeset.mjs   (after npm run regenerate, from the project root)
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHANGESET_FILE = join('.changeset', 'regenerate-openapi.md');

/** The changeset text for a report (openapi/changes.json) and the package's name and version. */
export function changesetFor(report, { name, version }) {
  const breaking = report.api?.summary.breaking ?? 0;
  const added = report.api?.operationsAdded ?? [];
  const removed = report.api?.operationsRemoved ?? [];
  const bump = breaking > 0 ? (version.startsWith('0.') ? 'minor' : 'major') : added.length > 0 ? 'minor' : 'patch';
  const from = report.published?.to
    ? `OpenRouter's published API description ${report.published.to.version}`
    : 'the docs sources';
  const parts = [];
  if (added.length > 0)
    parts.push(`${added.length} new ${added.length === 1 ? 'operation' : 'operations'} (${added.join(', ')})`);
  if (removed.length > 0) parts.push(`${removed.length} removed (${removed.join(', ')})`);
  if (breaking > 0)
    parts.push(`${breaking} breaking ${breaking === 1 ? 'change' : 'changes'} (see openapi/CHANGES.md)`);
  const what = parts.length > 0 ? `: ${parts.join('; ')}` : ': types and descriptions brought up to date';
  const pending =
    report.status === 'stopped' ? ' (pending: the regenerate run needs decisions, see openapi/CHANGES.md)' : '';
  return `---\n"${name}": ${bump}\n---\n\nRegenerated from ${from}${what}.${pending}\n`;
}

function main() {
  const report = JSON.parse(readFileSync(join('openapi', 'changes.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  writeFileSync(CHANGESET_FILE, changesetFor(report, pkg));
  console.log(`wrote ${CHANGESET_FILE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main();
