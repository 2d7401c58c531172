// The README's method table lives between two markers and is a copy of generated/methods.md.
export const BEGIN = '<!-- methods:begin -->';
export const END = '<!-- methods:end -->';

/** `readme` with the text between the markers replaced by `table`; throws when the markers are missing. */
export function replaceMethodTable(readme, table) {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no ${BEGIN} ... ${END} section for the method table`);
  return `${readme.slice(0, start + BEGIN.length)}\n${table}${readme.slice(end)}`;
}
