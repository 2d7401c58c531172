import { renderProblems } from '../normalize/problems.mjs';
import { renderMarkdown } from '../spec-diff/render.mjs';

// openapi/CHANGES.md: what the published description changed, what needs a decision (when the run
// stopped), then the API changes for SDK users (breaking first, each with the operations and SDK
// methods it touches) and the new operations with their methods.

const code = (text) => `\`${text}\``;

/** @param {ReturnType<typeof import('./steps/report.mjs').buildReport>} report */
export function renderReport(report) {
  const { published, api, problems, status } = report;
  const lines = [];
  const title = published
    ? `# Regenerated from the published description ${published.to.version}`
    : '# Regenerated from the committed sources';
  lines.push(title, '');
  lines.push(
    status === 'consistent'
      ? `Status: consistent (sources, names and overlays agree${report.generated ? ', and everything generated is up to date' : '; normalized only, nothing generated'}).`
      : `Status: **stopped**, ${problems.length} ${problems.length === 1 ? 'problem needs' : 'problems need'} a decision (below). Nothing was generated; the API changes are listed once the run goes through.`,
  );
  if (published) {
    lines.push('', '## The published description', '');
    lines.push(
      `${published.from ? `${published.from.version} (${published.from.operations} operations)` : 'none'} → ${published.to.version} (${published.to.operations} operations), from ${code(published.to.origin)}.`,
    );
    lines.push('', `- operations added (${published.operationsAdded.length}): ${list(published.operationsAdded)}`);
    lines.push(`- operations removed (${published.operationsRemoved.length}): ${list(published.operationsRemoved)}`);
  }
  if (status === 'stopped') {
    lines.push('', '## Needs a decision', '', '```', renderProblems(problems), '```');
    lines.push('', 'Edit those files, then run `npm run regenerate` again (the new version is already in place).');
  }
  if (api) {
    const methodOf = (operation) => api.methods[operation] ?? undefined;
    if (api.operationsAdded.length > 0) {
      lines.push('', '## New operations', '');
      for (const operation of api.operationsAdded) {
        const method = methodOf(operation);
        const summary = api.summaries[operation];
        lines.push(`- ${code(operation)}${method ? ` → ${code(method)}` : ''}${summary ? `: ${summary}` : ''}`);
      }
    }
    lines.push('', renderMarkdown(api, { touches: api.touches, methodOf }).trimEnd());
  }
  const rows = report.methodRows;
  if (rows && rows.proposed.length + rows.removed.length + rows.restored.length > 0) {
    lines.push('', '## Method names (openapi/methods.yaml)', '');
    for (const { operation, name } of rows.proposed) {
      lines.push(
        `- proposed, for review: ${code(operation)} → ${code(`client.${name}`)} (the naming rule; rename it there)`,
      );
    }
    for (const { operation, name } of rows.removed) {
      lines.push(`- removed: ${code(operation)} → ${code(`client.${name}`)} (row kept in the \`removed\` section)`);
    }
    for (const { operation, name } of rows.restored) {
      lines.push(`- back: ${code(operation)} → ${code(`client.${name}`)} (its former name)`);
    }
  }
  if ((report.nameProposals ?? []).length > 0) {
    lines.push('', '## Names proposed for new operations (openapi/names.yaml)', '');
    for (const { section, operation, name } of report.nameProposals) {
      lines.push(`- ${section} ${code(operation)}: ${code(name)}`);
    }
  }
  for (const note of report.notes ?? []) lines.push('', `> ${note}`);
  return `${lines.join('\n')}\n`;
}

const list = (operations) => (operations.length === 0 ? 'none' : operations.map(code).join(', '));
