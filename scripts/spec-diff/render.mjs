import { code, GROUPS } from './shared.mjs';

/** How many touched operations a line names before it says "and N more". */
const MAX_NAMED = 6;

/**
 * Renders a diff result as Markdown: breaking changes first, then the ones that need attention, then the
 * non-breaking ones, each grouped (operations, parameters, request bodies, responses, schemas).
 * With `touches` (operationsTouched) each line names the operations it touches, and with `methodOf`
 * the SDK method of each (`client.models.list`).
 * @param {import('./shared.mjs').DiffResult} result
 * @param {{ touches?: Record<string, string[]>, methodOf?: (operation: string) => string | undefined }} [options]
 * @returns {string}
 */
export function renderMarkdown(result, options = {}) {
  const { touches = {}, methodOf = () => undefined } = options;
  /** @param {string} operation */
  const withMethod = (operation) => {
    const method = methodOf(operation);
    return method ? `${code(operation)} (${code(method)})` : code(operation);
  };
  /** @param {import('./shared.mjs').Change} ch */
  const touched = (ch) => {
    const operations = touches[ch.location] ?? [];
    if (operations.length === 0) return '';
    if (operations.length === 1 && ch.location.startsWith(`${operations[0]}`)) {
      const method = methodOf(/** @type {string} */ (operations[0]));
      return method ? ` (${code(method)})` : '';
    }
    const named = operations.slice(0, MAX_NAMED).map(withMethod).join(', ');
    const more = operations.length > MAX_NAMED ? ` and ${operations.length - MAX_NAMED} more` : '';
    return `; touches ${named}${more}`;
  };
  const { breaking, attention, nonBreaking } = result;
  if (breaking.length + attention.length + nonBreaking.length === 0) return 'No API changes.\n';
  const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) =>
    `${n} ${n === 1 ? one : many}`;
  const lines = [
    '## API changes',
    '',
    `${plural(breaking.length, 'breaking change', 'breaking changes')}, ` +
      `${plural(attention.length, 'change that needs', 'changes that need')} attention, ` +
      `${plural(nonBreaking.length, 'non-breaking change', 'non-breaking changes')}.`,
  ];
  /** @param {string} title @param {import('./shared.mjs').Change[]} changes @param {string} [note] */
  const section = (title, changes, note) => {
    if (!changes.length) return;
    lines.push('', `### ${title}`);
    if (note) lines.push('', note);
    for (const group of GROUPS) {
      const inGroup = changes.filter((ch) => ch.group === group);
      if (!inGroup.length) continue;
      lines.push('', `#### ${group}`, '');
      for (const ch of inGroup) lines.push(`- ${code(ch.location)}: ${ch.message}${touched(ch)}`);
    }
  };
  section('Breaking changes', breaking);
  section(
    'Needs attention',
    attention,
    'Compatible on the wire, but clients may now receive values or shapes they did not handle before ' +
      '(for example in an exhaustive `switch`).',
  );
  section('Non-breaking changes', nonBreaking);
  return `${lines.join('\n')}\n`;
}
