/**
 * Defect: descriptions link to OpenRouter's docs by site-relative paths
 * (`[Management key](/docs/guides/overview/auth/management-api-keys)`), which resolve only on
 * openrouter.ai: in a doc comment, the API reference site or another language's generated docs
 * they point nowhere. Each `description` and `summary` gets such a link made absolute, against
 * https://openrouter.ai; examples and values are left as they are.
 */
export function absoluteDocLinks(doc) {
  visit(doc);
  return doc;
}

const ORIGIN = 'https://openrouter.ai';
const TEXT_KEYS = new Set(['description', 'summary']);
const VALUE_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** `](/path)` -> `](https://openrouter.ai/path)`; `](//host)` (protocol-relative) is left alone. */
export const absoluteLinks = (text) => text.replace(/\]\(\/(?!\/)/g, `](${ORIGIN}/`);

function visit(node) {
  if (Array.isArray(node)) {
    for (const item of node) visit(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (TEXT_KEYS.has(key) && typeof value === 'string') node[key] = absoluteLinks(value);
    else if (!VALUE_KEYS.has(key)) visit(value);
  }
}
