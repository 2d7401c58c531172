import { describe, expect, it } from 'vitest';
import type { Doc } from './support';
import { securitySchemes } from './support-steps';

const { unifySecuritySchemes } = await securitySchemes();

/** The published description's shape: `apiKey` and `bearer`, both http bearer, used by different operations. */
function twoBearerNames(): Doc {
  return {
    security: [{ apiKey: [] }],
    paths: {
      '/keys': {
        get: { security: [{ apiKey: [] }], responses: {} },
        post: { security: [{ bearer: [] }], responses: {} },
      },
      '/models': { get: { security: [], responses: {} } },
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

describe('unifySecuritySchemes', () => {
  it('renames every bearer scheme to `bearer`, in the document and each operation, and drops the other names', () => {
    const doc = unifySecuritySchemes(twoBearerNames());
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/keys'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/keys'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } });
  });

  it('reads the scheme name without regard to case (`Bearer`)', () => {
    const doc: Doc = {
      paths: { '/keys': { get: { security: [{ Key: [] }], responses: {} } } },
      components: { securitySchemes: { Key: { type: 'http', scheme: 'Bearer' } } },
    };
    unifySecuritySchemes(doc);
    expect(doc.paths['/keys'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes).toEqual({});
  });

  it('keeps `security: []` (no key needed) as it is', () => {
    const doc = unifySecuritySchemes(twoBearerNames());
    expect(doc.paths['/models'].get.security).toEqual([]);
  });

  it('leaves schemes that are not http bearer (an apiKey one saying `scheme: bearer` included), and the requirements naming them, untouched', () => {
    const doc: Doc = {
      paths: {
        '/keys': {
          get: { security: [{ provisioning: [], apiKey: [] }, { basic: [] }, { custom: [] }], responses: {} },
        },
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          provisioning: { type: 'apiKey', in: 'header', name: 'X-Key' },
          basic: { type: 'http', scheme: 'basic' },
          custom: { type: 'apiKey', in: 'header', name: 'X-Token', scheme: 'bearer' },
        },
      },
    };
    unifySecuritySchemes(doc);
    expect(doc.paths['/keys'].get.security).toEqual([{ provisioning: [], bearer: [] }, { basic: [] }, { custom: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      provisioning: { type: 'apiKey', in: 'header', name: 'X-Key' },
      basic: { type: 'http', scheme: 'basic' },
      custom: { type: 'apiKey', in: 'header', name: 'X-Token', scheme: 'bearer' },
    });
  });

  it('changes nothing in a document without security schemes', () => {
    const doc: Doc = { paths: { '/keys': { get: { responses: {} } } } };
    expect(unifySecuritySchemes(structuredClone(doc))).toEqual(doc);
  });
});
