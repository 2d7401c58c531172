#!/usr/bin/env node
// Dev tool (not a pipeline step): proposes names.yaml `publishedSchemas` entries by walking the
// normalized document and a published description side by side, from each shared operation's
// bodies down through properties, items and union branches. Where both sides hold a `$ref`, the
// published component is the same concept as ours and gets our (public, stable) name.
// usage: node scripts/dev/align-names.mjs <normalized.yaml> <published.yaml>
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [ours, theirs] = process.argv.slice(2).map((file) => parse(readFileSync(file, 'utf8')));
const REF = '#/components/schemas/';
const pairs = new Map(); // published name -> our name
const conflicts = [];
const seen = new Set();
const deref = (doc, s) => (s?.$ref?.startsWith(REF) ? doc.components.schemas[s.$ref.slice(REF.length)] : s);
const refName = (s) => (s?.$ref?.startsWith(REF) ? s.$ref.slice(REF.length) : undefined);
const unwrap = (s) => {
  // a nullable ref, or allOf [ref, annotations]
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = s?.[key];
    if (Array.isArray(list)) {
      const real = list.filter((b) => b.type !== 'null' && !(Object.keys(b).length <= 2 && b.description && !b.$ref));
      if (real.length === 1) return unwrap(real[0]);
    }
  }
  return s;
};
function tag(s, doc) {
  const r = deref(doc, s) ?? {};
  for (const key of ['type', 'role', 'object']) {
    const p = r.properties?.[key];
    const v = p?.const ?? (p?.enum?.length === 1 ? p.enum[0] : undefined);
    if (v !== undefined) return `${key}=${v}`;
  }
  return undefined;
}
function align(a, b, at) {
  a = unwrap(a);
  b = unwrap(b);
  if (!a || !b) return;
  const na = refName(a);
  const nb = refName(b);
  if (na && nb) {
    if (pairs.has(nb) && pairs.get(nb) !== na) conflicts.push(`${nb}: ${pairs.get(nb)} vs ${na} (${at})`);
    else pairs.set(nb, na);
    const key = `${na}|${nb}`;
    if (seen.has(key)) return;
    seen.add(key);
  }
  const sa = deref(ours, a);
  const sb = deref(theirs, b);
  if (!sa || !sb) return;
  for (const [prop, sub] of Object.entries(sa.properties ?? {})) {
    if (sb.properties?.[prop]) align(sub, sb.properties[prop], `${at}.${prop}`);
  }
  if (sa.items && sb.items) align(sa.items, sb.items, `${at}[]`);
  if (typeof sa.additionalProperties === 'object' && typeof sb.additionalProperties === 'object')
    align(sa.additionalProperties, sb.additionalProperties, `${at}{}`);
  const ua = sa.oneOf ?? sa.anyOf;
  const ub = sb.oneOf ?? sb.anyOf;
  if (Array.isArray(ua) && Array.isArray(ub)) {
    const tb = new Map(ub.map((branch) => [tag(branch, theirs), branch]));
    for (const [i, branch] of ua.entries()) {
      const t = tag(branch, ours);
      if (t && tb.has(t)) align(branch, tb.get(t), `${at}|${t}`);
      else if (!t && ua.length === ub.length) align(branch, ub[i], `${at}|${i}`);
    }
  }
}
for (const [route, item] of Object.entries(ours.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const other = theirs.paths?.[route]?.[method];
    if (!other) continue;
    const at = `${method.toUpperCase()} ${route}`;
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
      align(media.schema, other.requestBody?.content?.[type]?.schema, `${at} body`);
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      for (const [type, media] of Object.entries(response.content ?? {}))
        align(media.schema, other.responses?.[status]?.content?.[type]?.schema, `${at} ${status}`);
    }
    for (const param of op.parameters ?? []) {
      const twin = other.parameters?.find((p) => p.name === param.name && p.in === param.in);
      if (twin) align(param.schema, twin.schema, `${at} ${param.name}`);
    }
  }
}
for (const [nb, na] of [...pairs].sort()) console.log(`  ${nb}: ${na}`);
if (conflicts.length) console.error(`conflicts:\n  ${conflicts.join('\n  ')}`);
