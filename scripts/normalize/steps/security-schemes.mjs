import { operations } from '../walk.mjs';

/**
 * Defect (published description): two names for one scheme, `apiKey` and `bearer`, both
 * `http`/`bearer`, used by different operations. Every bearer scheme becomes the one `bearer`
 * scheme of openapi/base.yaml; `security: []` (no key needed) is kept as it is.
 */
export function unifySecuritySchemes(doc) {
  const schemes = doc.components?.securitySchemes ?? {};
  const bearer = new Set(
    Object.entries(schemes)
      .filter(([, scheme]) => scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
      .map(([name]) => name),
  );
  const rename = (requirements) =>
    requirements.map((requirement) =>
      Object.fromEntries(
        Object.entries(requirement).map(([name, scopes]) => [bearer.has(name) ? 'bearer' : name, scopes]),
      ),
    );
  if (Array.isArray(doc.security)) doc.security = rename(doc.security);
  for (const { op } of operations(doc)) if (Array.isArray(op.security)) op.security = rename(op.security);
  for (const name of bearer) if (name !== 'bearer') delete schemes[name];
  return doc;
}
