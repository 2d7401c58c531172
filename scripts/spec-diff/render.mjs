import { code, GROUPS } from './shared.mjs';

/**
 * Renders a diff result as Markdown: breaking changes first, then the ones that need attention, then the
 * non-breaking ones, each grouped (operations, parameters, request bodies, responses, schemas).
 * @param {DiffResult} result
 * @returns {string}
 */
export function renderMarkdown(result) {
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
  /** @param {string} title @param {Change[]} changes @param {string} [note] */
  const section = (title, changes, note) => {
    if (!changes.length) return;
    lines.push('', `### ${title}`);
    if (note) lines.push('', note);
    for (const group of GROUPS) {
      const inGroup = changes.filter((ch) => ch.group === group);
      if (!inGroup.length) continue;
      lines.push('', `#### ${group}`, '');
      for (const ch of inGroup) lines.push(`- ${code(ch.location)}: ${ch.message}`);
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
