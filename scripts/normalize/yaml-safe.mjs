import { Document, visit } from 'yaml';

// openapi.yaml reads the same in YAML 1.1 (PyYAML, SnakeYAML, go-yaml v2) as in YAML 1.2: a string
// that either version would resolve to something else when plain (`16:9` is the base-60 number 969
// in 1.1, `2026-08-22` a date, `yes` and `on` booleans, `0o7` a 1.2 octal) is written in double quotes.

const RESOLVED = ['1.1', '1.2'].flatMap((version) =>
  new Document(null, { version }).schema.tags
    .filter((tag) => tag.test && tag.tag !== 'tag:yaml.org,2002:str')
    .map((tag) => tag.test),
);
// YAML 1.1's `=` (value) and `<<` (merge) tags, which the `yaml` package does not resolve but PyYAML does.
const VALUE_OR_MERGE = /^(?:=|<<)$/;

/** Whether a plain scalar with this text would be read as something other than this string. */
export function needsQuotes(text) {
  return VALUE_OR_MERGE.test(text) || RESOLVED.some((test) => test.test(text));
}

/** The document as YAML in which every string is a string for YAML 1.1 and 1.2 readers alike. */
export function stringifyYamlSafe(value) {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 });
}
