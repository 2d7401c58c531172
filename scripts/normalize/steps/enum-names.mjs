// Constant names for enum values, as `x-enum-varnames` (openapi-generator, oapi-codegen) reads
// them: generators in other languages name an open enum's known values with them instead of
// inventing names (or dropping the values) for `16:9` or `openai/gpt-4o`.

/**
 * One identifier per value, in order: the value's letters and digits in PascalCase (`in_progress`
 * -> `InProgress`, `openai/gpt-4o` -> `OpenaiGpt4o`), an underscore kept between two digits
 * (`16:9` -> `Value16_9`), `Value` before a leading digit or minus sign, and `_2`, `_3`... after a
 * name already taken by an earlier value (compared without case, as some languages fold it).
 * @param {(string | number)[]} values
 */
export function enumVarNames(values) {
  const taken = new Set();
  return values.map((value) => {
    const text = String(value);
    const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let name = '';
    for (const word of words) {
      const joint = /\d$/.test(name) && /^\d/.test(word) ? '_' : '';
      name += joint + word.charAt(0).toUpperCase() + word.slice(1);
    }
    if (name === '') name = 'Empty';
    if (/^\d/.test(name) || /^-/.test(text)) name = `${/^-/.test(text) ? 'Minus' : 'Value'}${name}`;
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name}_${n}`;
    taken.add(unique.toLowerCase());
    return unique;
  });
}
